/**
 * The card's what-if editor, without the UI: each response of the exchange (every
 * preflight, redirect hop and the actual response, and those the fix names that the
 * browser never reached) as editable `Name: value` text and a status; the edits as the
 * changes the engine re-judges (judgeWithChanges); and the edits as a fix a server team
 * can follow ("Copy as fix"). Pure: tested in Node.
 */
import type {
  ExchangeObservation,
  Fix,
  HeaderLine,
  ResponseChange,
  ResponseFix,
  Verdict,
} from '../../cors';
import { judgeWithChanges, passesAsIs } from '../../cors';

/** One response in the editor, as it was observed (or as the fix says it must be made). */
export interface EditableResponse {
  /** `stage hop`: which response, stable across edits. */
  readonly key: string;
  readonly stage: ResponseFix['stage'];
  readonly hop: number;
  readonly url: string;
  /** False for a response the browser never got to (it stopped at the failure). */
  readonly seen: boolean;
  readonly status: number;
  readonly headers: readonly HeaderLine[];
  /** For a preflight the browser has not sent yet: what it will ask for. */
  readonly preflightFor?: ResponseFix['preflightFor'];
}

/** What the developer typed for one response. */
export interface ResponseEdit {
  readonly status: string;
  readonly headers: string;
}

const keyOf = (stage: ResponseFix['stage'], hop: number) => `${stage} ${hop}`;

/** The observed responses, in the order the browser meets them, then the fix's unseen ones. */
export function editableResponses(obs: ExchangeObservation, verdict: Verdict): EditableResponse[] {
  const out: EditableResponse[] = [];
  const redirects = obs.redirects ?? [];
  const seen = new Set<string>();
  const add = (r: EditableResponse) => {
    seen.add(r.key);
    out.push(r);
  };
  for (let hop = 0; hop <= redirects.length; hop++) {
    const preflight = hop === 0 ? obs.preflight : redirects[hop - 1]?.preflight;
    if (preflight?.response) {
      add({
        key: keyOf('preflight', hop),
        stage: 'preflight',
        hop,
        url: preflight.url,
        seen: true,
        status: preflight.response.status,
        headers: preflight.response.headers,
      });
    }
    const redirect = redirects[hop];
    if (redirect) {
      add({
        key: keyOf('redirect', hop),
        stage: 'redirect',
        hop,
        url: redirect.url,
        seen: true,
        status: redirect.status,
        headers: redirect.headers,
      });
    } else if (obs.response) {
      add({
        key: keyOf('actual', hop),
        stage: 'actual',
        hop,
        url: redirects.at(-1)?.location ?? obs.request.url,
        seen: true,
        status: obs.response.status,
        headers: obs.response.headers,
      });
    }
  }
  for (const r of verdict.failure?.fix.responses ?? []) {
    const key = keyOf(r.stage, r.hop);
    if (seen.has(key)) continue;
    add({
      key,
      stage: r.stage,
      hop: r.hop,
      url: r.url,
      seen: false,
      status: r.answerStatus ?? (r.stage === 'preflight' ? 204 : 200),
      headers: [],
      ...(r.preflightFor ? { preflightFor: r.preflightFor } : {}),
    });
  }
  // The browser's order: by hop, and at one hop the preflight before the response.
  const rank = { preflight: 0, redirect: 1, actual: 1 } as const;
  return out.sort((a, b) => a.hop - b.hop || rank[a.stage] - rank[b.stage]);
}

export function headersAsText(headers: readonly HeaderLine[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}

/** `Name: value` lines; a blank line is skipped, a line without a name is a problem. */
export function parseHeaderText(text: string): { lines: HeaderLine[]; problems: string[] } {
  const lines: HeaderLine[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      problems.push(`Line ${i + 1} is not a header line (Name: value): ${raw}`);
      return;
    }
    lines.push({ name, value: raw.slice(colon + 1).trim() });
  });
  return { lines, problems };
}

function parseStatus(text: string, fallback: number): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : fallback;
}

