// Firefox build: the same sources as vite.config.ts, with a manifest derived in code
// from manifest.json. `CORS_LENS_E2E=1` builds the end-to-end test build into
// dist-firefox-e2e/ (it opens an extension page the BiDi tests can script).
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { unlistedPageScripts } from './scripts/unlisted-page-scripts.ts';

/** The add-on's id on addons.mozilla.org and in Firefox profiles: never change it. */
export const GECKO_ID = 'cors-lens@example.org';

const e2e = process.env.CORS_LENS_E2E === '1';

export function firefoxManifest(source: typeof manifest) {
  // Chrome-only keys: the public key pins Chrome's extension id; Firefox rejects both.
  const { key: _key, minimum_chrome_version: _min, background, ...rest } = source;
  return {
    ...rest,
    // Firefox MV3 has no service workers for extensions: an event page runs the same
    // module (crxjs reads scripts[0]).
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // data_collection_permissions is read from 142 on (140 ESR warns without it).
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest: firefoxManifest(manifest) as ManifestV3Export, browser: 'firefox' }),
    unlistedPageScripts(),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(manifest.version),
    __E2E__: JSON.stringify(e2e),
  },
  build: {
    outDir: e2e ? 'dist-firefox-e2e' : 'dist-firefox',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    minify: false,
    rolldownOptions: {
      // See vite.config.ts: the panel is opened at run time, so name it here.
      input: { panel: 'src/panel/index.html' },
    },
  },
});
