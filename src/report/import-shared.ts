/** Pieces both importers share: preflights and redirects from entries, and the outcome. */
import type { ObservedPreflight, ObservedRedirect, Outcome } from '../cors';
import type { RawEntry } from './har-read';
import type { ImportedExchange } from './import-types';

/** The preflight as the engine takes it: its response when one came, else its error. */
export function preflightOf(entry: RawEntry): ObservedPreflight {
  return {
    url: entry.url,
    requestHeaders: entry.requestHeaders,
    ...(entry.status > 0
      ? { response: { status: entry.status, headers: entry.responseHeaders } }
      : entry.error !== undefined
        ? { error: entry.error }
        : {}),
  };
}

export function redirectOf(
  hop: RawEntry,
  location: string,
  nextPreflight: RawEntry | undefined,
): ObservedRedirect {
  return {
    url: hop.url,
    status: hop.status,
    headers: hop.responseHeaders,
    location,
    ...(nextPreflight ? { preflight: preflightOf(nextPreflight) } : {}),
  };
}

/** What the last hop's entry says of the outcome, in a file that records errors (ours, Chrome's). */
export function recordedOutcome(last: RawEntry): Outcome {
  if (last.error !== undefined) return { kind: 'failed', error: last.error };
  return last.status > 0 ? { kind: 'completed' } : { kind: 'in-flight' };
}

export function startedAtOf(entry: RawEntry): { startedAt?: number } {
  return Number.isNaN(entry.startedMs) ? {} : { startedAt: entry.startedMs };
}

/** One exchange the engine cannot judge is a problem of the file, not the end of the import. */
export function guarded(
  index: number,
  problems: string[],
  build: () => ImportedExchange | null,
): ImportedExchange[] {
  try {
    const built = build();
    return built ? [built] : [];
  } catch (error) {
    problems.push(`entry ${index} could not be judged: skipped (${String(error)})`);
    return [];
  }
}
