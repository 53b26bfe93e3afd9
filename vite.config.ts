import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { unlistedPageScripts } from './scripts/unlisted-page-scripts.ts';

export default defineConfig({
  plugins: [preact(), crx({ manifest }), unlistedPageScripts()],
  // The version reports name as their creator (log.creator.version).
  define: { __APP_VERSION__: JSON.stringify(manifest.version), __E2E__: 'false' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Extension pages load their modules from the extension itself: the
    // modulepreload polyfill only adds an inline script and bytes.
    modulePreload: { polyfill: false },
    // Readable stack traces from users matter more than a few kB here.
    minify: false,
    rolldownOptions: {
      // crxjs emits only the HTML pages named in manifest.json. The panel is
      // opened at run time by devtools.panels.create, so name it here or it is
      // silently missing from dist/.
      input: {
        panel: 'src/panel/index.html',
      },
    },
  },
});
