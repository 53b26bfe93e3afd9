/**
 * Chromium's own view of each request, through the DevTools protocol: the oracle for
 * end-to-end tests. `Network.loadingFailed.corsErrorStatus` is the verdict Chromium's
 * Issues panel shows; the other events rebuild what was on the wire.
 */
import type { CDPSession } from '@playwright/test';
import type {
  ExchangeObservation,
  HeaderList,
  ObservedPreflight,
  ObservedRedirect,
} from '../src/cors/types';

type CdpHeaders = Record<string, string>;

interface RequestWillBeSent {
  requestId: string;
  request: { url: string; method: string; headers: CdpHeaders };
  initiator: { type: string; requestId?: string };
  redirectResponse?: { url: string; status: number; headers: CdpHeaders };
  type?: string;
}
interface ExtraInfo {
  requestId: string;
  headers: CdpHeaders;
}
interface ResponseExtraInfo {
  requestId: string;
  statusCode: number;
  headers: CdpHeaders;
}
interface ResponseReceived {
  requestId: string;
  response: { url: string; status: number; headers: CdpHeaders };
}
interface LoadingFailed {
  requestId: string;
  errorText: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}

export interface ChromiumVerdict {
  readonly requestId: string;
  readonly url: string;
  readonly outcome: 'finished' | 'failed';
  readonly errorText?: string;
  readonly corsError?: string;
  readonly failedParameter?: string;
}

/** CDP joins repeated header lines with "\n" in one value: split them back into lines. */
export function toHeaderList(headers: CdpHeaders | undefined): HeaderList {
  if (!headers) return [];
  return Object.entries(headers).flatMap(([name, value]) =>
    value.split('\n').map((v) => ({ name, value: v })),
  );
}

function location(headers: CdpHeaders): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1];
}

export class CdpRecorder {
  private readonly sent = new Map<string, RequestWillBeSent[]>();
  private readonly extra = new Map<string, ExtraInfo[]>();
  private readonly responseExtra = new Map<string, ResponseExtraInfo[]>();
  private readonly responses = new Map<string, ResponseReceived>();
  private readonly finished = new Set<string>();
  private readonly failed = new Map<string, LoadingFailed>();

  static async attach(session: CDPSession): Promise<CdpRecorder> {
    const recorder = new CdpRecorder();
    const push = <T extends { requestId: string }>(map: Map<string, T[]>, event: T) => {
      map.set(event.requestId, [...(map.get(event.requestId) ?? []), event]);
    };
    session.on('Network.requestWillBeSent', (e) => {
      push(recorder.sent, e as RequestWillBeSent);
    });
    session.on('Network.requestWillBeSentExtraInfo', (e) => {
      push(recorder.extra, e as ExtraInfo);
    });
    session.on('Network.responseReceivedExtraInfo', (e) => {
      push(recorder.responseExtra, e as ResponseExtraInfo);
    });
    session.on('Network.responseReceived', (e) => {
      recorder.responses.set(e.requestId, e);
    });
    session.on('Network.loadingFinished', (e) => {
      recorder.finished.add(e.requestId);
    });
    session.on('Network.loadingFailed', (e) => {
      recorder.failed.set(e.requestId, e);
    });
    await session.send('Network.enable');
    return recorder;
  }

  /** The actual (non-preflight) requests whose URL starts with `prefix`, in order. */
  actualRequests(prefix: string): string[] {
    return [...this.sent.entries()]
      .filter(
        ([, events]) =>
          events[0]?.initiator.type !== 'preflight' && events[0]?.request.url.startsWith(prefix),
      )
      .map(([id]) => id);
  }

  isDone(requestId: string): boolean {
    return this.finished.has(requestId) || this.failed.has(requestId);
  }

