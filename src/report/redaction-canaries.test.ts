import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  API,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  type Pairs,
} from '../capture/testing/chromium-events';
import { FAILED_TO_FETCH, refusedInPage } from '../capture/testing/page-calls';
import { replay } from './testing/exchanges';
import { SECRET_CASES, defaultOutputs, unredactedOutputs } from './testing/secret-cases';

/** The outputs (by name) that contain the secret. */
function leaks(outputs: Record<string, string>, secret: string): string[] {
  return Object.entries(outputs)
    .filter(([, text]) => text.includes(secret))
    .map(([name]) => name);
}

describe('no secret survives a default export', () => {
  it.each(SECRET_CASES.map((c) => [c.name, c] as const))('%s', (_name, secretCase) => {
    const exchanges = secretCase.exchanges();
    expect(exchanges.length).toBeGreaterThan(0);
    // The canary is really there: with redaction off, the user gets it back.
    expect(leaks(unredactedOutputs(exchanges), secretCase.secret)).toContain('har');
    expect(leaks(defaultOutputs(exchanges), secretCase.secret)).toEqual([]);
  });
});

/** Where a value marked secret can stand in an exchange. */
type Place =
  | 'cookie'
  | 'nameless-cookie'
  | 'set-cookie-line'
  | 'authorization'
  | 'secret-header'
  | 'query'
  | 'query-semicolon'
  | 'fragment'
  | 'path-parameter'
  | 'user-name'
  | 'password'
  | 'jwt-in-value'
  | 'location-query'
  | 'page-call-site'
  | 'page-error-url'
  | 'page-csp-report-uri';

const PLACES: readonly Place[] = [
  'cookie',
  'nameless-cookie',
  'set-cookie-line',
  'authorization',
  'secret-header',
  'query',
  'query-semicolon',
  'fragment',
  'path-parameter',
  'user-name',
  'password',
  'jwt-in-value',
  'location-query',
  'page-call-site',
  'page-error-url',
  'page-csp-report-uri',
];

const SECRET_HEADER_NAMES = ['X-Api-Key', 'X-Auth-Token', 'X-Session-Id', 'X-CSRF-Token'];
const SECRET_PARAMS = ['access_token', 'code', 'sid', 'otp', 'password', 'api_key', 'sig'];

interface Planted {
  readonly place: Place;
  readonly secret: string;
  readonly headerName: string;
  readonly param: string;
  readonly status: number;
  readonly failed: boolean;
  readonly decoys: Pairs;
}

/** A call refused in the page whose report carries `secret` where the probe read it. */
function plantInPage(p: Planted) {
  const secretUrl = `${API}/api/x?page=2&${p.param}=${p.secret}`;
  switch (p.place) {
    case 'page-call-site':
      return refusedInPage({
        mode: 'same-origin',
        callSite: { url: `${API}/static/app.js?${p.param}=${p.secret}`, line: 1, column: 2 },
      });
    case 'page-error-url':
      return refusedInPage({
        url: secretUrl,
        outcome: { ...FAILED_TO_FETCH, message: `Failed to fetch ${secretUrl}` },
      });
    default:
      return refusedInPage({
        csp: {
          directive: 'connect-src',
          policy: `connect-src 'self'; report-uri ${secretUrl}`,
          document: `${API}/app`,
        },
      });
  }
}

/** An exchange carrying `secret` at `place`, with innocent headers around it. */
function plant(p: Planted) {
  if (p.place.startsWith('page-')) return plantInPage(p);
  const s = p.secret;
  let url = `${API}/api/items`;
  const request: Array<readonly [string, string]> = [...p.decoys];
  const response: Array<readonly [string, string]> = [allowOrigin(), ...p.decoys];
  let location: string | null = null;
  switch (p.place) {
    case 'cookie':
      request.push(['Cookie', `theme=dark; ${p.param}=${s}`]);
      break;
    case 'nameless-cookie':
      request.push(['Cookie', `theme=dark; ${s}`]);
      break;
    case 'set-cookie-line':
      response.push(['Set-Cookie', `theme=dark; Path=/\n${p.param}=${s}; HttpOnly`]);
      break;
    case 'authorization':
      request.push(['Authorization', `Bearer ${s}`]);
      break;
    case 'secret-header':
      request.push([p.headerName, s]);
      break;
    case 'query':
      url += `?page=2&${p.param}=${s}`;
      break;
    case 'query-semicolon':
      url += `?page=2;${p.param}=${s}`;
      break;
    case 'fragment':
      url += `#${p.param}=${s}&x=1`;
      break;
    case 'path-parameter':
      url = `${API}/api;${p.param}=${s}/items`;
      break;
    case 'user-name':
      url = API.replace('://', `://${s}@`) + '/api';
      break;
    case 'password':
      url = API.replace('://', `://user:${s}@`) + '/api';
      break;
    case 'jwt-in-value':
      request.push(['X-Context', `user=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${s}; region=eu`]);
      break;
    case 'location-query':
      location = `${THIRD}/cb?${p.param}=${s}`;
      break;
  }
  const t = new Timeline();
  const handle = t.request({ url }).before().sendHeaders(corsRequestHeaders(request));
  if (location !== null) {
    handle
      .redirect(302, [allowOrigin()], location)
      .sendHeaders(corsRequestHeaders([], 'null'))
      .respond(200, [allowOrigin('*')]);
  } else if (p.failed) handle.received(p.status, response).failed();
  else handle.respond(p.status, response);
  return replay(t.events);
}

/** Secrets a reader could not mistake for anything else: no marker, header or word contains them. */
const secretArb = fc
  .stringMatching(/^[A-Za-z0-9]{8,24}$/)
  .map((body) => `Zq${body}`)
  .filter((s) => !/redacted|chars/i.test(s));

const decoyArb = fc.array(
  fc.tuple(
    fc.constantFrom('X-Request-Id', 'Content-Type', 'X-Trace', 'Cache-Control', 'X-Note'),
    fc.stringMatching(/^[a-z0-9 ;=/-]{0,20}$/),
  ),
  { maxLength: 3 },
);

describe('a value marked secret never appears in any output', () => {
  it('wherever it is planted, whatever the verdict', () => {
    fc.assert(
      fc.property(
        fc.record({
          place: fc.constantFrom(...PLACES),
          secret: secretArb,
          headerName: fc.constantFrom(...SECRET_HEADER_NAMES),
          param: fc.constantFrom(...SECRET_PARAMS),
          status: fc.constantFrom(200, 401, 404, 500),
          failed: fc.boolean(),
          decoys: decoyArb,
        }),
        (planted) => {
          const exchanges = plant(planted);
          expect(leaks(unredactedOutputs(exchanges), planted.secret)).toContain('har');
          expect(leaks(defaultOutputs(exchanges), planted.secret)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
