/**
 * `cors-lens <file.har>`: judges the cross-origin exchanges of a HAR file, one line each,
 * and exits 1 when any is blocked, so a backend team can check a CORS fix in CI. Pure:
 * arguments and file text in, output and exit code out (scripts/cors-lens.ts does the I/O).
 */
import { lowerFirst } from '../cors/headlines';
import type { Verdict } from '../cors';
import { isCorsFailureError } from '../cors/net-errors';
import { importHar } from './har-import';
import type { ImportedExchange } from './import-types';
import { jsonForTerminal, showControls } from './controls';
import { Redactor } from './redactor';
import { countVerdicts, describeCounts } from './summary';

export const USAGE = `Usage: cors-lens [--json] [--all] <file.har>

Judges every cross-origin request in a HAR file (saved by CORS Lens, or by Chrome's or
Firefox's Network panel) with the CORS Lens engine.

  --json   print a JSON array instead of one line per exchange
  --all    also list requests CORS does not apply to (same-origin, navigations, no-cors)
  --help   show this text

Exit status: 0 when nothing was blocked, 1 when a request was blocked by CORS,
2 when the arguments are wrong or nothing could be checked: the file cannot be
read, is not a HAR, lists no entries, or none of its entries could be read.
Entries that cannot be read are skipped with a note on stderr.

Text from the file is printed with its control characters escaped (\\x1b, \\r,
\\u009b), so a crafted file cannot drive the terminal or rewrite a CI log.
`;

export interface CliOptions {
  readonly file: string;
  readonly json: boolean;
  readonly all: boolean;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export function parseCliArgs(args: readonly string[]): ParsedArgs {
  let json = false;
  let all = false;
  const files: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') options = false;
    else if (options && (arg === '--help' || arg === '-h')) return { kind: 'help' };
    else if (options && arg === '--json') json = true;
    else if (options && arg === '--all') all = true;
    else if (options && arg.startsWith('-') && arg !== '-') {
      return { kind: 'error', message: `unknown option ${arg}` };
    } else files.push(arg);
  }
  if (files.length !== 1) {
    return {
      kind: 'error',
      message: files.length === 0 ? 'no HAR file given' : 'give exactly one HAR file',
    };
  }
  return { kind: 'run', options: { file: files[0] ?? '', json, all } };
}

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 1 | 2;
}

const LABELS: Readonly<Record<Verdict['status'], string>> = {
  blocked: 'BLOCKED',
  failed: 'FAILED',
  unexplained: 'FAILED',
  pending: 'PENDING',
  allowed: 'ALLOWED',
  'not-applicable': 'N/A',
};

const unquote = (text: string) => text.replaceAll('`', '');

/** Why, in one clause: Chromium's error name and the engine's sentence. */
export function reasonOf(verdict: Verdict): string {
  if (verdict.failure) {
    return `${verdict.failure.corsError}: ${lowerFirst(unquote(verdict.failure.summary))}`;
  }
  if (verdict.cause) {
    return `${verdict.cause.error}: ${lowerFirst(unquote(verdict.cause.meaning))}`;
  }
  if (verdict.unexplained) {
    return `${verdict.unexplained.error}: ${lowerFirst(unquote(verdict.unexplained.meaning))}`;
  }
  // "Allowed: a simple request…" after the ALLOWED label reads as "a simple request…".
  const rest = verdict.headline.replace(/^(Allowed|Not CORS): /, '');
  return lowerFirst(unquote(rest));
}

/** Blocked by CORS, or failed with the error the browsers use for CORS when no rule explains it. */
export function failsCheck(verdict: Verdict): boolean {
  if (verdict.status === 'blocked') return true;
  const error = verdict.unexplained?.error;
  return verdict.status === 'unexplained' && error !== undefined && isCorsFailureError(error);
}

