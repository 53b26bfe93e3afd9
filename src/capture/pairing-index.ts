/**
 * The index behind preflight pairing (pairing.ts). Chromium sends a preflight
 * for the request's current URL, from the same tab and initiator, asking for the
 * request's method (Access-Control-Request-Method). Requests waiting for a
 * preflight and preflights waiting for a request are indexed by exactly that,
 * so pairing is a map lookup whatever order the events come in.
 */
import type { BrowserFamily } from '../cors';
import type { Hop, RequestTrace } from './trace';

/**
 * When the hop was certainly past its preflight. Chromium: its request headers were
 * handed over (beforeSendHeaders/sendHeaders come after the preflight). Firefox fires
 * those for the request *before* it starts the preflight (recorded firefox-esr 153
 * streams), so only a response or redirect proves the preflight stage is over.
 */
export function pastPreflightAt(hop: Hop, browser: BrowserFamily): number | undefined {
  if (browser === 'firefox') return hop.response?.at ?? hop.redirect?.at;
  return hop.sentAt;
}

export function pairingKey(tabId: number, initiator: string, method: string, url: string): string {
  // Newlines cannot occur in any of the parts (URLs are serialized, origins and methods are tokens).
  return `${tabId}\n${initiator}\n${method}\n${url}`;
}

/**
 * Whether `preflight` can be the one sent for `hop` of `request`, from the
 * browser's timestamps, not the order the events arrived in: the hop has no
 * preflight yet, the preflight started before the hop was sent and before the
 * request ended, and not more than `windowMs` before the hop itself began.
 */
export function canPair(
  request: RequestTrace,
  hop: Hop,
  preflight: RequestTrace,
  windowMs: number,
  browser: BrowserFamily = 'chromium',
): boolean {
  const start = preflight.startedAt;
  const past = pastPreflightAt(hop, browser);
  return (
    hop.preflight === undefined &&
    (past === undefined || start <= past) &&
    (request.end === undefined || start <= request.end.at) &&
    start >= hop.startedAt - windowMs
  );
}

/**
 * When a request stops being a candidate for a late preflight: the window after
 * it was sent or ended. Infinity while it is still waiting.
 */
export function candidateDeadline(
  request: RequestTrace,
  hop: Hop,
  windowMs: number,
  browser: BrowserFamily = 'chromium',
): number {
  const settled = pastPreflightAt(hop, browser) ?? request.end?.at;
  return settled === undefined ? Infinity : settled + windowMs;
}

/** Insertion-ordered sets per key: iteration yields the oldest first. */
class KeyedSets<V> {
  private readonly byKey = new Map<string, Map<string, V>>();

  add(key: string, id: string, value: V): void {
    let set = this.byKey.get(key);
    if (!set) {
      set = new Map();
      this.byKey.set(key, set);
    }
    set.set(id, value);
  }

  delete(key: string, id: string): void {
    const set = this.byKey.get(key);
    if (!set) return;
    set.delete(id);
    if (set.size === 0) this.byKey.delete(key);
  }

  /** A copy, so callers may delete while they iterate. */
  entries(key: string): Array<[string, V]> {
    return [...(this.byKey.get(key) ?? [])];
  }

  *all(): Generator<[string, string, V]> {
    for (const [key, set] of this.byKey) for (const [id, value] of set) yield [key, id, value];
  }

  clear(): void {
    this.byKey.clear();
  }
}

export class PairingIndex {
  /** Exchanges whose current hop may still get a preflight, by key → exchange id. */
  readonly requests = new KeyedSets<true>();
  /** Classified preflights with no request yet, by key → preflight requestId. */
  readonly preflights = new KeyedSets<RequestTrace>();

  clear(): void {
    this.requests.clear();
    this.preflights.clear();
  }
}
