// The operations views' diagram: the bpmn-js navigated viewer (read only) with overlays of live counts per element,
// markers for active and failing elements, and a selected element that is centred and highlighted.
// The page hands in the BPMN and the figures it read through the same services as the REST API.
import { load, navigatedViewer, namesInPageLanguage } from '../js/assets.js';


const viewers = new WeakMap();

/** Draws the diagram in the container (replacing one drawn before); clicks on an element are reported to dotnet.ElementClicked. */
export async function open(container, xml, dotnet) {
  await load('link', 'operations/operations.css');
  const Viewer = await navigatedViewer();
  const previous = viewers.get(container);
  if (previous) previous.viewer.destroy();
  const viewer = new Viewer({ container });
  viewers.set(container, { viewer, markers: [], selected: null });
  await viewer.importXML(namesInPageLanguage(xml));
  viewer.get('canvas').zoom('fit-viewport', 'auto');
  if (dotnet) {
    viewer.on('element.click', e => {
      if (e.element && e.element.type !== 'bpmn:Process' && e.element.type !== 'label') dotnet.invokeMethodAsync('ElementClicked', e.element.id);
    });
  }
  container.setAttribute('data-ready', 'true');
  return viewer.get('elementRegistry').getAll().filter(e => e.type !== 'label' && e.type !== 'bpmn:Process').map(e => e.id);
}

function badge(cls, testid, text, title) {
  const el = document.createElement('div');
  el.className = 'op-badge ' + cls;
  el.setAttribute('data-testid', testid);
  el.textContent = text;
  el.title = title;
  el.setAttribute('aria-label', title);
  return el;
}

/** Replaces the count badges: [{ elementId, openTasks, waiting, openIncidents }]; labels: { active, incidents }. */
export function showCounts(container, counts, labels) {
  const state = viewers.get(container);
  if (!state) return;
  const overlays = state.viewer.get('overlays');
  const registry = state.viewer.get('elementRegistry');
  overlays.remove({ type: 'op-count' });
  for (const c of counts) {
    if (!registry.get(c.elementId)) continue;
    const active = c.openTasks + c.waiting;
    if (active > 0)
      overlays.add(c.elementId, 'op-count', { position: { bottom: 12, left: -8 }, html: badge('op-badge-active', 'count-' + c.elementId, String(active), labels.active + ': ' + active) });
    if (c.openIncidents > 0)
      overlays.add(c.elementId, 'op-count', { position: { bottom: 12, right: 8 }, html: badge('op-badge-incident', 'incidents-' + c.elementId, String(c.openIncidents), labels.incidents + ': ' + c.openIncidents) });
  }
}

/** Marks the elements where tokens are (active) and where incidents are. */
export function mark(container, activeIds, incidentIds) {
  const state = viewers.get(container);
  if (!state) return;
  const canvas = state.viewer.get('canvas');
  const registry = state.viewer.get('elementRegistry');
  for (const [id, cls] of state.markers) canvas.removeMarker(id, cls);
  state.markers = [];
  for (const [ids, cls] of [[activeIds, 'op-active'], [incidentIds, 'op-incident']]) {
    for (const id of ids || []) {
      if (!registry.get(id)) continue;
      canvas.addMarker(id, cls);
      state.markers.push([id, cls]);
    }
  }
}

/** Selects an element: centres the view on it and highlights it (data-selected on the container names it). */
export function select(container, elementId) {
  const state = viewers.get(container);
  if (!state) return false;
  const canvas = state.viewer.get('canvas');
  const element = state.viewer.get('elementRegistry').get(elementId);
  if (state.selected) canvas.removeMarker(state.selected, 'op-selected');
  state.selected = null;
  if (!element) return false;
  canvas.addMarker(elementId, 'op-selected');
  state.selected = elementId;
  const box = canvas.viewbox();
  const x = element.x + (element.width || 0) / 2, y = element.y + (element.height || 0) / 2;
  canvas.viewbox({ x: x - box.width / 2, y: y - box.height / 2, width: box.width, height: box.height });
  container.setAttribute('data-selected', elementId);
  return true;
}

export function close(container) {
  const state = viewers.get(container);
  if (state) state.viewer.destroy();
  viewers.delete(container);
}
