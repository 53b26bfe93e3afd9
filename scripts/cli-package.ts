/**
 * The `cors-lens` command as a package of its own, for a backend team that has a report but
 * not this repo: `cors-lens-cli-<version>.tgz`, holding only the self-contained bundle
 * (dist-cli/cors-lens.mjs), a package.json naming it as the `cors-lens` bin, and a README.
 * No dependencies, so `npm install -g ./cors-lens-cli-<version>.tgz` never asks a registry
 * for anything. scripts/pack-cli.ts is the command (`npm run pack:cli`).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI_PACKAGE_NAME = 'cors-lens-cli';
export const CLI_BIN = 'cors-lens';
const BUNDLE_FILE = 'cors-lens.mjs';

export const tarballName = (version: string) => `${CLI_PACKAGE_NAME}-${version}.tgz`;

interface RootPackage {
  readonly version: string;
  readonly license?: string;
  readonly engines?: { readonly node?: string };
}

/**
 * The tiny package's manifest, built from the repo's: same version, licence and Node range.
 * Deliberately nothing else: no dependencies (the bundle carries its code), no scripts (an
 * install runs nothing), no `files` (the staging folder holds exactly what ships).
 */
export function cliPackageJson(root: RootPackage): Record<string, unknown> {
  return {
    name: CLI_PACKAGE_NAME,
    version: root.version,
    description:
      'cors-lens: judges the cross-origin requests of a HAR file with the CORS Lens engine (exit 1 when one is blocked).',
    license: root.license ?? 'MIT',
    type: 'module',
    bin: { [CLI_BIN]: BUNDLE_FILE },
    engines: { node: root.engines?.node ?? '>=20' },
  };
}

export function cliReadme(version: string): string {
  const tgz = tarballName(version);
  return `# cors-lens ${version}

The command-line half of CORS Lens: it judges every cross-origin request in a HAR file
(exported by CORS Lens, or saved from Chrome's or Firefox's Network panel).

    npm install -g ./${tgz}
    cors-lens report.har

or, without installing (the package is named, so nothing is looked up in a registry):

    npm exec --yes --package=./${tgz} -- cors-lens report.har

\`cors-lens --help\` lists the options (\`--json\`, \`--all\`). Exit status: 0 when nothing was
blocked, 1 when a request was blocked by CORS, 2 when the file could not be read or held
nothing to check.
`;
}

/**
 * The module specifiers a bundle still imports. Anything but a Node built-in would need a
 * dependency the package does not have, and fail only on the backend team's machine.
 */
export function externalImports(bundle: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /^\s*import\s[^'"]*?["']([^"']+)["']/gm,
    /^\s*export\s[^'"]*?\sfrom\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of bundle.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found].sort();
}

export const isBuiltin = (specifier: string) => specifier.startsWith('node:');

export interface PackResult {
  readonly tarball: string;
  /** The paths inside the tarball, as npm pack listed them. */
  readonly files: readonly string[];
}

/**
 * Stages the package in a temporary folder and lets `npm pack` write the tarball into
 * `outDir`: npm's own packer gives the layout (`package/…`), modes and fixed dates that
 * `npm install` expects, offline.
 */
export function packCli(options: {
  readonly bundle: string;
  readonly outDir: string;
  readonly root: RootPackage;
}): PackResult {
  const bundle = readFileSync(options.bundle, 'utf8');
  if (!bundle.startsWith('#!/usr/bin/env node')) {
    throw new Error(`${options.bundle} has no #!/usr/bin/env node line: run npm run build:cli`);
  }
  const foreign = externalImports(bundle).filter((specifier) => !isBuiltin(specifier));
  if (foreign.length > 0) {
    throw new Error(
      `${options.bundle} imports ${foreign.join(', ')}: the package has no dependencies`,
    );
  }
  const stage = mkdtempSync(join(tmpdir(), 'cors-lens-cli-stage-'));
  try {
    writeFileSync(
      join(stage, 'package.json'),
      `${JSON.stringify(cliPackageJson(options.root), null, 2)}\n`,
    );
    writeFileSync(join(stage, 'README.md'), cliReadme(options.root.version));
    copyFileSync(options.bundle, join(stage, BUNDLE_FILE));
    const out = resolve(options.outDir);
    mkdirSync(out, { recursive: true });
    rmSync(join(out, tarballName(options.root.version)), { force: true });
    // --offline: packing reads only the staging folder; --ignore-scripts: nothing to run.
    const report = execFileSync(
      'npm',
      ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', out],
      { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [packed] = JSON.parse(report) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    if (!packed) throw new Error('npm pack reported nothing');
    return {
      tarball: join(out, packed.filename),
      files: packed.files.map((file) => file.path).sort(),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
