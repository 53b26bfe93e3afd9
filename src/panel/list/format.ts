/** What the list's cells say about an exchange: short text plus a longer title. */
import type { VerdictStatus } from '../../cors';
import type { ExchangeRow } from '../../protocol/exchange-row';
import { httpStatusOf } from '../../capture/filter';

export interface Cell {
  readonly text: string;
  readonly title?: string;
}

export const VERDICT_MARK: Readonly<Record<VerdictStatus, string>> = {
  allowed: '✓',
  blocked: '✕',
  'not-applicable': '–',
  failed: '!',
  unexplained: '?',
  pending: '…',
};

/** The mark's accessible text. */
export const VERDICT_LABEL: Readonly<Record<VerdictStatus, string>> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  'not-applicable': 'Not CORS',
  failed: 'Failed, not by CORS',
  unexplained: 'Failed, unexplained',
  pending: 'Pending',
};

/** `host/path?query` of a URL; the URL itself when it does not parse. */
export function hostPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export function preflightCell(exchange: ExchangeRow): Cell {
  const { preflight } = exchange.verdict;
  if (preflight.seen === 'sent') {
    const failed = exchange.verdict.failure?.stage === 'preflight';
    return { text: 'sent', title: failed ? 'Preflight sent; it failed' : 'Preflight sent' };
  }
  if (preflight.seen === 'cached') {
    return {
      text: 'cached',
      title: preflight.cache?.note ?? 'The browser reused a cached preflight',
    };
  }
  if (preflight.needed) {
    return { text: 'not seen', title: 'A preflight was needed but none was seen' };
  }
  return { text: 'none', title: 'No preflight needed' };
}

export function statusCell(exchange: ExchangeRow): Cell {
  const { status, of } = httpStatusOf(exchange);
  if (status !== null) {
    return {
      text: String(status),
      title: of === 'response' ? 'HTTP status of the response' : `HTTP status of the ${of}`,
    };
  }
  const { outcome } = exchange.observation;
  if (outcome.kind === 'failed') return { text: '(failed)', title: outcome.error };
  if (outcome.kind === 'in-flight') return { text: '(pending)' };
  return { text: '' };
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** Duration once it ended; otherwise when it started. Title: the start time. */
export function timeCell(exchange: ExchangeRow): Cell {
  const { startedAt, endedAt } = exchange.timings;
  const started = new Date(startedAt).toLocaleTimeString();
  if (endedAt === undefined) return { text: started, title: `Started ${started}, not ended` };
  return { text: durationText(endedAt - startedAt), title: `Started ${started}` };
}
