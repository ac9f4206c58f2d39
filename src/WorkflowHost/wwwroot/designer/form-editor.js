// A task form in form-js's editor (palette, canvas, properties panel; the bpmn.io watermark stays). The schema is read
// from and written to the REST API with the sign-in cookie: the draft if one was saved, else the version tasks use;
// Validate, Save draft and Publish go to /api/v1/forms/{key}/validate, /draft and PUT /api/v1/forms/{key}, so the
// server's checks answer in one place.
import { load, getJson, apiFetch } from '../js/assets.js';
let editor = null;


const base = key => `api/v1/forms/${encodeURIComponent(key)}`;


function answer(status, body, ok, version) {
  const errors = body && body.errors ? Object.entries(body.errors).map(([field, messages]) => ({ field, messages })) : [];
  return { status, ok, errors, version: version ?? null, detail: ok ? null : body && (body.detail || body.title) };
}

// Opens the form; detail is "draft" when the editor shows the saved draft.
export async function open(container, key) {
  await Promise.all([
    load('link', 'lib/form-js/form-js.css'),
    load('link', 'lib/form-js/form-js-editor.css'),
    load('link', 'lib/form-js/draggle.css'),
    load('link', 'lib/form-js/editor-properties-panel/properties-panel.css'),
  ]);
  await load('script', 'lib/form-js/form-editor.umd.js');
  let source = await getJson(`${base(key)}/draft`);
  const isDraft = source.status === 200;
  if (!isDraft) source = await getJson(base(key));
  if (source.status !== 200) return answer(source.status, source.body, false);
  editor = new window.FormEditor.FormEditor({ container, exporter: { name: 'WorkflowHost', version: '1.0' } });
  await editor.importSchema(source.body);
  container.formEditor = editor; // for the browser tests, which may add a field through the editor's API
  return { status: 200, ok: true, errors: [], version: null, detail: isDraft ? 'draft' : null };
}

async function send(method, url) {
  const r = await apiFetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(editor.saveSchema(), null, 2),
  });
  let body = null;
  try { body = await r.json(); } catch { body = null; }
  return { status: r.status, body };
}

export async function validate(key) {
  const { status, body } = await send('POST', `${base(key)}/validate`);
  return answer(status, body, status === 200 && body && body.valid);
}

export async function saveDraft(key) {
  const { status, body } = await send('PUT', `${base(key)}/draft`);
  return answer(status, body, status === 200);
}

export async function publish(key) {
  const { status, body } = await send('PUT', base(key));
  return answer(status, body, status === 201, status === 201 ? body.version : null);
}

export function destroy() {
  if (editor) editor.destroy();
  editor = null;
}