  verdict(requestId: string): ChromiumVerdict {
    const url = this.sent.get(requestId)?.[0]?.request.url ?? '';
    const failure = this.failed.get(requestId);
    if (!failure) return { requestId, url, outcome: 'finished' };
    return {
      requestId,
      url,
      outcome: 'failed',
      errorText: failure.errorText,
      ...(failure.corsErrorStatus
        ? {
            corsError: failure.corsErrorStatus.corsError,
            failedParameter: failure.corsErrorStatus.failedParameter,
          }
        : {}),
    };
  }

  private preflightFor(requestId: string): string[] {
    return [...this.sent.entries()]
      .filter(
        ([, events]) =>
          events[0]?.initiator.type === 'preflight' && events[0].initiator.requestId === requestId,
      )
      .map(([id]) => id);
  }

  private observedPreflight(id: string): ObservedPreflight {
    const first = this.sent.get(id)?.[0];
    const requestHeaders = toHeaderList(this.extra.get(id)?.[0]?.headers ?? first?.request.headers);
    const responseInfo = this.responseExtra.get(id)?.[0];
    const response = this.responses.get(id)?.response;
    const status = responseInfo?.statusCode ?? response?.status;
    const headers = responseInfo?.headers ?? response?.headers;
    const failure = this.failed.get(id);
    return {
      url: first?.request.url ?? '',
      requestHeaders,
      ...(status !== undefined && headers
        ? { response: { status, headers: toHeaderList(headers) } }
        : {}),
      ...(status === undefined && failure ? { error: failure.errorText } : {}),
    };
  }

  /**
   * What the wire showed for one actual request, shaped as the engine's input. Mode and
   * credentials are left for the engine to infer, as they are in the extension.
   */
  observation(requestId: string, initiatorOrigin: string): ExchangeObservation {
    const hops = this.sent.get(requestId) ?? [];
    const first = hops[0];
    if (!first) throw new Error(`no request ${requestId}`);
    const responseInfos = this.responseExtra.get(requestId) ?? [];
    const redirects: ObservedRedirect[] = [];
    for (let i = 1; i < hops.length; i++) {
      const hop = hops[i];
      const previous = hops[i - 1];
      if (!hop?.redirectResponse || !previous) continue;
      redirects.push({
        url: previous.request.url,
        status: hop.redirectResponse.status,
        headers: toHeaderList(responseInfos[i - 1]?.headers ?? hop.redirectResponse.headers),
        location: hop.request.url,
      });
    }
    // A response beyond the followed redirects is the final one, or a redirect that was refused.
    const last = responseInfos[redirects.length];
    const lastLocation = last ? location(last.headers) : undefined;
    let response: ExchangeObservation['response'];
    if (last && last.statusCode >= 300 && last.statusCode < 400 && lastLocation) {
      redirects.push({
        url: hops[hops.length - 1]?.request.url ?? first.request.url,
        status: last.statusCode,
        headers: toHeaderList(last.headers),
        location: new URL(lastLocation, hops[hops.length - 1]?.request.url).href,
      });
    } else if (last) {
      response = { status: last.statusCode, headers: toHeaderList(last.headers) };
    } else {
      const received = this.responses.get(requestId)?.response;
      if (received) response = { status: received.status, headers: toHeaderList(received.headers) };
    }
    const sentHeaders = this.extra.get(requestId);
    const preflights = this.preflightFor(requestId).map((id) => this.observedPreflight(id));
    const failure = this.failed.get(requestId);
    return {
      initiatorOrigin,
      request: {
        url: first.request.url,
        method: first.request.method,
        ...(sentHeaders?.length
          ? { headers: toHeaderList(sentHeaders[sentHeaders.length - 1]?.headers) }
          : {}),
      },
      ...(response ? { response } : {}),
      ...(preflights[0] ? { preflight: preflights[0] } : {}),
      ...(redirects.length ? { redirects } : {}),
      resourceType: 'xmlhttprequest',
      outcome: failure
        ? { kind: 'failed', error: failure.errorText }
        : this.finished.has(requestId)
          ? { kind: 'completed' }
          : { kind: 'in-flight' },
    };
  }
}
