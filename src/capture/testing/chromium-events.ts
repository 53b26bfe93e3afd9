/**
 * Builds webRequest event streams the way Chromium 156 with 'extraHeaders'
 * emits them (docs/cors-reference.md §6.2), so tests read as what a developer's page does.
 * Used by tests only.
 */
import type { HeaderList } from '../../cors';
import { PAGE, headers, type Pairs } from '../../cors/testing/exchange-builder';
import type { WebRequestEvent, WebRequestEventName } from '../events';

// The engine's test vocabulary: the same origins and header helpers on both sides.
export {
  API,
  PAGE,
  THIRD,
  allowOrigin,
  headers,
  type Pairs,
} from '../../cors/testing/exchange-builder';
export const TAB = 7;

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0';

/** Request headers of a cross-origin fetch(): the page's own, then what Chromium adds. */
export function corsRequestHeaders(pageHeaders: Pairs = [], origin = PAGE): HeaderList {
  return headers([
    ...pageHeaders,
    ['Accept', '*/*'],
    ['Accept-Language', 'en-US,en;q=0.9'],
    ['Origin', origin],
    ['Sec-Fetch-Mode', 'cors'],
    ['Sec-Fetch-Site', 'same-site'],
    ['Sec-Fetch-Dest', 'empty'],
    ['User-Agent', USER_AGENT],
  ]);
}

/** Request headers of the preflight Chromium sends for `method` with unsafe headers `acrh`. */
export function preflightRequestHeaders(method: string, acrh?: string, origin = PAGE): HeaderList {
  return headers([
    ['Accept', '*/*'],
    ['Access-Control-Request-Method', method],
    ...(acrh !== undefined ? [['Access-Control-Request-Headers', acrh] as const] : []),
    ['Origin', origin],
    ['Sec-Fetch-Mode', 'cors'],
    ['Sec-Fetch-Site', 'same-site'],
    ['Sec-Fetch-Dest', 'empty'],
    ['User-Agent', USER_AGENT],
  ]);
}

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  307: 'Temporary Redirect',
  401: 'Unauthorized',
  404: 'Not Found',
  500: 'Internal Server Error',
};

export interface RequestSpec {
  readonly url: string;
  readonly method?: string;
  readonly type?: string;
  /** null: browser-initiated (no initiator). Default PAGE. */
  readonly initiator?: string | null;
  readonly tabId?: number;
  readonly frameId?: number;
  readonly requestId?: string;
}

/** One stream of events on one clock; each request gets its own requestId. */
export class Timeline {
  readonly events: WebRequestEvent[] = [];
  private clock: number;
  private nextId: number;

  constructor(options: { start?: number; firstRequestId?: number } = {}) {
    this.clock = options.start ?? 1_760_000_000_000;
    this.nextId = options.firstRequestId ?? 1000;
  }

  get now(): number {
    return this.clock;
  }

  advance(ms: number): this {
    this.clock += ms;
    return this;
  }

  /** Each event is 1 ms after the previous one. */
  tick(): number {
    this.clock += 1;
    return this.clock;
  }

  newRequestId(): string {
    return String(this.nextId++);
  }

  request(spec: RequestSpec): RequestHandle {
    return new RequestHandle(this, spec);
  }
}

export class RequestHandle {
  readonly requestId: string;
  url: string;
  method: string;
  private status: number | undefined;
  private responseHeaders: HeaderList | undefined;
  private readonly base: Pick<WebRequestEvent, 'tabId' | 'frameId' | 'type' | 'initiator'>;

  constructor(
    private readonly timeline: Timeline,
    spec: RequestSpec,
  ) {
    this.requestId = spec.requestId ?? timeline.newRequestId();
    this.url = spec.url;
    this.method = spec.method ?? 'GET';
    const initiator = spec.initiator === undefined ? PAGE : spec.initiator;
    this.base = {
      tabId: spec.tabId ?? TAB,
      frameId: spec.frameId ?? 0,
      type: spec.type ?? 'xmlhttprequest',
      ...(initiator !== null ? { initiator } : {}),
    };
  }

  private emit(event: WebRequestEventName, extra: Partial<WebRequestEvent> = {}): this {
    this.timeline.events.push({
      event,
      requestId: this.requestId,
      url: this.url,
      method: this.method,
      ...this.base,
      timeStamp: this.timeline.tick(),
      ...extra,
    });
    return this;
  }

  private response(): Partial<WebRequestEvent> {
    if (this.status === undefined) return {};
    return {
      statusCode: this.status,
      statusLine: `HTTP/1.1 ${this.status} ${REASONS[this.status] ?? ''}`.trimEnd(),
      responseHeaders: this.responseHeaders ?? [],
      fromCache: false,
    };
  }

  before(): this {
    return this.emit('beforeRequest');
  }

  beforeSend(requestHeaders: HeaderList): this {
    return this.emit('beforeSendHeaders', { requestHeaders });
  }

  send(requestHeaders: HeaderList): this {
    return this.emit('sendHeaders', { requestHeaders });
  }

  /** beforeSendHeaders then sendHeaders with the same headers, as an observer sees them. */
  sendHeaders(requestHeaders: HeaderList): this {
    return this.beforeSend(requestHeaders).send(requestHeaders);
  }

  received(status: number, responseHeaders: Pairs): this {
    this.status = status;
    this.responseHeaders = headers(responseHeaders);
    return this.emit('headersReceived', this.response());
  }

  started(): this {
    return this.emit('responseStarted', this.response());
  }

  completed(): this {
    return this.emit('completed', this.response());
  }

  /** received → responseStarted → completed. */
  respond(status: number, responseHeaders: Pairs): this {
    return this.received(status, responseHeaders).started().completed();
  }

  failed(error = 'net::ERR_FAILED'): this {
    return this.emit('errorOccurred', { error });
  }

  /** A redirect response: headersReceived, beforeRedirect, then beforeRequest again at the new URL. */
  redirect(status: number, responseHeaders: Pairs, location: string): this {
    this.received(status, [...responseHeaders, ['Location', location]]);
    this.emit('beforeRedirect', { ...this.response(), redirectUrl: location });
    this.url = location;
    if (status === 303 || ((status === 301 || status === 302) && this.method === 'POST')) {
      this.method = 'GET';
    }
    this.status = undefined;
    this.responseHeaders = undefined;
    return this.before();
  }
}
