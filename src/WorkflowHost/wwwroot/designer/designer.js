// The workflow designer: bpmn-js with its properties panel (Camunda 7 attributes) and a section for our wf: attributes.
// Validation, drafts and publishing go to the REST API with the sign-in cookie, so the server's checks answer.
import { load, bpmnModeler, apiFetch } from '../js/assets.js';

// Our attributes per element kind (doc/bpmn-subset.md). wf:assignee, wf:dueDate and the other twins of camunda:
// attributes cannot be declared beside camunda-bpmn-moddle (moddle refuses two extension properties with one local
// name); files that use them keep them unchanged on save, and the Camunda fields of the panel edit the camunda: ones.
const wfFields = [
  { types: ['bpmn:UserTask'], names: ['reminders', 'workingDays', 'personal', 'confidential'], flags: ['personal', 'confidential'] },
  { types: ['bpmn:ServiceTask'], names: ['handler', 'retries'] },
  { types: ['bpmn:SendTask'], names: ['template', 'to'] },
  { types: ['bpmn:CatchEvent'], names: ['correlationKey'], when: bo => (bo.eventDefinitions || []).some(d => d.$type === 'bpmn:MessageEventDefinition') },
];

let state = null;

export async function open(canvasEl, panelEl, wfEl, xml, labels) {
  await load('link', 'lib/properties-panel/properties-panel.css');
  const Modeler = await bpmnModeler();
  await load('script', 'lib/bpmn-js-properties-panel/bpmn-js-properties-panel.umd.js');
  const [camunda, wf] = await Promise.all([
    fetch('lib/camunda-bpmn-moddle/camunda.json').then(r => r.json()),
    fetch('designer/wf-moddle.json').then(r => r.json()),
  ]);
  const panel = window.BpmnJSPropertiesPanel;
  const modeler = new Modeler({
    container: canvasEl,
    propertiesPanel: { parent: panelEl },
    additionalModules: [panel.BpmnPropertiesPanelModule, panel.BpmnPropertiesProviderModule, panel.CamundaPlatformPropertiesProviderModule],
    moddleExtensions: { camunda, wf },
  });
  state = { modeler, wfEl, labels, marked: [] };
  const result = await modeler.importXML(xml);
  modeler.get('canvas').zoom('fit-viewport');
  modeler.on('selection.changed', e => renderWf(e.newSelection[0]));
  modeler.on('elements.changed', e => {
    const selected = modeler.get('selection').get()[0];
    if (selected && e.elements.some(x => x.id === selected.id) && !wfEl.contains(document.activeElement)) renderWf(selected);
  });
  renderWf(null);
  // moddle reports each undeclared wf:name-<culture> as an unknown attribute; they are ours and kept as written (below).
  return (result.warnings || []).map(w => w.message).filter(m => !/unknown attribute <wf:name-/.test(m));
}

// The languages an element's name is written in besides BPMN's name (English, which other modelers show): one
// wf:name-<culture> attribute each (doc/bpmn-subset.md, "Names in two languages"). Undeclared in wf-moddle.json on
// purpose: moddle keeps them as the element's own attributes, written back unchanged on save.
const nameCultures = ['zh-CN'];
const named = ['bpmn:FlowElement', 'bpmn:Process', 'bpmn:Participant', 'bpmn:Lane'];

function renderWf(element) {
  const { wfEl, labels, modeler } = state;
  wfEl.replaceChildren();
  const heading = document.createElement('h2');
  heading.textContent = labels.wfHeading;
  heading.className = 'wf-heading';
  wfEl.appendChild(heading);
  // Nothing selected: the panel shows the process, and so does this section (its names).
  const target = element || modeler.get('canvas').getRootElement();
  const bo = target && target.businessObject;
  const entry = element && bo && wfFields.find(f => f.types.some(t => bo.$instanceOf(t)) && (!f.when || f.when(bo)));
  const hasNames = bo && named.some(t => bo.$instanceOf(t));
  if (hasNames) for (const culture of nameCultures) wfEl.appendChild(nameField(target, bo, culture));
  if (!entry) {
    if (!hasNames) {
      const p = document.createElement('p');
      p.textContent = labels.wfNone;
      wfEl.appendChild(p);
    }
    return;
  }
  for (const name of entry.names) wfEl.appendChild(attributeField(element, bo, name, (entry.flags || []).includes(name)));
}

// The element's name in one more language, beside the panel's Name (English).
function nameField(element, bo, culture) {
  const { labels, modeler } = state;
  const attribute = 'wf:name-' + culture;
  const row = document.createElement('div');
  row.className = 'wf-field';
  const label = document.createElement('label');
  label.htmlFor = 'wf-name-' + culture;
  label.textContent = (labels['wfName_' + culture.replace('-', '')] || culture) + ' (' + attribute + ')';
  const input = document.createElement('input');
  input.id = 'wf-name-' + culture;
  input.name = 'name-' + culture;
  input.setAttribute('data-testid', 'wf-name-' + culture);
  input.value = bo.get(attribute) ?? '';
  input.addEventListener('change', () => {
    const value = input.value.trim();
    modeler.get('modeling').updateProperties(element, { [attribute]: value === '' ? undefined : value });
  });
  row.append(label, input);
  return row;
}

