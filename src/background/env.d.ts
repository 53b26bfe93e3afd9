/** True only in end-to-end test builds (vite.firefox.config.ts `define`, CORS_LENS_E2E=1). */
declare const __E2E__: boolean;
