/**
 * Controls for the capture overhead: extensions with the `webRequest` permission that
 * register a given set of listeners and do nothing with the events. What they cost is the
 * browser's price for observing requests; what CORS Lens costs beyond it is ours.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTENERS } from '../src/capture/listeners';
import { DIST } from './launch';

export interface ControlListener {
  readonly key: string;
  readonly spec: readonly string[];
}

/** The listeners CORS Lens registers now (src/capture/listeners.ts). */
export const FEWEST_LISTENERS: readonly ControlListener[] = LISTENERS;

/** What CORS Lens registered before issue 14: every event, 'extraHeaders' on each. */
export const EIGHT_LISTENERS: readonly ControlListener[] = [
  { key: 'onBeforeRequest', spec: ['extraHeaders'] },
  { key: 'onBeforeSendHeaders', spec: ['requestHeaders', 'extraHeaders'] },
  { key: 'onSendHeaders', spec: ['requestHeaders', 'extraHeaders'] },
  { key: 'onHeadersReceived', spec: ['responseHeaders', 'extraHeaders'] },
  { key: 'onBeforeRedirect', spec: ['responseHeaders', 'extraHeaders'] },
  { key: 'onResponseStarted', spec: ['responseHeaders', 'extraHeaders'] },
  { key: 'onCompleted', spec: ['responseHeaders', 'extraHeaders'] },
  { key: 'onErrorOccurred', spec: ['extraHeaders'] },
];

/** An unpacked extension with CORS Lens's permissions and these idle listeners (none: the permission's price). */
export function writeControlExtension(
  listeners: readonly ControlListener[],
  label: string,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-control-'));
  const ours = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    permissions: string[];
    host_permissions: string[];
    minimum_chrome_version: string;
  };
  const manifest = {
    manifest_version: 3,
    name: `CORS Lens bench control (${label})`,
    version: '1.0.0',
    minimum_chrome_version: ours.minimum_chrome_version,
    permissions: ours.permissions,
    host_permissions: ours.host_permissions,
    background: { service_worker: 'worker.js' },
  };
  const registrations = listeners.map(({ key, spec }) =>
    spec.length > 0
      ? `chrome.webRequest.${key}.addListener(ignore, all, ${JSON.stringify(spec)});`
      : `chrome.webRequest.${key}.addListener(ignore, all);`,
  );
  const worker = [
    "const all = { urls: ['<all_urls>'] };",
    'const ignore = () => undefined;',
    ...registrations,
  ].join('\n');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'worker.js'), `${worker}\n`);
  return dir;
}
