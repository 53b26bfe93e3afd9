/** The extension's version, from manifest.json (vite.config.ts `define`). */
declare const __APP_VERSION__: string;