/** The edits as changes: each edited response replaced by exactly what was typed. */
export function changesFrom(
  responses: readonly EditableResponse[],
  edits: Readonly<Record<string, ResponseEdit>>,
): { changes: ResponseChange[]; problems: string[] } {
  const changes: ResponseChange[] = [];
  const problems: string[] = [];
  for (const r of responses) {
    // A response the browser never reached is judged as shown (empty unless edited).
    const edit = edits[r.key] ?? (r.seen ? undefined : { status: String(r.status), headers: '' });
    if (!edit) continue;
    const parsed = parseHeaderText(edit.headers);
    problems.push(...parsed.problems);
    const status = parseStatus(edit.status, r.status);
    changes.push({
      stage: r.stage,
      hop: r.hop,
      url: r.url,
      // Every line it had goes, what was typed is sent: the response becomes exactly the edit.
      remove: r.headers,
      set: parsed.lines,
      ...(status !== r.status || !r.seen ? { answerStatus: status } : {}),
      ...(r.preflightFor ? { preflightFor: r.preflightFor } : {}),
    });
  }
  return { changes, problems };
}

export interface WhatIfResult {
  readonly passes: boolean;
  /** The engine's verdict with the edits, judged as failed: names what would still block it. */
  readonly verdict: Verdict;
}

export function whatIf(
  obs: ExchangeObservation,
  verdict: Verdict,
  changes: readonly ResponseChange[],
): WhatIfResult {
  const passes = passesAsIs(judgeWithChanges(obs, verdict, changes));
  return {
    passes,
    verdict: passes
      ? judgeWithChanges(obs, verdict, changes)
      : judgeWithChanges(obs, verdict, changes, { kind: 'failed', error: 'net::ERR_FAILED' }),
  };
}

const lineKey = (l: HeaderLine) => `${l.name.toLowerCase()}\n${l.value.trim()}`;

/**
 * The edits as a fix to follow: per response, the lines typed that it did not send, the
 * lines it sent that are still there (keep), and those no longer there (remove).
 */
export function fixFromEdits(
  responses: readonly EditableResponse[],
  edits: Readonly<Record<string, ResponseEdit>>,
): Fix {
  const out: ResponseFix[] = [];
  for (const r of responses) {
    const edit = edits[r.key];
    if (!edit) continue;
    const typed = parseHeaderText(edit.headers).lines;
    const had = new Set(r.headers.map(lineKey));
    const now = new Set(typed.map(lineKey));
    const status = parseStatus(edit.status, r.status);
    const set = typed.filter((l) => !had.has(lineKey(l)));
    const remove = r.headers.filter((l) => !now.has(lineKey(l)));
    if (set.length === 0 && remove.length === 0 && status === r.status && r.seen) continue;
    out.push({
      stage: r.stage,
      hop: r.hop,
      url: r.url,
      seen: r.seen,
      ...(r.seen ? { status: r.status } : {}),
      ...(status !== r.status || !r.seen ? { answerStatus: status } : {}),
      ...(r.preflightFor ? { preflightFor: r.preflightFor } : {}),
      set,
      keep: typed.filter((l) => had.has(lineKey(l))),
      remove,
    });
  }
  return { byHeaders: out.length > 0, responses: out, steps: [] };
}

/** The editor prefilled with the engine's fix applied: a starting point to edit from. */
export function editsWithFix(
  responses: readonly EditableResponse[],
  fix: Fix,
): Record<string, ResponseEdit> {
  const edits: Record<string, ResponseEdit> = {};
  for (const r of responses) {
    const change = fix.responses.find((c) => c.stage === r.stage && c.hop === r.hop);
    if (!change) continue;
    const removed = [...change.remove];
    const replaced = new Set(change.set.map((l) => l.name.toLowerCase()));
    const kept = r.headers.filter((h) => {
      const at = removed.findIndex((x) => lineKey(x) === lineKey(h));
      if (at >= 0) {
        removed.splice(at, 1);
        return false;
      }
      return !replaced.has(h.name.toLowerCase());
    });
    edits[r.key] = {
      status: String(change.answerStatus ?? r.status),
      headers: headersAsText([...kept, ...change.set]),
    };
  }
  return edits;
}
