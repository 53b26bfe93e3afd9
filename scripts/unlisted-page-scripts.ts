/**
 * A Vite plugin, after crxjs: takes the page probe and its relay out of the built
 * manifest's `web_accessible_resources`.
 *
 * crxjs lists every `?script` import there, for content scripts it loads through a
 * chrome-extension:// URL. Ours are classic scripts the extension registers itself
 * (scripting.registerContentScripts reads them from the package, no listing needed), and a
 * listed file is one any web page can fetch at chrome-extension://<our fixed id>/…: a way to
 * tell that CORS Lens is installed. Unlisted, no page can.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const PAGE_SCRIPT_SUFFIX = '.iife.js';

interface AccessibleResources {
  readonly resources?: readonly string[];
}

function unlisted(manifest: Record<string, unknown>): Record<string, unknown> {
  const listed = manifest.web_accessible_resources;
  if (!Array.isArray(listed)) return manifest;
  const kept = (listed as AccessibleResources[])
    .map((entry) => ({
      ...entry,
      resources: (entry.resources ?? []).filter((path) => !path.endsWith(PAGE_SCRIPT_SUFFIX)),
    }))
    .filter((entry) => entry.resources.length > 0);
  const { web_accessible_resources: _dropped, ...rest } = manifest;
  return kept.length > 0 ? { ...rest, web_accessible_resources: kept } : rest;
}

export function unlistedPageScripts(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cors-lens:unlisted-page-scripts',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // crxjs writes the manifest as the bundle is written: change the file it wrote.
    closeBundle() {
      const file = resolve(outDir, 'manifest.json');
      if (!existsSync(file)) this.error(`crxjs wrote no ${file}: has its output changed?`);
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, `${JSON.stringify(unlisted(manifest), null, 2)}\n`);
    },
  };
}
