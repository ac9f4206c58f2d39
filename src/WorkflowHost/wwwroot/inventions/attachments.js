// Uploads the file chosen in an <input type="file"> to POST /api/v1/inventions/{id}/attachments (multipart, part
// "file") with the sign-in cookie, so the server's size (413) and type (415) checks answer in one place.
import { apiFetch } from '../js/assets.js';

export async function upload(input, inventionId) {
  const file = input && input.files && input.files[0];
  if (!file) return { status: 0, ok: false, fileName: null, title: 'no-file', detail: null };
  const body = new FormData();
  body.append('file', file, file.name);
  let r;
  try {
    r = await apiFetch(`api/v1/inventions/${inventionId}/attachments`, { method: 'POST', body, headers: { Accept: 'application/json' } });
  } catch (e) {
    return { status: 0, ok: false, fileName: file.name, title: 'network', detail: String(e) };
  }
  let answer = null;
  try { answer = await r.json(); } catch { answer = null; }
  if (r.ok) input.value = '';
  return { status: r.status, ok: r.ok, fileName: file.name, title: answer && !r.ok ? answer.title || null : null, detail: answer && !r.ok ? answer.detail || null : null };
}

/** Whether a file is chosen (checked before a new disclosure is saved for it). */
export function hasFile(input) { return !!(input && input.files && input.files.length > 0); }
