/**
 * Opening a HAR from Chrome's or Firefox's Network panel (or any other tool): entries are
 * single HTTP requests, so the exchanges are rebuilt the way the capture builds them
 * (import-pairing.ts: redirect hops chained, each preflight paired to its request by URL
 * and Access-Control-Request-Method), and everything the file does not say is named.
 */
import { judge } from '../cors';
import type {
  BrowserFamily,
  ExchangeObservation,
  HeaderList,
  ObservedRedirect,
  Outcome,
  Verdict,
} from '../cors';
import { hasHeader, headerValues } from '../cors/headers';
import { originOf } from '../cors/url';
import { judgeOrphan } from '../capture/record';
import type { RawEntry, RawLog } from './har-read';
import { pairEntries, redirectTarget } from './import-pairing';
import type { HarSource, ImportedExchange } from './import-types';
import { guarded, preflightOf, recordedOutcome, redirectOf, startedAtOf } from './import-shared';
import { credentialsUnknowns } from './import-unknowns';

/** Chrome's `_resourceType` names as the webRequest types the engine knows. */
const RESOURCE_TYPES: Readonly<Record<string, string>> = {
  fetch: 'xmlhttprequest',
  xhr: 'xmlhttprequest',
  document: 'main_frame',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  ping: 'ping',
  cspviolationreport: 'csp_report',
};

function initiatorOrigin(
  first: RawEntry,
  preflight: RawEntry | undefined,
  log: RawLog,
  unknowns: string[],
  problems: string[],
): string {
  const origin =
    headerValues(first.requestHeaders, 'Origin')[0] ??
    (preflight && headerValues(preflight.requestHeaders, 'Origin')[0]);
  if (origin !== undefined) return origin;
  const candidates: Array<[string, string | undefined]> = [
    ['the Referer header', headerValues(first.requestHeaders, 'Referer')[0]],
    ['the page URL', first.pageref === undefined ? undefined : log.pages.get(first.pageref)],
    ["the initiator's URL", first.initiator?.url],
    ["the calling script's URL", first.initiator?.stackUrl],
  ];
  for (const [from, url] of candidates) {
    const found = url === undefined ? 'null' : originOf(url);
    if (found !== 'null') {
      unknowns.push(`Initiator origin not recorded (no Origin header): taken from ${from}.`);
      return found;
    }
  }
  unknowns.push('Initiator origin not recorded: judged as an opaque origin (`null`).');
  problems.push(`entry ${first.index}: no Origin, Referer or page URL tells who made the request`);
  return 'null';
}

/**
 * Chrome lists a request that never reached the network with its provisional headers:
 * no Origin, no Sec-Fetch-*. Without a preflight they mislead the mode inference (a GET
 * without Origin looks like no-cors), so they are dropped; with one they still name the
 * page's own headers.
 */
function requestHeadersOf(
  first: RawEntry,
  preflight: RawEntry | undefined,
  unknowns: string[],
): HeaderList | undefined {
  const headers = withoutNetworkPriority(first.requestHeaders, preflight);
  if (headers.length === 0) {
    unknowns.push('The request headers are not in the file.');
    return undefined;
  }
  const provisional =
    first.status === 0 && !hasHeader(headers, 'Origin') && !hasHeader(headers, 'Sec-Fetch-Mode');
  if (!provisional) return headers;
  if (preflight) {
    unknowns.push(
      'The request never reached the network: its headers are the browser’s provisional ones.',
    );
    return headers;
  }
  unknowns.push(
    'The request never reached the network and only provisional headers were recorded: they are left out.',
  );
  return undefined;
}

/**
 * The network layer adds `Priority: u=…` (RFC 9218: Firefox on every request, Chrome over
 * HTTP/2 and HTTP/3) after the CORS checks, so it never asks for a preflight. One the page
 * set itself would have: it is kept only when the preflight names it.
 */
function withoutNetworkPriority(headers: HeaderList, preflight: RawEntry | undefined): HeaderList {
  const requested = preflight
    ? (headerValues(preflight.requestHeaders, 'Access-Control-Request-Headers')[0] ?? '')
    : '';
  if (/(^|,)\s*priority\s*(,|$)/i.test(requested)) return headers;
  return headers.filter((h) => h.name.toLowerCase() !== 'priority');
}

/**
 * Firefox's HAR has no error field: the outcome is the engine's prediction. A failure the
 * recorded headers explain is taken as the browser's; no response at all is a failure
 * whose error is unknown; anything else completed.
 */
function judgeWithoutOutcome(
  obs: Omit<ExchangeObservation, 'outcome'>,
  browser: BrowserFamily,
): { observation: ExchangeObservation; verdict: Verdict } {
  const probe = judge({ ...obs, outcome: { kind: 'in-flight' } });
  const corsError = browser === 'firefox' ? 'NS_ERROR_DOM_BAD_URI' : 'net::ERR_FAILED';
  const preflightError = obs.preflight?.response ? undefined : obs.preflight?.error;
  const outcome: Outcome = probe.failure
    ? { kind: 'failed', error: corsError }
    : preflightError !== undefined
      ? { kind: 'failed', error: preflightError }
      : !obs.response && !obs.redirects
        ? { kind: 'failed', error: 'error not recorded' }
        : { kind: 'completed' };
  const observation = { ...obs, outcome };
  return { observation, verdict: judge(observation) };
}

