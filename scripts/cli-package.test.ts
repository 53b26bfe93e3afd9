import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rootPackage from '../package.json' with { type: 'json' };
import {
  CLI_PACKAGE_NAME,
  cliPackageJson,
  cliReadme,
  externalImports,
  packCli,
  tarballName,
} from './cli-package';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = resolve(ROOT, 'src/report/fixtures/chrome-devtools.har');

describe('the cors-lens-cli package', () => {
  it('is the bin and nothing else: no dependencies, no install scripts', () => {
    const manifest = cliPackageJson(rootPackage);
    expect(manifest).toEqual({
      name: 'cors-lens-cli',
      version: rootPackage.version,
      description: expect.any(String) as string,
      license: rootPackage.license,
      type: 'module',
      bin: { 'cors-lens': 'cors-lens.mjs' },
      engines: { node: rootPackage.engines.node },
    });
    expect(tarballName('1.2.3')).toBe('cors-lens-cli-1.2.3.tgz');
  });

  it('documents only commands that name the tarball, never a registry package', () => {
    const readme = cliReadme('1.2.3');
    expect(readme).toContain('npm install -g ./cors-lens-cli-1.2.3.tgz');
    expect(readme).toContain('npm exec --yes --package=./cors-lens-cli-1.2.3.tgz -- cors-lens');
    expect(readme).not.toMatch(/npx /);
  });

  it('finds every module a bundle imports', () => {
    const bundle = [
      '#!/usr/bin/env node',
      'import { readFileSync } from "node:fs";',
      "import chalk from 'chalk';",
      'import "side-effect";',
      'export { x } from "re-export";',
      'const lazy = await import("lazy");',
      'const old = require("left-pad");',
    ].join('\n');
    expect(externalImports(bundle)).toEqual([
      'chalk',
      'lazy',
      'left-pad',
      'node:fs',
      're-export',
      'side-effect',
    ]);
  });

  it('refuses a bundle that would need a dependency', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-lens-cli-bad-'));
    try {
      const bundle = join(dir, 'cors-lens.mjs');
      writeFileSync(bundle, '#!/usr/bin/env node\nimport "chalk";\n');
      expect(() => packCli({ bundle, outDir: dir, root: rootPackage })).toThrow(/imports chalk/);
      writeFileSync(bundle, 'console.log(1);\n');
      expect(() => packCli({ bundle, outDir: dir, root: rootPackage })).toThrow(/#!/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * What the README promises a backend team, end to end: the tarball `npm run pack:cli` makes
 * installs with no registry and no cache, and the installed command answers with the exit
 * codes the README gives.
 */
describe('the packed tarball, installed offline into an empty prefix', () => {
  let work = '';
  let tarball = '';
  let env: NodeJS.ProcessEnv = {};
  const run = (command: string, args: string[]) =>
    spawnSync(command, args, { cwd: work, env, encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cors-lens-cli-e2e-'));
    // The product's own build command, so the test packs what `npm run pack:cli` packs.
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: ROOT, stdio: 'inherit' });
    const packed = packCli({
      bundle: resolve(ROOT, 'dist-cli/cors-lens.mjs'),
      outDir: work,
      root: rootPackage,
    });
    tarball = packed.tarball;
    expect(packed.files).toEqual(['README.md', 'cors-lens.mjs', 'package.json']);
    expect(tarball).toBe(join(work, `${CLI_PACKAGE_NAME}-${rootPackage.version}.tgz`));
    const inTarball = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(inTarball)).toEqual(cliPackageJson(rootPackage));

    const prefix = join(work, 'prefix');
    // Nothing from the outer npm (a prefix, a registry) and nothing of this repo on PATH:
    // only the prefix the test installs into. The registry is a closed port and the cache is
    // empty, so any request for a package would fail: the install must need none.
    env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
    );
    env.PATH = [
      join(prefix, 'bin'),
      ...(process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')),
    ].join(delimiter);
    env.npm_config_prefix = prefix;
    env.npm_config_cache = join(work, 'npm-cache');
    env.npm_config_registry = 'http://127.0.0.1:9/';
    env.npm_config_offline = 'true';
    env.npm_config_audit = 'false';
    env.npm_config_fund = 'false';
    env.npm_config_update_notifier = 'false';

    const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      log: { entries: Array<{ request: { url: string } }> };
    };
    writeFileSync(join(work, 'report.har'), JSON.stringify(report));
    // The same recording with only what passed (and the page's own requests): nothing blocked.
    const allowed = report.log.entries.filter(({ request }) =>
      /\/s\/(simple-get|put-preflight)-allowed$|:7101\//.test(request.url),
    );
    writeFileSync(
      join(work, 'allowed.har'),
      JSON.stringify({ ...report, log: { ...report.log, entries: allowed } }),
    );
    writeFileSync(join(work, 'notes.txt'), 'not a HAR file\n');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs with npm install -g ./cors-lens-cli-<version>.tgz', () => {
    const install = run('npm', ['install', '-g', `./${tarballName(rootPackage.version)}`]);
    expect(install.stderr).not.toMatch(/ERR/);
    expect(install.status).toBe(0);
    const which = spawnSync('sh', ['-c', 'command -v cors-lens'], { env, encoding: 'utf8' });
    expect(which.stdout.trim()).toBe(join(work, 'prefix', 'bin', 'cors-lens'));
  });

  it('cors-lens --help: exit 0', () => {
    const result = run('cors-lens', ['--help']);
    expect(result.stdout).toMatch(/^Usage: cors-lens /);
    expect(result.status).toBe(0);
  });

  it('cors-lens <report>: exit 0 when nothing is blocked', () => {
    const result = run('cors-lens', ['allowed.har']);
    expect(result.stdout).toMatch(/^ALLOWED {2}GET http:\/\/localhost:7102\/s\/simple-get-allowed/);
    expect(result.stdout).not.toMatch(/BLOCKED/);
    expect(result.status).toBe(0);
  });

  it('cors-lens <report>: exit 1 when a request is blocked, --json too', () => {
    const text = run('cors-lens', ['report.har']);
    expect(text.stdout).toMatch(/^BLOCKED {2}GET http:\/\/localhost:7102\/s\/missing-acao/m);
    expect(text.status).toBe(1);
    const json = run('cors-lens', ['--json', 'report.har']);
    expect(JSON.parse(json.stdout)).toHaveLength(8);
    expect(json.status).toBe(1);
  });

  it('cors-lens <unreadable>: exit 2', () => {
    const missing = run('cors-lens', ['no-such-file.har']);
    expect(missing.stderr).toMatch(/^cors-lens: cannot read no-such-file\.har/);
    expect(missing.status).toBe(2);
    expect(run('cors-lens', ['notes.txt']).status).toBe(2);
  });

  it('runs without installing: npm exec --yes --package=./cors-lens-cli-<version>.tgz', () => {
    const result = run('npm', [
      'exec',
      '--yes',
      `--package=./${tarballName(rootPackage.version)}`,
      '--',
      'cors-lens',
      'allowed.har',
    ]);
    expect(result.stdout).toMatch(/^ALLOWED /);
    expect(result.status).toBe(0);
  });
});
