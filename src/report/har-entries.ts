/**
 * The HAR entries of one exchange: one per hop of the request and one per preflight, with
 * the standard fields filled from what was observed. Built in two steps: the entries
 * first (every header and URL goes through the redactor, which learns the secrets), then
 * their `_cors` fields, once every entry has its index and every secret is known.
 */
import type { HeaderList, ObservedResponse } from '../cors';
import { headerValues } from '../cors/headers';
import type { Exchange, RequestTimings } from '../capture/exchange';
import { corsFieldsOf } from './har-cors';
import type {
  HarCorsEntry,
  HarEntry,
  HarNameValue,
  HarRequest,
  HarResponse,
  HarTimings,
} from './har-types';
import { hopStartTimes, hopsOf, type Hop } from './hops';
import { parseStatusLine, queryString, requestCookies, responseCookies } from './http-message';
import type { Redactor } from './redactor';

export type EntryWithoutCors = Omit<HarEntry, '_cors'>;

export interface EntryDraft {
  /** Unique within the export: links entries to each other before indexes exist. */
  readonly key: string;
  readonly at: number;
  readonly seq: number;
  /** Order within the exchange, for equal start times: a hop before its preflight. */
  readonly order: number;
  readonly entry: EntryWithoutCors;
  readonly cors: (indexOf: (key: string) => number | undefined) => HarCorsEntry;
}

const REDIRECT_TEXT: Readonly<Record<number, string>> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
};

/** webRequest resource types under the names Chrome's HAR uses. */
const CHROME_RESOURCE_TYPE: Readonly<Record<string, string>> = {
  xmlhttprequest: 'fetch',
  main_frame: 'document',
  sub_frame: 'document',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  imageset: 'image',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  ping: 'ping',
  csp_report: 'cspviolationreport',
};

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const span = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? undefined : Math.max(0, round(to - from));

function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : new Date(0).toISOString();
}

/** HAR timings from the moments the capture saw; -1 where the phase was not observed. */
export function harTimings(
  start: number,
  t: Partial<Omit<RequestTimings, 'startedAt'>>,
): { timings: HarTimings; time: number } {
  const blocked = span(start, t.sentAt ?? (t.responseAt === undefined ? t.endedAt : undefined));
  const waitFrom = t.sentAt ?? start;
  const wait = span(waitFrom, t.responseAt ?? (t.sentAt === undefined ? undefined : t.endedAt));
  const receive = span(t.responseAt, t.endedAt);
  const timings: HarTimings = {
    blocked: blocked ?? -1,
    dns: -1,
    connect: -1,
    ssl: -1,
    send: 0,
    wait: wait ?? 0,
    receive: receive ?? 0,
  };
  return { timings, time: round((blocked ?? 0) + (wait ?? 0) + (receive ?? 0)) };
}

function harHeaders(headers: HeaderList | undefined, redactor: Redactor): HarNameValue[] {
  return (headers ?? []).map((h) => ({ name: h.name, value: redactor.header(h.name, h.value) }));
}

function harRequest(
  url: string,
  method: string,
  headers: HeaderList | undefined,
  httpVersion: string,
  redactor: Redactor,
): HarRequest {
  const shownUrl = redactor.url(url);
  return {
    method,
    url: shownUrl,
    httpVersion,
    cookies: requestCookies(headers, redactor),
    headers: harHeaders(headers, redactor),
    queryString: queryString(shownUrl),
    headersSize: -1,
    bodySize: -1,
  };
}

function harResponse(
  response: ObservedResponse | undefined,
  statusLine: string | undefined,
  redirectTo: string | undefined,
  error: string | undefined,
  redactor: Redactor,
): HarResponse {
  const line = parseStatusLine(statusLine);
  const status = response?.status ?? 0;
  return {
    status,
    statusText: line.statusText || (redirectTo === undefined ? '' : (REDIRECT_TEXT[status] ?? '')),
    httpVersion: response ? line.httpVersion : '',
    cookies: responseCookies(response?.headers, redactor),
    headers: harHeaders(response?.headers, redactor),
    content: {
      size: 0,
      mimeType: headerValues(response?.headers, 'Content-Type')[0] ?? 'x-unknown',
    },
    redirectURL: redirectTo === undefined ? '' : redactor.url(redirectTo),
    headersSize: -1,
    bodySize: -1,
    // A page's TypeError may quote the URL it refused, credentials and all.
    ...(error !== undefined ? { _error: redactor.text(error) } : {}),
  };
}

