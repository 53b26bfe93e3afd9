import type { BrowserFamily } from '../cors';
import browser from './browser';

/**
 * Which browser runs the extension: `runtime.getBrowserInfo` exists only in Firefox
 * (the polyfill hands back Firefox's native `browser`, which has it; Chrome's lacks it).
 */
export function browserFamily(): BrowserFamily {
  const runtime = browser.runtime as { getBrowserInfo?: unknown };
  return typeof runtime.getBrowserInfo === 'function' ? 'firefox' : 'chromium';
}
