/** What a browser's HAR cannot tell about credentials, said for each exchange. */
import type { ExchangeObservation, Verdict } from '../cors';
import { hasHeader } from '../cors/headers';
import type { HarSource } from './import-types';

/**
 * The credentials mode is never in a HAR: the engine infers it, as the capture does. Chrome's
 * default ("sanitized") export also removes Cookie and Authorization, which hides the best
 * evidence, so the note says which way the engine went and why.
 */
export function credentialsUnknowns(
  obs: ExchangeObservation,
  verdict: Verdict,
  source: HarSource,
): string[] {
  const headers = obs.request.headers;
  if (hasHeader(headers, 'Cookie')) {
    return [
      'Credentials mode not recorded: inferred from the Cookie header (credentials included).',
    ];
  }
  if (verdict.credentials.value === 'include') {
    return [`Credentials mode not recorded: inferred as included (${verdict.credentials.source}).`];
  }
  const why =
    source === 'chrome' ? ' (Chrome’s default export removes Cookie and Authorization)' : '';
  return [
    `Credentials mode not recorded and no Cookie header in the file${why}: judged as a request without credentials.`,
  ];
}
