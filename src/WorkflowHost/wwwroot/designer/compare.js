// Two versions of a process side by side: two bpmn-js viewers that scroll and zoom together, with the elements added
// (right), removed (left) and changed (both) marked in colour. The difference comes from bpmn-diff.js.
import { diff } from './bpmn-diff.js';
import { load, loadBpmnStyles, navigatedViewer } from '../js/assets.js';



let state = null;

const markerOf = { added: 'wf-diff-added', removed: 'wf-diff-removed', changed: 'wf-diff-changed' };

export async function open(leftEl, rightEl, leftXml, rightXml) {
  await Promise.all([
    loadBpmnStyles(),
    load('link', 'designer/compare.css'),
  ]);
  const Viewer = await navigatedViewer();
  const left = new Viewer({ container: leftEl });
  const right = new Viewer({ container: rightEl });
  state = { left, right, syncing: false };
  const warnings = [];
  for (const [viewer, xml] of [[left, leftXml], [right, rightXml]]) {
    const result = await viewer.importXML(xml);
    warnings.push(...(result.warnings || []).map(w => w.message));
  }
  // Both show the same area: the newer version's (usually the larger) fitted and centred.
  right.get('canvas').zoom('fit-viewport', 'auto');
  const box = right.get('canvas').viewbox();
  left.get('canvas').viewbox({ x: box.x, y: box.y, width: box.width, height: box.height });

  // Scroll and zoom together.
  const follow = (from, to) => from.on('canvas.viewbox.changed', ({ viewbox }) => {
    if (state.syncing) return;
    state.syncing = true;
    try { to.get('canvas').viewbox({ x: viewbox.x, y: viewbox.y, width: viewbox.width, height: viewbox.height }); }
    finally { state.syncing = false; }
  });
  follow(left, right);
  follow(right, left);

  const changes = diff(left, right);
  for (const c of changes) {
    const marker = markerOf[c.kind];
    if (c.kind !== 'added') tryMark(left, c.id, marker);
    if (c.kind !== 'removed') tryMark(right, c.id, marker);
  }
  return { warnings, changes };
}

function tryMark(viewer, id, marker) {
  if (viewer.get('elementRegistry').get(id)) viewer.get('canvas').addMarker(id, marker);
}

// Brings an element into view in both viewers (the other follows) and highlights it briefly.
export function focus(elementId) {
  if (!state) return;
  for (const viewer of [state.right, state.left]) {
    const element = viewer.get('elementRegistry').get(elementId);
    if (!element) continue;
    viewer.get('canvas').scrollToElement(element);
    return;
  }
}

export function destroy() {
  if (state) { state.left.destroy(); state.right.destroy(); }
  state = null;
}
