/**
 * Open a report (design.md §1.5): a HAR file, ours or one saved from Chrome's or Firefox's
 * Network panel, becomes exchanges with verdicts the engine recomputes from the recorded
 * headers. Whatever the input, it returns; what was wrong is listed in `problems`.
 */
import { readLog, type RawLog } from './har-read';
import { importForeign } from './import-foreign';
import { importOwn } from './import-own';
import type { HarSource, ImportResult } from './import-types';

export type { HarSource, ImportedExchange, ImportResult } from './import-types';

function detectSource(log: RawLog): HarSource {
  if (log.cors || log.entries.some((e) => e.cors)) return 'cors-lens';
  const names = `${log.creator ?? ''} ${log.browser ?? ''}`;
  if (/firefox/i.test(names)) return 'firefox';
  if (/webinspector|chrom/i.test(names)) return 'chrome';
  if (log.hints.chrome) return 'chrome';
  if (log.hints.firefox) return 'firefox';
  return 'unknown';
}

function parse(json: unknown, problems: string[]): unknown {
  if (typeof json !== 'string') return json;
  try {
    // Windows editors and PowerShell start UTF-8 files with a byte order mark, which
    // Node's reader keeps and JSON.parse refuses; it says nothing about the content.
    return JSON.parse(json.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    problems.push(`Not a HAR file: the text is not JSON (${String(error)}).`);
    return undefined;
  }
}

/** Where an import stands, for a progress line: parsing the text, then judging its entries. */
export type ImportStage =
  { readonly stage: 'parsing' } | { readonly stage: 'judging'; readonly entries: number };

/** A parsed HAR (or its text). Never throws. */
export function importHar(
  json: unknown,
  onStage: (stage: ImportStage) => void = () => undefined,
): ImportResult {
  const problems: string[] = [];
  try {
    onStage({ stage: 'parsing' });
    const input = parse(json, problems);
    if (input === undefined && problems.length > 0) {
      return { ok: false, exchanges: [], entryCount: 0, problems, source: 'unknown' };
    }
    const log = readLog(input, problems);
    if (!log) return { ok: false, exchanges: [], entryCount: 0, problems, source: 'unknown' };
    onStage({ stage: 'judging', entries: log.entries.length });
    const source = detectSource(log);
    const own =
      source === 'cors-lens'
        ? importOwn(log, problems)
        : { exchanges: [], claimed: new Set<number>() };
    const rest = log.entries.filter((e) => !own.claimed.has(e.index));
    const foreign = importForeign(rest, log, source, problems);
    const exchanges = [...own.exchanges, ...foreign].sort((a, b) => a.entryIndex - b.entryIndex);
    return { ok: true, exchanges, entryCount: log.listed, problems, source };
  } catch (error) {
    // Belt and braces: hostile input (a throwing getter) must not take the panel down.
    problems.push(`The file could not be read: ${String(error)}`);
    return { ok: false, exchanges: [], entryCount: 0, problems, source: 'unknown' };
  }
}
