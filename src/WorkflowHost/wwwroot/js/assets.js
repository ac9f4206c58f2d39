// The prebuilt bpmn.io bundles (wwwroot/lib) and our style sheets, each loaded once per page, whichever module asks
// first: the pages stay one document while Blazor navigates, so a second <script> would run a bundle twice.
const loaded = new Map();

/** Adds a script or a style sheet to the page once; the promise settles when it has loaded. */
export function load(tag, url) {
  if (!loaded.has(url)) {
    loaded.set(url, new Promise((resolve, reject) => {
      const el = document.createElement(tag);
      if (tag === 'script') el.src = url; else { el.rel = 'stylesheet'; el.href = url; }
      el.onload = resolve;
      el.onerror = () => { loaded.delete(url); reject(new Error('Could not load ' + url)); };
      document.head.appendChild(el);
    }));
  }
  return loaded.get(url);
}

/**
 * A call of our REST API with the sign-in cookie and the header that proves it comes from this site's own page: the
 * host refuses a state-changing API call under the cookie without it (RequestOriginCheck, doc/security.md).
 */
export function apiFetch(url, init = {}) {
  return fetch(url, { ...init, credentials: 'same-origin', headers: { ...(init.headers || {}), 'X-Requested-With': 'WorkflowHost' } });
}

/** A GET of our REST API with the sign-in cookie: {status, body} (body null when the answer is not JSON). */
export async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  let body = null;
  if (r.headers.get('content-type')?.includes('json')) {
    try { body = await r.json(); } catch { body = null; }
  }
  return { status: r.status, body };
}

const bpmnStyles = ['lib/bpmn-js/assets/diagram-js.css', 'lib/bpmn-js/assets/bpmn-js.css', 'lib/bpmn-js/assets/bpmn-embedded.css'];

/** bpmn-js's style sheets, for the viewer and the modeler alike. */
export function loadBpmnStyles() {
  return Promise.all(bpmnStyles.map(url => load('link', url)));
}

let viewer = null;

/**
 * The read-only NavigatedViewer class. Its bundle and the modeler's both set the global BpmnJS: the viewer is kept
 * here and the global given back, so the designer's modeler and every read-only diagram each get their own class
 * whatever order the pages were opened in.
 */
export async function navigatedViewer() {
  await loadBpmnStyles();
  if (viewer) return viewer;
  const previous = window.BpmnJS;
  await load('script', 'lib/bpmn-js/bpmn-navigated-viewer.production.min.js');
  viewer = window.BpmnJS;
  if (previous) window.BpmnJS = previous; else delete window.BpmnJS;
  return viewer;
}

let modeler = null;

/** The modeler class (with its properties panel bundle), kept apart from the viewer's global as above. */
export async function bpmnModeler() {
  await loadBpmnStyles();
  if (modeler) return modeler;
  const previous = window.BpmnJS;
  await load('script', 'lib/bpmn-js/bpmn-modeler.production.min.js');
  modeler = window.BpmnJS;
  if (previous) window.BpmnJS = previous; else delete window.BpmnJS;
  return modeler;
}

const workflowNamespace = 'http://workflowhost.org/schema/bpmn/1.0';

/**
 * The BPMN with every element's name in the page's language, for read-only diagrams: an element's
 * wf:name-<culture> attribute (wf:name-zh-CN) replaces its name where the page's language (the html lang: zh-CN, en)
 * matches it exactly or by language (zh); elements without one keep their name (doc/ui.md, "Localization").
 */
export function namesInPageLanguage(xml, lang = document.documentElement.lang || 'zh-CN') {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return xml;
  const wanted = lang.toLowerCase();
  const language = wanted.split('-')[0];
  let changed = false;
  for (const el of doc.getElementsByTagName('*')) {
    let exact = null, sameLanguage = null;
    for (const a of el.attributes) {
      if (a.namespaceURI !== workflowNamespace || !a.localName.startsWith('name-') || a.value.trim() === '') continue;
      const culture = a.localName.slice('name-'.length).toLowerCase();
      if (culture === wanted) exact = a.value;
      else if (culture.split('-')[0] === language && sameLanguage === null) sameLanguage = a.value;
    }
    const name = exact ?? sameLanguage;
    if (name !== null) {
      el.setAttribute('name', name);
      changed = true;
    }
  }
  return changed ? new XMLSerializer().serializeToString(doc) : xml;
}
