// `npm start`: builds the extension and says how to load it.
// (A later step will launch Chromium with the extension and a playground page.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';

const root = dirname(import.meta.dirname);
const dist = join(root, 'dist');

await build({ root, logLevel: 'warn' });

// Chrome derives an unpacked extension's id from the manifest "key"
// (same rule as e2e/extension-id.ts).
const { key, version } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const id = createHash('sha256')
  .update(Buffer.from(key, 'base64'))
  .digest('hex')
  .slice(0, 32)
  .replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + parseInt(digit, 16)));

console.log(`
CORS Lens ${version} is built in:

  ${dist}

To load it in Chrome or Chromium (version 152 or later):
  1. Open chrome://extensions
  2. Turn on "Developer mode" (top right)
  3. Click "Load unpacked" and choose the folder above
  4. Open DevTools on any page: the "CORS" panel is there

Extension id: ${id}
After a rebuild (npm run build, or npx vite build --watch), click the reload
icon on the extension's card and reopen DevTools.
`);
