/**
 * The panel follows the DevTools theme. The devtools page passes
 * `devtools.panels.themeName` in the panel URL (`&theme=dark`, `default` for
 * light); without it, the system colour scheme decides.
 */
export type Theme = 'dark' | 'light';

export function themeFromQuery(search: string): Theme | null {
  const value = new URLSearchParams(search).get('theme');
  if (value === 'dark') return 'dark';
  if (value === 'light' || value === 'default') return 'light';
  return null;
}

/** Sets `data-theme` on `root`; follows `scheme` while the URL names no theme. Returns a stop function. */
export function applyTheme(root: HTMLElement, search: string, scheme: MediaQueryList): () => void {
  const fixed = themeFromQuery(search);
  const apply = () => {
    root.dataset.theme = fixed ?? (scheme.matches ? 'dark' : 'light');
  };
  apply();
  if (fixed !== null) return () => undefined;
  scheme.addEventListener('change', apply);
  return () => {
    scheme.removeEventListener('change', apply);
  };
}
