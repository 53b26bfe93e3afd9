/**
 * The control for the capture overhead: an extension that registers exactly the
 * listeners CORS Lens registers (same events, same extra info, 'extraHeaders' included)
 * and does nothing with the events. What it costs is the browser's price for observing
 * requests at all; what CORS Lens costs beyond it is ours.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OBSERVED_EVENTS } from '../src/platform/observed-events';
import { DIST } from './launch';

export function writeControlExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-control-'));
  const ours = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    permissions: string[];
    host_permissions: string[];
    minimum_chrome_version: string;
  };
  const manifest = {
    manifest_version: 3,
    name: 'CORS Lens bench control (listeners that do nothing)',
    version: '1.0.0',
    minimum_chrome_version: ours.minimum_chrome_version,
    permissions: ours.permissions,
    host_permissions: ours.host_permissions,
    background: { service_worker: 'worker.js' },
  };
  const registrations = OBSERVED_EVENTS.map(
    ([key, , spec]) =>
      `chrome.webRequest.${key}.addListener(ignore, all, ${JSON.stringify([...spec, 'extraHeaders'])});`,
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
