/** Recorded exchanges for the protocol's tests and the worker's (their rows, their answers). */
import type { Exchange } from '../../capture/exchange';
import { API, Timeline, allowOrigin } from '../../capture/testing/chromium-events';
import { exchangesOf, recordAll } from '../../capture/testing/record';
import { simpleExchange } from '../../capture/testing/scenarios';

/** `count` recorded exchanges of tab `tabId` (one allowed GET, copied with its own ids and seqs). */
export function recordedExchanges(tabId: number, count: number): Exchange[] {
  const t = new Timeline();
  simpleExchange(t, { url: `${API}/api/one`, responseHeaders: [allowOrigin()] });
  const [sample] = exchangesOf(recordAll(t.events));
  if (!sample) throw new Error('no recorded exchange');
  return Array.from({ length: count }, (_, i) => ({
    ...sample,
    id: `${tabId}:${i}`,
    tabId,
    seq: i,
  }));
}
