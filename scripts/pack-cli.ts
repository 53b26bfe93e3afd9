/**
 * `npm run pack:cli`: writes packages/cors-lens-cli-<version>.tgz (see scripts/cli-package.ts)
 * from the bundle `npm run build:cli` just wrote.
 */
import { basename, resolve } from 'node:path';
import rootPackage from '../package.json' with { type: 'json' };
import { CLI_BIN, packCli } from './cli-package';

const ROOT = resolve(import.meta.dirname, '..');
const { tarball, files } = packCli({
  bundle: resolve(ROOT, 'dist-cli/cors-lens.mjs'),
  outDir: resolve(ROOT, 'packages'),
  root: rootPackage,
});
process.stdout.write(
  `${tarball}\n  ${files.join(', ')}\n  install: npm install -g ./${basename(tarball)}   then: ${CLI_BIN} report.har\n`,
);
