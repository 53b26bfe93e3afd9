/**
 * What the worker keeps of secrets. By default a header value that is a credential
 * (`Cookie`, `Set-Cookie`, `Authorization`, a header named like a key or token) or that
 * holds a token shape is replaced by its marker as the event arrives, before it reaches
 * the recorder, memory or `storage.session`. The engine loses nothing: it needs to know
 * that a cookie or an `Authorization` was sent, never what it said. URLs are kept as the
 * page requested them (pairing and the panel need them; the browser's history holds them
 * too); every export still redacts their secrets.
 */
import type { HeaderList, HttpHeader } from '../cors';
import { isStandardHeader, redactHeader } from '../secrets';
import type { PageCallReport } from '../protocol/page-report';
import type { WebRequestEvent } from './events';

/**
 * Headers whose whole value is a URL. They are kept as they came, like the request's URL:
 * a redirect's `Location` is evidence the engine judges (userinfo, scheme).
 */
const URL_VALUED = new Set(['location', 'content-location', 'referer']);

function withoutSecretValues(headers: HeaderList): HeaderList {
  let out: HttpHeader[] | null = null;
  for (const [i, header] of headers.entries()) {
    // Standard syntax (User-Agent, Accept, Access-Control-*) holds no credential: skipping
    // it keeps this cheap on every event.
    if (URL_VALUED.has(header.name.toLowerCase()) || isStandardHeader(header.name)) continue;
    const { text } = redactHeader(header.name, header.value);
    if (text === header.value) continue;
    out ??= [...headers];
    out[i] = { name: header.name, value: text };
  }
  return out ?? headers;
}

/** The event as the worker may keep it: secret header values replaced by markers. */
export function withoutSecrets(event: WebRequestEvent): WebRequestEvent {
  const { requestHeaders, responseHeaders } = event;
  if (!requestHeaders && !responseHeaders) return event;
  const request = requestHeaders && withoutSecretValues(requestHeaders);
  const response = responseHeaders && withoutSecretValues(responseHeaders);
  if (request === requestHeaders && response === responseHeaders) return event;
  return {
    ...event,
    ...(request ? { requestHeaders: request } : {}),
    ...(response ? { responseHeaders: response } : {}),
  };
}

/** A page probe's report as the worker may keep it: the headers the page set, secrets masked. */
export function pageReportWithoutSecrets(report: PageCallReport): PageCallReport {
  if (report.headers.length === 0) return report;
  const list = report.headers.map(([name, value]) => ({ name, value }));
  const masked = withoutSecretValues(list);
  if (masked === list) return report;
  return { ...report, headers: masked.map((h) => [h.name, h.value] as const) };
}
