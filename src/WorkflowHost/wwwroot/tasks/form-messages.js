// form-js checks a field in the browser with messages in English only ("Field is required.", "Field must have maximum
// value of 5."). This module, given to the viewer as an additional module, puts them in the page's language (the
// <html lang> the server sets from the user's account). The server's own check answers in problem details.
const chinese = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum value of (.+)\.$/, m => `不得小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, m => `不得大于 ${m[1]}。`],
  [/^Field must have minimum length of (.+)\.$/, m => `至少填写 ${m[1]} 个字符。`],
  [/^Field must have maximum length of (.+)\.$/, m => `最多填写 ${m[1]} 个字符。`],
  [/^Field must match pattern (.+)\.$/, () => '格式不符合要求。'],
  [/^Value is not a number\.$/, () => '请输入数字。'],
  [/^Value is expected to be an integer\.$/, () => '请输入整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, m => `最多保留 ${m[1]} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, m => `请输入有效值，最接近的有效值为 ${m[1]} 和 ${m[2]}。`],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮件地址。'],
  [/^Field must be a valid\s+international phone number\./, () => '请输入有效的国际电话号码（例如 +8610xxxxxxxx）。'],
];

/** A message in Chinese; one this table does not know stays as form-js wrote it. */
export function toChinese(message) {
  for (const [pattern, text] of chinese) {
    const m = pattern.exec(message);
    if (m) return text(m);
  }
  return message;
}

function LocalizedValidation(validator) {
  for (const name of ['validateField', 'validateFieldInstance']) {
    const check = validator[name].bind(validator);
    validator[name] = (...args) => check(...args).map(toChinese);
  }
}
LocalizedValidation.$inject = ['validator'];

/** The viewer's additional modules for a page language ("zh-CN", "en"...): none for English. */
export function validationMessages(language) {
  return (language || '').toLowerCase().startsWith('zh')
    ? [{ __init__: ['localizedValidation'], localizedValidation: ['type', LocalizedValidation] }]
    : [];
}
