// form-js writes a few texts of its own in English whatever the page's language: "Select" in an empty select, "Search"
// in a searchable one and a tag list, "No results" under them, the date and time placeholders, and the date picker's
// month and day names. form-js has no translation hook for them (its validation messages have one: form-messages.js),
// so on a Chinese page this puts them in Chinese as the viewer draws them. Only form-js's own elements are touched,
// never a label or a value (labels come from the server in the user's language).
const words = new Map([
  ['Select', '请选择'],
  ['Search', '搜索'],
  ['No results', '无匹配结果'],
  ['All values selected', '已全部选择'],
  ['hh:mm', '时:分'],
  ['hh:mm --', '时:分 上午/下午'],
  ['Unable to download document', '无法下载文件'],
  ['Increment', '增加'],
  ['Decrement', '减少'],
]);
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
months.forEach((m, i) => { words.set(m, `${i + 1}月`); words.set(m.slice(0, 3), `${i + 1}月`); });
weekdays.forEach((d, i) => words.set(d, '日一二三四五六'[i]));

/** "mm/dd/yyyy" (form-js's date placeholder, from the browser's locale) as 年/月/日 in the same order. */
function dateFormat(text) {
  return /^(?=.*y)(?=.*m)(?=.*d)[dmy/.\- ]+$/.test(text) ? text.replace(/y+/, '年').replace(/m+/, '月').replace(/d+/, '日') : null;
}

/** The Chinese for one of form-js's own texts, or null. */
export function toChineseText(text) {
  const trimmed = (text || '').trim();
  if (!trimmed) return null;
  const word = words.get(trimmed) ?? dateFormat(trimmed);
  return word ? text.replace(trimmed, word) : null;
}

// Where form-js (and the date picker it embeds) writes its own texts.
const TEXT_HOLDERS = '.fjs-select-display, .fjs-dropdownlist-empty, .flatpickr-current-month, .flatpickr-monthDropdown-month, .flatpickr-weekday, .fjs-documentPreview-error';
const PLACEHOLDER_HOLDERS = 'input.fjs-input, input.fjs-taglist-input, .fjs-datetime input, .fjs-select input';

function translate(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    if (node.parentElement?.closest(TEXT_HOLDERS)) {
      const text = toChineseText(node.data);
      if (text !== null && text !== node.data) node.data = text;
    }
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  // The number field's arrows are named for screen readers ("Increment", "Decrement").
  if (node.matches('.fjs-number-arrow-container [aria-label], button[aria-label]') && node.closest('.fjs-form')) {
    const label = node.getAttribute('aria-label');
    const text = toChineseText(label);
    if (text !== null && text !== label) node.setAttribute('aria-label', text);
  }
  if (node.matches(PLACEHOLDER_HOLDERS) && node.placeholder) {
    const text = toChineseText(node.placeholder);
    if (text !== null && text !== node.placeholder) node.placeholder = text;
  }
  for (const child of node.childNodes) translate(child);
}

/**
 * Keeps form-js's own texts inside <paramref name="container"/> (and in date pickers it opens) in the page's language;
 * English pages are left as they are. Returns a function that stops it.
 */
export function localizeFormTexts(container, language) {
  if (!(language || '').toLowerCase().startsWith('zh')) return () => {};
  const observer = new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'childList') record.addedNodes.forEach(translate);
      else translate(record.target);
    }
  });
  const options = { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] };
  observer.observe(container, options);
  translate(container);
  // The date picker's calendar is appended to the page's body, outside the form.
  const calendars = new MutationObserver(records => {
    for (const record of records)
      record.addedNodes.forEach(n => {
        if (n.nodeType === Node.ELEMENT_NODE && n.classList.contains('flatpickr-calendar')) {
          translate(n);
          observer.observe(n, options);
        }
      });
  });
  calendars.observe(document.body, { childList: true });
  document.querySelectorAll('.flatpickr-calendar').forEach(n => { translate(n); observer.observe(n, options); });
  return () => { observer.disconnect(); calendars.disconnect(); };
}