interface ForeignContext {
  readonly log: RawLog;
  readonly source: HarSource;
  readonly browser: BrowserFamily;
  /** The file records the browser's errors (Chrome's `_error`): the outcome is known. */
  readonly outcomes: boolean;
  readonly problems: string[];
}

function exchangeOf(
  chain: readonly RawEntry[],
  preflights: ReadonlyMap<number, RawEntry>,
  ctx: ForeignContext,
): ImportedExchange | null {
  const first = chain[0];
  const last = chain[chain.length - 1];
  if (!first || !last) return null;
  const unknowns: string[] = [];
  const preflight = preflights.get(first.index);
  const known = ctx.outcomes ? recordedOutcome(last) : undefined;
  const redirects: ObservedRedirect[] = [];
  let response: ExchangeObservation['response'];
  chain.forEach((hop, i) => {
    const target = redirectTarget(hop);
    const next = chain[i + 1];
    if (target !== undefined && (next || known?.kind !== 'completed')) {
      redirects.push(redirectOf(hop, target, next && preflights.get(next.index)));
      // A failed request stopped at its redirect (refused); otherwise the next hop is missing.
      if (!next && known === undefined) {
        unknowns.push('The request to the redirect target is not in the file.');
      }
    } else if (!next && hop.status > 0) {
      response = { status: hop.status, headers: hop.responseHeaders };
    }
  });
  const headers = requestHeadersOf(first, preflight, unknowns);
  const resourceType = first.resourceType && RESOURCE_TYPES[first.resourceType];
  const base: Omit<ExchangeObservation, 'outcome'> = {
    initiatorOrigin: initiatorOrigin(first, preflight, ctx.log, unknowns, ctx.problems),
    request: { url: first.url, method: first.method, ...(headers ? { headers } : {}) },
    ...(response ? { response } : {}),
    ...(preflight ? { preflight: preflightOf(preflight) } : {}),
    ...(redirects.length > 0 ? { redirects } : {}),
    ...(resourceType ? { resourceType } : {}),
    browser: ctx.browser,
  };
  let judged: { observation: ExchangeObservation; verdict: Verdict };
  if (known) {
    const observation = { ...base, outcome: known };
    judged = { observation, verdict: judge(observation) };
  } else {
    judged = judgeWithoutOutcome(base, ctx.browser);
    if (judged.verdict.status !== 'not-applicable') {
      unknowns.push(
        'The file does not record whether the browser blocked the request: the verdict is the engine’s prediction from the recorded headers.',
      );
    }
  }
  const { observation, verdict } = judged;
  if (verdict.status !== 'not-applicable') {
    unknowns.push(...credentialsUnknowns(observation, verdict, ctx.source));
    if (
      observation.outcome.kind === 'failed' &&
      !observation.response &&
      !observation.redirects &&
      !verdict.failure
    ) {
      unknowns.push(
        'No response is recorded for this failed request (the Network panel may have been opened after it started), so the check that failed cannot be named.',
      );
    }
  }
  const entries = [...chain, ...chain.flatMap((h) => preflights.get(h.index) ?? [])];
  return {
    id: `har:${first.index}`,
    entryIndex: first.index,
    entryIndexes: entries.map((e) => e.index).sort((a, b) => a - b),
    ...startedAtOf(first),
    observation,
    verdict,
    unknowns,
  };
}

/** A preflight whose request is not in the file: judged from the preflight alone. */
function orphanOf(preflight: RawEntry, ctx: ForeignContext): ImportedExchange {
  const unknowns = ['The request this preflight was sent for is not in the file.'];
  const method =
    headerValues(preflight.requestHeaders, 'Access-Control-Request-Method')[0] ?? 'GET';
  const origin = headerValues(preflight.requestHeaders, 'Origin')[0];
  if (origin === undefined) unknowns.push('Initiator origin not recorded: judged as `null`.');
  const judged = judgeOrphan({
    initiatorOrigin: origin ?? 'null',
    request: { url: preflight.url, method },
    preflight: preflightOf(preflight),
    browser: ctx.browser,
    outcome: { kind: 'in-flight' },
  });
  return {
    id: `har:${preflight.index}`,
    entryIndex: preflight.index,
    entryIndexes: [preflight.index],
    ...startedAtOf(preflight),
    ...judged,
    unknowns,
  };
}

export function importForeign(
  entries: readonly RawEntry[],
  log: RawLog,
  source: HarSource,
  problems: string[],
): ImportedExchange[] {
  const { chains, byHop, orphans } = pairEntries(entries);
  const ctx: ForeignContext = {
    log,
    source,
    browser: source === 'firefox' ? 'firefox' : 'chromium',
    outcomes:
      source === 'chrome' || source === 'cors-lens' || entries.some((e) => e.error !== undefined),
    problems,
  };
  return [
    ...chains.flatMap((chain) =>
      guarded(chain[0]?.index ?? -1, problems, () => exchangeOf(chain, byHop, ctx)),
    ),
    ...orphans.flatMap((p) => guarded(p.index, problems, () => orphanOf(p, ctx))),
  ];
}
