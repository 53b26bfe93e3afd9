/**
 * Where the next event of a requestId goes. Chromium's requestIds are unique for
 * the browser session, so one map keyed by requestId routes every event in O(1).
 */
import type { RequestTrace } from './trace';

export type Route =
  /** The request of an exchange. */
  | { readonly kind: 'exchange'; readonly exchangeId: string }
  /** A preflight paired with an exchange (or an orphan's own preflight). */
  | { readonly kind: 'preflight'; readonly exchangeId: string; readonly trace: RequestTrace }
  /** A preflight whose request has not been seen yet. */
  | { readonly kind: 'waiting'; readonly trace: RequestTrace; readonly key: string }
  /** An OPTIONS request whose headers (which tell a preflight from a page's own OPTIONS) are not in yet. */
  | { readonly kind: 'options'; readonly trace: RequestTrace }
  /** A same-origin request, kept in view in case a redirect takes it to another origin. */
  | { readonly kind: 'watch'; readonly trace: RequestTrace }
  /** A request whose exchange was cleared or dropped: its late events are swallowed. */
  | { kind: 'tombstone'; at: number; ended: boolean };

export function tombstoneOf(trace: RequestTrace): Route {
  return { kind: 'tombstone', at: trace.lastEventAt, ended: trace.end !== undefined };
}
