// The one entry to browser APIs. On Chrome ≥ 152 and Firefox the polyfill hands
// back the native promise-based `browser`; importing it through this module
// keeps every browser dependency inside src/platform.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, WebRequest } from 'webextension-polyfill';
