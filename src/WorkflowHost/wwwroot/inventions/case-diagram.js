// The case's progress drawn on its BPMN diagrams with bpmn-js's NavigatedViewer: the main process and each stage it
// called, elements done and elements active marked. The progress comes from GET /api/v1/inventions/{id}/progress
// (only for those who may see the invention), each diagram from GET /api/v1/definitions/{process}/versions/{v}/bpmn.
import { navigatedViewer, namesInPageLanguage } from '../js/assets.js';
let viewers = [];



// Renders every diagram of the case into the container, one box each (the box's data-process names the process),
// titled with the names the page passes. Answers {status, stages: [{processId, status}]}.
export async function render(container, inventionId, titles) {
  destroy();
  container.innerHTML = '';
  const r = await fetch(`api/v1/inventions/${inventionId}/progress`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) return { status: r.status, stages: [] };
  const progress = await r.json();
  if (progress.diagrams.length === 0) return { status: 200, stages: [] };
  const BpmnViewer = await navigatedViewer();
  const running = progress.diagrams.filter(d => d.status === 'running');
  const current = running.length > 0 ? running[running.length - 1] : null;
  for (const d of progress.diagrams) {
    const box = document.createElement('section');
    box.className = 'case-diagram-box';
    box.dataset.process = d.processId;
    box.dataset.status = d.status;
    const heading = document.createElement('h3');
    heading.className = 'mud-typography mud-typography-subtitle1';
    heading.textContent = (titles[d.processId] || d.processId) + ` (v${d.version})` + (d === current && d.calledBy ? ' · ' + titles['$current'] : '');
    box.appendChild(heading);
    const canvasEl = document.createElement('div');
    canvasEl.className = 'case-diagram-canvas';
    box.appendChild(canvasEl);
    container.appendChild(box);
    const xml = await fetch(`api/v1/definitions/${encodeURIComponent(d.processId)}/versions/${d.version}/bpmn`, { credentials: 'same-origin' });
    if (!xml.ok) { canvasEl.textContent = `${xml.status}`; continue; }
    const viewer = new BpmnViewer({ container: canvasEl });
    viewers.push(viewer);
    try {
      await viewer.importXML(namesInPageLanguage(await xml.text()));
    } catch (e) {
      canvasEl.textContent = String(e);
      continue;
    }
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    for (const id of d.done) if (registry.get(id)) canvas.addMarker(id, 'case-done');
    for (const id of d.active) if (registry.get(id)) canvas.addMarker(id, 'case-active');
    canvas.zoom('fit-viewport');
  }
  return { status: 200, stages: progress.diagrams.map(d => ({ processId: d.processId, status: d.status })) };
}

export function destroy() {
  for (const v of viewers) v.destroy();
  viewers = [];
}
