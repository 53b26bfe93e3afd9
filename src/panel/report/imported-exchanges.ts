import type { Exchange } from '../../capture/exchange';
import type { ImportedExchange } from '../../report';

/**
 * An exchange read from a HAR file, in the shape the list and the card show. What the
 * file could not tell (credentials mode, headers of a blocked response…) becomes the
 * exchange's note, so the card says it beside the verdict.
 */
export function toPanelExchange(imported: ImportedExchange, seq: number): Exchange {
  const { observation, verdict } = imported;
  const redirects = observation.redirects ?? [];
  const startedAt = imported.startedAt ?? 0;
  return {
    id: imported.id,
    seq,
    tabId: 0,
    frameId: 0,
    requestId: imported.id,
    kind: 'request',
    state: observation.outcome.kind === 'in-flight' ? 'in-flight' : 'done',
    timings: { startedAt },
    finalUrl:
      redirects.length > 0
        ? (redirects[redirects.length - 1]?.location ?? observation.request.url)
        : observation.request.url,
    preflights: [],
    ...(imported.unknowns.length > 0
      ? { note: `From the report file: ${imported.unknowns.join(' ')}` }
      : {}),
    observation,
    verdict,
  };
}
