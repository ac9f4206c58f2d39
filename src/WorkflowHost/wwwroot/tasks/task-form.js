// A task's form rendered with form-js; completion goes to POST /api/v1/tasks/{id}/complete, whose server-side
// check of the data answers with the fields it refuses (problem details), shown beside the form.
import { load, getJson, apiFetch } from '../js/assets.js';
import { validationMessages } from './form-messages.js';
import { localizeFormTexts } from './form-texts.js';
let form = null;
let stopTexts = () => {};



// Loads the task (403/404 from the API as they are) and, when it has one, renders its form filled with the instance's variables.
export async function open(container, taskId, dotnet) {
  const task = await getJson(`api/v1/tasks/${taskId}`);
  if (task.status !== 200) return { status: task.status, task: null, hasForm: false, detail: task.body && (task.body.detail || task.body.title) };
  const detail = task.body;
  if (detail.hasForm) {
    await load('link', 'lib/form-js/form-js.css');
    await load('script', 'lib/form-js/form-viewer.umd.js');
    const schema = await getJson(`api/v1/tasks/${taskId}/form`);
    // Every keystroke reaches the form's data at once (form-js debounces it by default): a re-render while a change
    // was still held back (another field's landing) put back the field's old value and dropped what was typed.
    // The schema comes in the user's language (the server applies its labels map); form-js's own checks follow the page's.
    form = new window.FormViewer.Form({ container, debounce: false, additionalModules: validationMessages(document.documentElement.lang) });
    // form-js's own texts ("Select", "Search", the date placeholder) in the page's language too.
    stopTexts = localizeFormTexts(container, document.documentElement.lang);
    await form.importSchema(schema.body, detail.variables || {});
    form.on('submit', async event => {
      if (Object.keys(event.errors || {}).length > 0) return;
      await dotnet.invokeMethodAsync('Submitting');
      const result = await complete(taskId, event.data);
      await dotnet.invokeMethodAsync('Completed', result);
    });
  }
  const t = detail.task;
  return {
    status: 200, hasForm: detail.hasForm, detail: null,
    task: { name: t.name, elementId: t.elementId, processId: t.processId, processName: t.processName, businessKey: t.businessKey, dueAt: t.dueAt, assignee: t.assignee, status: t.status, formKey: t.formKey },
  };
}

async function complete(taskId, data) {
  const r = await apiFetch(`api/v1/tasks/${taskId}/complete`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ variables: data || {} }),
  });
  let body = null;
  try { body = await r.json(); } catch { body = null; }
  const errors = body && body.errors ? Object.entries(body.errors).map(([field, messages]) => ({ field, messages })) : [];
  return { status: r.status, ok: r.ok, errors, detail: r.ok ? null : body && (body.detail || body.title) };
}

// For a task without a form file: complete with no data (the API accepts any object then).
export function completeWithoutForm(taskId) { return complete(taskId, {}); }

export function submit() { if (form) form.submit(); }

export function destroy() { stopTexts(); stopTexts = () => {}; if (form) form.destroy(); form = null; }
