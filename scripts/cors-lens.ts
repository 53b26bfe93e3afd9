/**
 * The `cors-lens` command (package.json `bin`): reads the HAR file and hands the rest to
 * the pure src/report/cli.ts. Bundled to dist-cli/cors-lens.mjs by `npm run build:cli`.
 */
import { readFileSync } from 'node:fs';
import { parseCliArgs, runCli, USAGE } from '../src/report/cli';
import { showControls } from '../src/report/controls';
import { decodeHarBytes } from './har-bytes';

function main(args: readonly string[]): number {
  const parsed = parseCliArgs(args);
  let text = '';
  if (parsed.kind === 'run') {
    const file = parsed.options.file;
    try {
      text = decodeHarBytes(file === '-' ? readFileSync(0) : readFileSync(file));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // A file name is as untrusted as the file: CI often globs names it did not choose.
      process.stderr.write(
        `cors-lens: cannot read ${showControls(`${file}: ${reason}`)}\n\n${USAGE}`,
      );
      return 2;
    }
  }
  const result = runCli(args, text);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

process.exitCode = main(process.argv.slice(2));
