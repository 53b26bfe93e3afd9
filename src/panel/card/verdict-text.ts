/** The card's words for a verdict's parts. Pure: tested in Node. */
import type { Exchange } from '../../capture/exchange';
import type {
  BrowserFamily,
  CorsFailure,
  FailureStage,
  Fix,
  NotApplicableReason,
  Verdict,
  VerdictStatus,
} from '../../cors';
import { headerLineText, responseFixTitle } from '../../cors/fix-text';

export const STATUS_LABEL: Record<VerdictStatus, string> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  'not-applicable': 'Not CORS',
  failed: 'Failed, not CORS',
  unexplained: 'Failed, unexplained',
  pending: 'Pending',
};

/** A mark beside the label, never instead of it. */
export const STATUS_MARK: Record<VerdictStatus, string> = {
  allowed: '✓',
  blocked: '✕',
  'not-applicable': '–',
  failed: '!',
  unexplained: '?',
  pending: '…',
};

const STAGE_TEXT: Record<FailureStage, string> = {
  preflight: 'the preflight (OPTIONS) response',
  actual: 'the response',
  redirect: 'the redirect response',
};

export function stageText(stage: FailureStage): string {
  return STAGE_TEXT[stage];
}

/** The lines to send, one block per response when the fix names several. */
export function headerLines(fix: Fix): string {
  const only = fix.responses.length === 1;
  return fix.responses
    .filter((r) => r.set.length > 0)
    .map((r) => {
      const lines = r.set.map(headerLineText).join('\n');
      return only ? lines : `# ${responseFixTitle(r)}\n${lines}`;
    })
    .join('\n\n');
}

function isMissingOrigin(failure: CorsFailure): boolean {
  return failure.corsError.endsWith('MissingAllowOriginHeader');
}

/**
 * When the "CORS error" hides a real error status (a 401 to the preflight, a 500 or
 * 502 from the error path), the sentence to lead with; else null.
 */
export function statusLead(verdict: Verdict): string | null {
  const failure = verdict.failure;
  if (verdict.status !== 'blocked' && verdict.status !== 'pending') return null;
  const status = failure?.httpStatus ?? null;
  if (!failure || status === null) return null;
  if (status < 400) return null;
  const to = failure.stage === 'preflight' ? ' to the preflight (OPTIONS) request' : '';
  if (failure.stage === 'preflight') {
    return isMissingOrigin(failure)
      ? `The server answered ${status}${to} without CORS headers: fix the ${status} first (answer OPTIONS before authentication or routing; browsers never send credentials on a preflight), then make error responses carry CORS headers.`
      : `The server answered ${status}${to}: a preflight needs a 2xx. Fix the ${status} first: answer OPTIONS before authentication or routing (browsers never send credentials on a preflight).`;
  }
  return isMissingOrigin(failure)
    ? `The server answered ${status} without CORS headers: fix the ${status} first, then make error responses carry CORS headers (the browser hides the ${status} behind a CORS error).`
    : `The server answered ${status}: fix the ${status} first, then make error responses carry the same CORS headers as successful ones.`;
}

const NOT_APPLICABLE: Record<NotApplicableReason, string> = {
  'same-origin': 'The request stayed on the page’s own origin, so CORS does not apply.',
  navigation: 'A navigation (a page or frame load) is not subject to CORS.',
  'no-cors':
    'The request was made in mode ‘no-cors’: the browser sends it and hands the page an opaque response, without a CORS check. If the page needs to read the response, make the request in mode ‘cors’.',
  websocket:
    'A WebSocket handshake is not subject to CORS: the server must check the Origin header itself.',
  'non-http-scheme': 'The URL is not http or https, so CORS does not apply.',
};

export function notApplicableText(reason: NotApplicableReason | undefined): string {
  return reason ? NOT_APPLICABLE[reason] : 'CORS does not apply to this request.';
}

/** What the card says about the capture's state, when it is not simply done. */
export function stateText(exchange: Exchange): string | null {
  switch (exchange.state) {
    case 'in-flight':
      return 'Still in flight: the verdict may change when the browser reports the outcome.';
    case 'timed-out':
      return 'Timed out: no event arrived for a while, so the outcome is unknown. A later event will update this card.';
    case 'done':
      return null;
  }
}

/** Which browser's names to lead with: the card's prop, else the observation's. */
export function leadBrowser(exchange: Exchange, browser: BrowserFamily | undefined): BrowserFamily {
  return browser ?? exchange.observation.browser ?? 'chromium';
}

/** "12 s of the 600 s max-age", when the cache age and the entry's lifetime are known. */
export function cacheAgeText(verdict: Verdict): string | null {
  const cache = verdict.preflight.cache;
  if (cache?.ageSeconds === undefined || !cache.entry) return null;
  const age = Math.round(cache.ageSeconds);
  return `Age ${age} s of the ${cache.entry.maxAgeSeconds} s max-age (${Math.max(0, cache.entry.maxAgeSeconds - age)} s left then).`;
}
