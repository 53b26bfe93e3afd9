/**
 * The pairing as it was first written: every preflight against every hop, every redirect
 * against every later request, URLs parsed for each comparison. Quadratic, and plainly
 * right: import-pairing.test.ts checks the fast pairing gives the very same pairs. Used
 * by tests only.
 */
import { headerValues } from '../../cors/headers';
import type { RawEntry } from '../har-read';
import { methodAfterRedirect } from '../hops';
import { byTime, isPreflight, normalUrl, redirectTarget, type Pairing } from '../import-pairing';

/** Each URL normalized once: the search stays quadratic, not quadratic in URL parses. */
const normalized = new Map<string, string>();
function sameUrl(a: string, b: string): boolean {
  const key = (url: string) => {
    let n = normalized.get(url);
    if (n === undefined) {
      n = normalUrl(url);
      normalized.set(url, n);
    }
    return n;
  };
  return key(a) === key(b);
}

/** Each request with the later hops its redirects led to. */
function chainsOf(requests: readonly RawEntry[]): RawEntry[][] {
  const used = new Set<number>();
  const chains: RawEntry[][] = [];
  requests.forEach((first, position) => {
    if (used.has(first.index)) return;
    used.add(first.index);
    const chain = [first];
    let hop = first;
    let at = position;
    for (;;) {
      const target = redirectTarget(hop);
      if (target === undefined) break;
      const method = methodAfterRedirect(hop.method, hop.status).toUpperCase();
      const from = hop;
      const next = requests.findIndex(
        (e, k) =>
          k > at &&
          !used.has(e.index) &&
          e.method.toUpperCase() === method &&
          e.pageref === from.pageref &&
          sameUrl(e.url, target),
      );
      const found = requests[next];
      if (!found) break;
      used.add(found.index);
      chain.push(found);
      hop = found;
      at = next;
    }
    chains.push(chain);
  });
  return chains;
}

/**
 * Pairs each preflight with the hop it was sent for: same URL, the method its
 * Access-Control-Request-Method names, started just before it (the browser starts the
 * request, then sends its preflight).
 */
function pairPreflights(
  preflights: readonly RawEntry[],
  hops: readonly RawEntry[],
): { byHop: Map<number, RawEntry>; orphans: RawEntry[] } {
  const byHop = new Map<number, RawEntry>();
  const orphans: RawEntry[] = [];
  for (const preflight of preflights) {
    const method = headerValues(preflight.requestHeaders, 'Access-Control-Request-Method')[0];
    const forUrl = preflight.initiator?.type === 'preflight' ? preflight.initiator.url : undefined;
    const score = (hop: RawEntry) => {
      const dt = preflight.startedMs - hop.startedMs;
      if (Number.isNaN(dt)) return Math.abs(preflight.index - hop.index);
      return dt >= -5 ? Math.abs(dt) : 1e9 - dt;
    };
    let best: RawEntry | undefined;
    for (const hop of hops) {
      if (byHop.has(hop.index) || !sameUrl(hop.url, preflight.url)) continue;
      if (method !== undefined && hop.method.toUpperCase() !== method.toUpperCase()) continue;
      if (forUrl !== undefined && !sameUrl(forUrl, hop.url)) continue;
      if (!best || score(hop) < score(best)) best = hop;
    }
    if (best) byHop.set(best.index, preflight);
    else orphans.push(preflight);
  }
  return { byHop, orphans };
}

export function referencePairing(entries: readonly RawEntry[]): Pairing {
  const sorted = [...entries].sort(byTime);
  const chains = chainsOf(sorted.filter((e) => !isPreflight(e)));
  const { byHop, orphans } = pairPreflights(sorted.filter(isPreflight), chains.flat());
  return { chains, byHop, orphans };
}
