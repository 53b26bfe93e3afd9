/**
 * Reads the inspected tab's id from the panel URL's query (`?tabId=12`).
 * DevTools passes it when creating the panel; tests open the page with it.
 * Returns null when absent or not a plain non-negative integer.
 */
export function parseTabId(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
