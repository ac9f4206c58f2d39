// The difference between two BPMN diagrams, computed over their moddle trees (as bpmn-js reads them): elements added,
// removed, and changed with each changed attribute (old -> new). Layout (positions, waypoints) is not a change.
// Unknown extension attributes (camunda:, wf:) are compared as written, since the viewers read the files without
// their moddle extensions: every such attribute lands in $attrs under its qualified name.

// Properties that hold other elements (compared as elements of their own) or back-references.
const structural = new Set(['id', 'di', 'flowElements', 'artifacts', 'laneSets', 'lanes', 'childLaneSet', 'flowNodeRef',
  'incoming', 'outgoing', 'rootElements', 'diagrams', 'participants', 'messageFlows', 'boundaryEventRefs', 'categoryValueRef']);

function text(value) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : '[' + value.map(text).join(', ') + ']';
  return serialise(value);
}

// A nested moddle object (a condition, timer, multi-instance, extension element...) as one compact line.
function serialise(obj) {
  if (!obj.$type) return JSON.stringify(obj);
  const parts = [];
  const descriptor = obj.$descriptor;
  for (const p of (descriptor && descriptor.properties) || []) {
    if (p.name === 'id' || p.name === 'di') continue;
    const v = obj[p.name];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    parts.push(p.name + '=' + (p.isReference ? refText(v) : text(v)));
  }
  for (const [k, v] of Object.entries(obj.$attrs || {})) if (!k.startsWith('xmlns')) parts.push(k + '=' + v);
  if (obj.$body !== undefined) parts.push(String(obj.$body).trim());
  if (obj.$children) parts.push(text(obj.$children));
  return obj.$type.replace(/^bpmn:/, '') + (parts.length ? '{' + parts.join('; ') + '}' : '');
}

function refText(v) {
  if (Array.isArray(v)) return v.map(x => x && x.id).join(', ');
  return v && v.id ? v.id : String(v);
}

// Attribute name -> value (text) of one element, flat.
export function attributesOf(bo) {
  const out = { type: bo.$type };
  for (const p of (bo.$descriptor && bo.$descriptor.properties) || []) {
    if (structural.has(p.name)) continue;
    const v = bo[p.name];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    const s = p.isReference ? refText(v) : text(v);
    if (s !== '') out[p.name] = s;
  }
  for (const [k, v] of Object.entries(bo.$attrs || {})) if (!k.startsWith('xmlns')) out[k] = String(v);
  return out;
}

// Every element drawn in a viewer (not labels), by id.
export function elementsOf(viewer) {
  const map = new Map();
  for (const e of viewer.get('elementRegistry').getAll()) {
    const bo = e.businessObject;
    if (!bo || !bo.id || e.type === 'label' || e.labelTarget) continue;
    if (!map.has(bo.id)) map.set(bo.id, bo);
  }
  return map;
}

// [{ id, name, type, kind: 'added'|'removed'|'changed', changes: [{ attribute, before, after }] }], in a stable order.
export function diff(leftViewer, rightViewer) {
  const left = elementsOf(leftViewer);
  const right = elementsOf(rightViewer);
  const result = [];
  for (const [id, bo] of left) {
    if (!right.has(id)) { result.push({ id, name: bo.name || '', type: bo.$type, kind: 'removed', changes: [] }); continue; }
    const a = attributesOf(bo);
    const b = attributesOf(right.get(id));
    const changes = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[key] ?? '') !== (b[key] ?? '')) changes.push({ attribute: key, before: a[key] ?? '', after: b[key] ?? '' });
    }
    if (changes.length > 0) result.push({ id, name: right.get(id).name || bo.name || '', type: right.get(id).$type, kind: 'changed', changes });
  }
  for (const [id, bo] of right) {
    if (!left.has(id)) result.push({ id, name: bo.name || '', type: bo.$type, kind: 'added', changes: [] });
  }
  const order = { changed: 0, added: 1, removed: 2 };
  return result.sort((x, y) => order[x.kind] - order[y.kind] || x.id.localeCompare(y.id));
}