// CI logs are often public: URLs and sentences lose their tokens and passwords.
function lineOf(x: ImportedExchange, r: Redactor): string {
  const { verdict, observation } = x;
  const label = LABELS[verdict.status].padEnd(7);
  const warnings =
    verdict.warnings.length > 0
      ? ` [warnings: ${verdict.warnings.map((w) => w.id).join(', ')}]`
      : '';
  const url = r.url(observation.request.url);
  return `${label}  ${observation.request.method} ${url} — ${r.text(reasonOf(verdict))}${warnings}`;
}

function jsonOf(x: ImportedExchange, r: Redactor) {
  const { verdict, observation } = x;
  return {
    url: r.url(observation.request.url),
    method: observation.request.method,
    verdict: verdict.status,
    corsError: verdict.failure?.corsError ?? null,
    failedParameter: verdict.failure ? r.text(verdict.failure.failedParameter) : null,
    summary: r.text(reasonOf(verdict)),
    warnings: verdict.warnings.map((w) => w.id),
    unknowns: x.unknowns.map((u) => r.text(u)),
  };
}

/** Nothing was judged: why, in one line, or null when there is something to show. */
function nothingChecked(entryCount: number, judged: number): string | null {
  if (judged > 0) return null;
  if (entryCount === 0) return 'no entries: nothing to check';
  return `none of its ${entryCount} entr${entryCount === 1 ? 'y' : 'ies'} could be read: nothing was checked`;
}

/** Entries without a verdict (skipped, or the engine could not judge them). */
function unjudged(entryCount: number, exchanges: readonly ImportedExchange[]): number {
  return entryCount - new Set(exchanges.flatMap((x) => x.entryIndexes)).size;
}

/** Every line of the text, which comes from the file, with its control characters escaped. */
function printable(lines: readonly string[]): string {
  return lines.map((line) => `${showControls(line)}\n`).join('');
}

export function runCli(args: readonly string[], fileText: string): CliResult {
  const parsed = parseCliArgs(args);
  if (parsed.kind === 'help') return { stdout: USAGE, stderr: '', exitCode: 0 };
  if (parsed.kind === 'error') {
    return {
      stdout: '',
      stderr: `cors-lens: ${showControls(parsed.message)}\n\n${USAGE}`,
      exitCode: 2,
    };
  }
  const { options } = parsed;
  const result = importHar(fileText);
  const notes = printable(result.problems.map((p) => `cors-lens: note: ${p}`));
  // Fail closed: exit 0 promises "nothing blocked", which a file with nothing in it cannot.
  const empty = result.ok
    ? nothingChecked(result.entryCount, result.exchanges.length)
    : 'cannot be read';
  if (empty !== null) {
    return {
      stdout: '',
      stderr: printable([`cors-lens: ${options.file}: ${empty}`]) + notes,
      exitCode: 2,
    };
  }
  const shown = result.exchanges.filter(
    (x) => options.all || x.verdict.status !== 'not-applicable',
  );
  const exitCode = result.exchanges.some((x) => failsCheck(x.verdict)) ? 1 : 0;
  const r = new Redactor(true);
  for (const x of result.exchanges) r.learn(x.observation);
  if (options.json) {
    const rows = shown.map((x) => jsonOf(x, r));
    return { stdout: `${jsonForTerminal(rows)}\n`, stderr: notes, exitCode };
  }
  const hidden = result.exchanges.length - shown.length;
  const skipped = unjudged(result.entryCount, result.exchanges);
  const noun = options.all ? 'request(s)' : 'cross-origin exchange(s)';
  const summary =
    `${shown.length} ${noun}: ${describeCounts(countVerdicts(shown.map((x) => x.verdict)))}` +
    (hidden > 0 ? ` (${hidden} request(s) CORS does not apply to: --all lists them)` : '') +
    (skipped > 0
      ? `; ${skipped} entr${skipped === 1 ? 'y' : 'ies'} not judged: see the notes`
      : '');
  const lines = [...shown.map((x) => lineOf(x, r)), summary];
  return { stdout: printable(lines), stderr: notes, exitCode };
}
