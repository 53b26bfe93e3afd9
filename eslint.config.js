// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Browser globals and modules that pure code must never reach for: the engine,
// capture, report and protocol run in Node tests as they run in the extension.
// Browser differences are resolved in src/platform, nowhere else.
// (tsconfig.domain.json enforces the same with the type checker.)
const PURE_FOLDERS = [
  'src/cors/**',
  'src/capture/**',
  'src/report/**',
  'src/protocol/**',
  'src/secrets/**',
];
/** The only files that wire src/platform's adapters to the rest (see the rule below). */
const ENTRY_FILES = ['src/background/index.ts', 'src/devtools/index.ts', 'src/panel/main.tsx'];
const BROWSER_GLOBALS = ['chrome', 'browser', 'window', 'document', 'navigator', 'self'];
const domainBrowserBan = {
  'no-restricted-globals': [
    'error',
    ...BROWSER_GLOBALS.map((name) => ({
      name,
      message: `Pure code (src/cors, src/capture, src/report, src/protocol, src/secrets) must not use \`${name}\`: browser APIs belong in src/platform.`,
    })),
    {
      name: 'globalThis',
      message:
        'Pure code must not reach for globals through globalThis: what it needs is passed in, or declared and typed where used (src/cors/url.ts).',
    },
  ],
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'webextension-polyfill',
          message: 'Pure code must not touch browser APIs: they belong in src/platform.',
        },
      ],
      patterns: [
        {
          group: [
            '**/platform',
            '**/platform/**',
            '**/panel/**',
            '**/background/**',
            '**/devtools/**',
            'preact',
            'preact/*',
            'zustand',
            'zustand/*',
          ],
          message: 'Pure code is plain TypeScript: it must not depend on platform or UI code.',
        },
      ],
    },
  ],
};

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-firefox/',
      'dist-firefox-e2e/',
      'packages/',
      'dist-cli/',
      'node_modules/',
      'playwright-report/',
      'test-results/',
      'bench-results/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Template literals with numbers (tab ids, versions) are fine and common.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `T[]` for simple types, `Array<{ … }>` / `ReadonlyArray<[…]>` where it reads better.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
    },
  },
  {
    // `(x) => expect(x).toBe(y)` is the idiom in tests.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // Plain JS (this file, scripts/*.mjs) is not in a tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/background/**', 'src/devtools/**', 'src/panel/**', 'src/platform/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ['e2e/**', 'scripts/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: PURE_FOLDERS,
    rules: domainBrowserBan,
  },
  {
    // Only src/platform may import the polyfill; everything else goes through it. And only
    // the entry files (the worker, the DevTools page, the panel's main) import src/platform:
    // components and stores get browser APIs passed in, so they run in tests without them.
    files: ['src/**'],
    ignores: ['src/platform/**', ...PURE_FOLDERS, ...ENTRY_FILES],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'Only src/platform touches browser APIs: import from there.',
            },
          ],
          patterns: [
            {
              group: ['**/platform', '**/platform/**'],
              allowTypeImports: true,
              message:
                'Only the entry files (src/background/index.ts, src/devtools/index.ts, src/panel/main.tsx) import src/platform: pass what you need in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ENTRY_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'Only src/platform touches browser APIs: import from there.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
