/**
 * What the panel and its import worker say to each other (import-worker.ts): the file to
 * open, then progress lines, then the result. Checked on arrival like every message.
 */
import type { ImportResult, ImportStage } from '../../report';

export interface ImportRequest {
  readonly file: Blob;
}

export type ImportReply =
  | { readonly kind: 'progress'; readonly progress: ImportStage }
  | { readonly kind: 'done'; readonly result: ImportResult };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isStage(x: unknown): x is ImportStage {
  if (!isObject(x)) return false;
  if (x.stage === 'parsing') return true;
  return x.stage === 'judging' && typeof x.entries === 'number';
}

/** The result's envelope: what the panel reads before handing each exchange to the list. */
function isResult(x: unknown): x is ImportResult {
  return (
    isObject(x) &&
    typeof x.ok === 'boolean' &&
    typeof x.entryCount === 'number' &&
    typeof x.source === 'string' &&
    Array.isArray(x.problems) &&
    x.problems.every((p) => typeof p === 'string') &&
    Array.isArray(x.exchanges) &&
    x.exchanges.every(
      (e) =>
        isObject(e) &&
        typeof e.id === 'string' &&
        isObject(e.observation) &&
        isObject(e.verdict) &&
        Array.isArray(e.unknowns),
    )
  );
}

export function isImportReply(x: unknown): x is ImportReply {
  if (!isObject(x)) return false;
  if (x.kind === 'progress') return isStage(x.progress);
  return x.kind === 'done' && isResult(x.result);
}

/** A progress line for people. */
export function progressText(fileName: string, progress: ImportStage): string {
  return progress.stage === 'parsing'
    ? `Opening ${fileName}: reading the file…`
    : `Opening ${fileName}: judging ${progress.entries.toLocaleString('en')} entries…`;
}
