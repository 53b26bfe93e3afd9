/** Renders a component into happy-dom's document for a test, and cleans up after. */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

const mounted: HTMLElement[] = [];

export function mount(vnode: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  mounted.push(root);
  void act(() => {
    render(vnode, root);
  });
  return root;
}

export function unmountAll(): void {
  for (const root of mounted.splice(0)) {
    void act(() => {
      render(null, root);
    });
    root.remove();
  }
}

export function click(element: Element | null | undefined): void {
  if (!(element instanceof HTMLElement)) throw new Error('nothing to click');
  void act(() => {
    element.click();
  });
}

/** Buttons by their accessible name (their text; none of the card's buttons use aria-label). */
export function buttonNamed(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const buttons = [...root.querySelectorAll('button')];
  const found = buttons.find((b) =>
    typeof name === 'string' ? b.textContent.trim() === name : name.test(b.textContent),
  );
  if (!found) {
    throw new Error(
      `no button named ${String(name)}; have: ${buttons.map((b) => b.textContent).join(' | ')}`,
    );
  }
  return found;
}

export function sectionNamed(root: ParentNode, label: string): HTMLElement {
  const section = root.querySelector<HTMLElement>(`section[aria-label="${label}"]`);
  if (!section) throw new Error(`no section ${label}`);
  return section;
}