/** A redirected preflight (which the browser refuses): its Location, as Chrome fills redirectURL. */
function preflightRedirect(response: ObservedResponse | undefined): string | undefined {
  if (!response || response.status < 300 || response.status > 399) return undefined;
  return headerValues(response.headers, 'Location')[0];
}

function hopTimings(exchange: Exchange, hop: Hop, hopCount: number) {
  const t = exchange.timings;
  if (hopCount === 1) return t;
  if (hop.index === 0) return t.sentAt === undefined ? {} : { sentAt: t.sentAt };
  if (!hop.final) return {};
  return {
    ...(t.responseAt !== undefined ? { responseAt: t.responseAt } : {}),
    ...(t.endedAt !== undefined ? { endedAt: t.endedAt } : {}),
  };
}

export interface DraftContext {
  readonly redactor: Redactor;
  readonly pageref?: string;
}

export function exchangeDrafts(exchange: Exchange, ctx: DraftContext): EntryDraft[] {
  const { redactor } = ctx;
  const obs = exchange.observation;
  const hops = hopsOf(exchange);
  const starts = hopStartTimes(hops, exchange.timings);
  const httpVersion = parseStatusLine(exchange.statusLine).httpVersion;
  const hopKey = (i: number) => `${exchange.id}\u0000hop${i}`;
  const preflightKey = (i: number) => `${exchange.id}\u0000preflight${i}`;
  const pageref = ctx.pageref === undefined ? {} : { pageref: ctx.pageref };
  const resourceType = CHROME_RESOURCE_TYPE[obs.resourceType ?? ''] ?? 'other';
  const drafts: EntryDraft[] = [];

  for (const hop of hops) {
    const start = starts[hop.index] ?? exchange.timings.startedAt;
    const { timings, time } = harTimings(start, hopTimings(exchange, hop, hops.length));
    const error = hop.final && obs.outcome.kind === 'failed' ? obs.outcome.error : undefined;
    const comment =
      hop.index === 0 && exchange.note ? { comment: redactor.text(exchange.note) } : {};
    drafts.push({
      key: hopKey(hop.index),
      at: start,
      seq: exchange.seq,
      order: hop.index * 2,
      entry: {
        ...pageref,
        startedDateTime: isoTime(start),
        time,
        request: harRequest(hop.url, hop.method, hop.requestHeaders, httpVersion, redactor),
        response: harResponse(
          hop.response,
          hop.final ? exchange.statusLine : undefined,
          hop.redirectTo,
          error,
          redactor,
        ),
        cache: {},
        timings,
        ...comment,
        _resourceType: resourceType,
      },
      cors: (indexOf) =>
        hop.index === 0
          ? corsFieldsOf(exchange, redactor, indexOf(preflightKey(0)))
          : {
              exchangeId: exchange.id,
              role: 'redirect',
              forEntryIndex: indexOf(hopKey(0)) ?? -1,
              hop: hop.index,
            },
    });

    const preflight = hop.preflight;
    if (!preflight) continue;
    const summary = hop.preflightSummary;
    const pfStart = summary?.timings.startedAt ?? start;
    const pfTimes = harTimings(pfStart, summary?.timings ?? {});
    drafts.push({
      key: preflightKey(hop.index),
      at: pfStart,
      seq: exchange.seq,
      order: hop.index * 2 + 1,
      entry: {
        ...pageref,
        startedDateTime: isoTime(pfStart),
        time: pfTimes.time,
        request: harRequest(
          preflight.url,
          'OPTIONS',
          preflight.requestHeaders,
          parseStatusLine(summary?.statusLine).httpVersion || httpVersion,
          redactor,
        ),
        response: harResponse(
          preflight.response,
          summary?.statusLine,
          preflightRedirect(preflight.response),
          preflight.response ? undefined : preflight.error,
          redactor,
        ),
        cache: {},
        timings: pfTimes.timings,
        _resourceType: 'preflight',
      },
      cors: (indexOf) => ({
        exchangeId: exchange.id,
        role: 'preflight',
        forEntryIndex: indexOf(hopKey(hop.index)) ?? -1,
      }),
    });
  }
  return drafts;
}
