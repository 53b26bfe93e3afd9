import type { ExchangeObservation } from './types';

/** The last URL the request went to: the final redirect's Location, else the first URL. */
export function finalUrl(obs: ExchangeObservation): string {
  return obs.redirects?.at(-1)?.location ?? obs.request.url;
}