function attributeField(element, bo, name, flag) {
  const { labels, modeler } = state;
  const id = 'wf-' + name;
  const row = document.createElement('div');
  row.className = flag ? 'wf-field wf-flag' : 'wf-field';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'wf:' + name;
  const input = document.createElement('input');
  input.id = id;
  input.name = name;
  if (flag) {
    // A true/false rule of the task (doc/bpmn-subset.md): written as wf:NAME="true", left out when unticked.
    input.type = 'checkbox';
    input.checked = bo.get('wf:' + name) === true;
    input.addEventListener('change', () => {
      modeler.get('modeling').updateProperties(element, { ['wf:' + name]: input.checked ? true : undefined });
    });
    const hint = document.createElement('span');
    hint.id = id + '-hint';
    hint.className = 'wf-hint';
    hint.textContent = labels['wf_' + name] || '';
    input.setAttribute('aria-describedby', hint.id);
    row.append(input, label, hint);
  } else {
    input.value = bo.get('wf:' + name) ?? '';
    input.addEventListener('change', () => {
      const value = input.value.trim();
      modeler.get('modeling').updateProperties(element, { ['wf:' + name]: value === '' ? undefined : value });
    });
    row.append(label, input);
  }
  return row;
}

async function currentXml() {
  const { xml } = await state.modeler.saveXML({ format: true });
  return xml;
}

function normalise(list) {
  return (list || []).map(d => ({
    code: d.code, severity: d.severity || 'error', message: d.message, elementId: d.elementId || null, line: d.line || 0, column: d.column || 0,
    detail: d.detail || null,
  }));
}

// Each diagnostic marked on the diagram at its element: a red outline and a badge with the message.
function mark(diagnostics) {
  const canvas = state.modeler.get('canvas');
  const overlays = state.modeler.get('overlays');
  const registry = state.modeler.get('elementRegistry');
  for (const id of state.marked) canvas.removeMarker(id, 'wf-invalid');
  overlays.remove({ type: 'wf-diagnostic' });
  state.marked = [];
  const byElement = new Map();
  for (const d of diagnostics) {
    if (!d.elementId || !registry.get(d.elementId)) continue;
    if (!byElement.has(d.elementId)) byElement.set(d.elementId, []);
    byElement.get(d.elementId).push(d);
  }
  for (const [id, list] of byElement) {
    canvas.addMarker(id, 'wf-invalid');
    state.marked.push(id);
    const badge = document.createElement('div');
    badge.className = 'wf-diagnostic-badge';
    badge.dataset.elementId = id;
    badge.setAttribute('role', 'note');
    badge.title = list.map(d => `${d.code}: ${d.message}` + (d.detail && d.detail !== d.message ? ` (${d.detail})` : '')).join('\n');
    badge.textContent = list.length > 1 ? `! ${list.length}` : '!';
    overlays.add(id, 'wf-diagnostic', { position: { top: -10, right: 10 }, html: badge });
  }
}

async function send(url, xml) {
  const response = await apiFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/xml', Accept: 'application/json' }, body: xml });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  return { status: response.status, body };
}

export async function validate() {
  const { status, body } = await send('api/v1/definitions/validate', await currentXml());
  const diagnostics = normalise(body && body.diagnostics);
  mark(diagnostics);
  return { status, ok: status === 200 && body.valid, diagnostics, versions: [], detail: status === 200 ? null : body && (body.detail || body.title) };
}

export async function saveDraft() {
  const { status, body } = await send('api/v1/definitions/drafts', await currentXml());
  const diagnostics = normalise(status === 200 ? body.flatMap(d => d.diagnostics) : body && body.errors);
  mark(diagnostics);
  return { status, ok: status === 200, diagnostics, versions: [], detail: status === 200 ? null : body && (body.detail || body.title) };
}

export async function publish() {
  const { status, body } = await send('api/v1/definitions', await currentXml());
  const diagnostics = normalise(status === 201 ? [] : body && body.errors);
  mark(diagnostics);
  return {
    status, ok: status === 201, diagnostics,
    versions: status === 201 ? body.map(v => ({ processId: v.processId, version: v.version, unchanged: v.unchanged })) : [],
    detail: status === 201 ? null : body && (body.detail || body.title),
  };
}

export async function download(fileName) {
  const blob = new Blob([await currentXml()], { type: 'application/xml' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function select(elementId) {
  const element = state.modeler.get('elementRegistry').get(elementId);
  if (!element) return;
  state.modeler.get('selection').select(element);
  state.modeler.get('canvas').scrollToElement(element);
}

export function destroy() {
  if (state) state.modeler.destroy();
  state = null;
}
