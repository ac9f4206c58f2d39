// Brings the first field the server marked as missing into view and puts the cursor in it, so a refused submission
// shows where to write, not only an alert at the top of a long form.
export function revealFirstError() {
  const field = document.querySelector('.mud-input-control.mud-input-error');
  if (!field) return;
  field.scrollIntoView({ block: 'center' });
  const input = field.querySelector('input, textarea');
  if (input) input.focus({ preventScroll: true });
}
