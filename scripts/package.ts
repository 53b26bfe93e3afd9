/**
 * Store-ready archives in packages/: the Chrome Web Store zip (dist/), the
 * addons.mozilla.org zip (dist-firefox/) and, for AMO's source review, a zip of the
 * git-tracked sources at HEAD (`git archive`). Run through `npm run package`, which
 * builds both first. Uses the `zip` command (Debian: apt-get install zip).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import manifest from '../manifest.json' with { type: 'json' };

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'packages');
const version = manifest.version;

mkdirSync(OUT, { recursive: true });

/** Zips a build; `withoutKey` drops manifest.json's `key` (the Chrome Web Store refuses it). */
function zipDir(dir: string, name: string, withoutKey = false): string {
  let source = resolve(ROOT, dir);
  if (!existsSync(resolve(source, 'manifest.json'))) {
    throw new Error(`${dir}/manifest.json is missing: build first`);
  }
  if (withoutKey) {
    const copy = join(mkdtempSync(join(tmpdir(), 'cors-lens-package-')), dir);
    cpSync(source, copy, { recursive: true });
    const path = join(copy, 'manifest.json');
    const { key: _key, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(path, `${JSON.stringify(rest, null, 2)}\n`);
    source = copy;
  }
  const target = resolve(OUT, name);
  rmSync(target, { force: true });
  // -X: no extra file attributes (reproducible); -r from inside, so manifest.json is at the root.
  execFileSync('zip', ['-q', '-r', '-X', target, '.'], { cwd: source, stdio: 'inherit' });
  return target;
}

const written = [
  zipDir('dist', `cors-lens-chrome-${version}.zip`, true),
  zipDir('dist-firefox', `cors-lens-firefox-${version}.zip`),
];

const sourceZip = resolve(OUT, `cors-lens-source-${version}.zip`);
rmSync(sourceZip, { force: true });
execFileSync(
  'git',
  ['archive', '--format=zip', `--prefix=cors-lens-${version}/`, '-o', sourceZip, 'HEAD'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
written.push(sourceZip);

for (const file of written) console.log(`wrote ${file.slice(ROOT.length + 1)}`);
