/**
 * Copies text: the async Clipboard API first, then the old hidden-textarea way
 * (DevTools panels are often denied clipboard-write, and the API needs focus).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    // Typed as always there, but absent outside secure contexts and in some embedders.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (typeof clipboard?.writeText === 'function') {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unfocused: fall through to the textarea.
  }
  return copyWithTextarea(text);
}

function copyWithTextarea(text: string): boolean {
  if (typeof document === 'undefined') return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  const previous = document.activeElement;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    // Deprecated, but the only way left when the Clipboard API is refused.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    ok = typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  if (previous instanceof HTMLElement) previous.focus();
  return ok;
}
