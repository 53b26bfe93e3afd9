import { isAsciiNameMatch, trimOws } from './headers';
import type { HeaderList } from './types';

/**
 * The CORS-relevant headers of one response, read in a single pass. Judging one exchange
 * asks a response for Access-Control-Allow-Origin alone four times (the check, its Firefox
 * classification, two lints): scanning the list once per question was the engine's largest
 * cost. Values are what `combinedHeader` gives: OWS-trimmed lines joined with ", ".
 */
export interface CorsResponseHeaders {
  readonly allowOrigin: string | undefined;
  /** Number of Access-Control-Allow-Origin lines (Firefox tells one `a, b` line from two). */
  readonly allowOriginLines: number;
  readonly allowCredentials: string | undefined;
  readonly allowMethods: string | undefined;
  readonly allowHeaders: string | undefined;
  readonly maxAge: string | undefined;
  readonly exposeHeaders: string | undefined;
  readonly location: string | undefined;
  /** Every Vary line, OWS-trimmed, in order. */
  readonly vary: readonly string[];
}

interface Reading {
  allowOrigin: string | undefined;
  allowOriginLines: number;
  allowCredentials: string | undefined;
  allowMethods: string | undefined;
  allowHeaders: string | undefined;
  maxAge: string | undefined;
  exposeHeaders: string | undefined;
  location: string | undefined;
  vary: string[];
}

function join(combined: string | undefined, value: string): string {
  return combined === undefined ? value : `${combined}, ${value}`;
}

/** Files one header line under its field; names are told apart by length first. */
function file(reading: Reading, name: string, rawValue: string): void {
  switch (name.length) {
    case 4:
      if (isAsciiNameMatch(name, 'vary')) reading.vary.push(trimOws(rawValue));
      return;
    case 8:
      if (isAsciiNameMatch(name, 'location')) {
        reading.location = join(reading.location, trimOws(rawValue));
      }
      return;
    case 22:
      if (isAsciiNameMatch(name, 'access-control-max-age')) {
        reading.maxAge = join(reading.maxAge, trimOws(rawValue));
      }
      return;
    case 27:
      if (isAsciiNameMatch(name, 'access-control-allow-origin')) {
        reading.allowOrigin = join(reading.allowOrigin, trimOws(rawValue));
        reading.allowOriginLines++;
      }
      return;
    case 28:
      if (isAsciiNameMatch(name, 'access-control-allow-methods')) {
        reading.allowMethods = join(reading.allowMethods, trimOws(rawValue));
      } else if (isAsciiNameMatch(name, 'access-control-allow-headers')) {
        reading.allowHeaders = join(reading.allowHeaders, trimOws(rawValue));
      }
      return;
    case 29:
      if (isAsciiNameMatch(name, 'access-control-expose-headers')) {
        reading.exposeHeaders = join(reading.exposeHeaders, trimOws(rawValue));
      }
      return;
    case 32:
      if (isAsciiNameMatch(name, 'access-control-allow-credentials')) {
        reading.allowCredentials = join(reading.allowCredentials, trimOws(rawValue));
      }
      return;
  }
}

export function readCorsResponseHeaders(headers: HeaderList | undefined): CorsResponseHeaders {
  const reading: Reading = {
    allowOrigin: undefined,
    allowOriginLines: 0,
    allowCredentials: undefined,
    allowMethods: undefined,
    allowHeaders: undefined,
    maxAge: undefined,
    exposeHeaders: undefined,
    location: undefined,
    vary: [],
  };
  if (headers) for (const header of headers) file(reading, header.name, header.value);
  return reading;
}
