/**
 * The blocked exchanges the snippet suite proves its snippets on: one per CorsError family
 * a server configuration fixes, plus the situations a snippet is most often wrong about
 * (credentials, an auth layer in front of CORS, two layers adding the header, a response
 * header the page reads). Playground scenarios are reused where one fits, so the page call
 * and the blocked answers are the ones the rest of the e2e suite already knows.
 */
import type { CorsErrorName } from '../../src/cors';
import {
  scenarioById,
  type ApiRequest,
  type Call,
  type Origins,
  type Reply,
} from '../playground/scenarios';

export interface SnippetCase {
  /** The path is /s/<id>, on the recording API and on every app alike. */
  readonly id: string;
  readonly title: string;
  /** The page's call, as the playground makes it (fetch only: that is what the harness runs). */
  readonly call: Call;
  /** What the misconfigured API answers while the exchange is recorded blocked. */
  readonly blocked: (request: ApiRequest, origins: Origins) => Reply;
  /** What the extension must name when it records the exchange. */
  readonly corsError: CorsErrorName;
  /** Response headers the page reads: the fixed call only counts as ok when it can read them all. */
  readonly readHeaders?: readonly string[];
  /**
   * The reads the engine is told of. The extension cannot see reads, so they are given as a
   * HAR import gives them (observation.readResponseHeaders). Default: every read.
   */
  readonly recordedReads?: readonly string[];
  /** The app has an auth check answering 401 to any request without Authorization. */
  readonly auth?: boolean;
}

/** Response headers every app's route sends, so a case may read them. */
export const APP_RESPONSE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Total-Count', '42'],
  ['X-Request-Id', 'req-1'],
];

function fromScenario(
  id: string,
  extra: Partial<Pick<SnippetCase, 'readHeaders' | 'auth'>> = {},
): SnippetCase {
  const scenario = scenarioById(id);
  if (!scenario || scenario.chromium === 'allowed') {
    throw new Error(`playground scenario ${id} is not a blocked one`);
  }
  return {
    id,
    title: scenario.title,
    call: scenario.call,
    blocked: scenario.api,
    corsError: scenario.chromium.corsError as CorsErrorName,
    ...extra,
  };
}

const acao = (value: string): readonly [string, string] => ['Access-Control-Allow-Origin', value];

export const SNIPPET_CASES: readonly SnippetCase[] = [
  fromScenario('missing-acao'),
  fromScenario('acao-mismatch'),
  fromScenario('wildcard-with-credentials'),
  fromScenario('credentials-without-acac'),
  fromScenario('method-not-listed'),
  fromScenario('header-not-allowed'),
  fromScenario('json-content-type-not-allowed'),
  fromScenario('preflight-404-with-acao'),
  fromScenario('preflight-missing-acac'),
  // The Authorization header makes the browser preflight; the preflight never carries it,
  // so an auth check that runs before CORS answers it 401.
  fromScenario('auth-layer-401', { auth: true }),
  {
    id: 'duplicated-acao-credentials',
    title:
      'Credentialed GET: the proxy and the app both add Access-Control-Allow-Origin, the app also sends Access-Control-Allow-Credentials: true',
    call: { credentials: 'include' },
    // No cookie is sent, so the only sign the call is credentialed is what the server
    // already answers: the snippet must keep Access-Control-Allow-Credentials.
    blocked: (_r, o) => ({
      status: 200,
      headers: [
        ['Content-Type', 'application/json'],
        acao(o.page),
        acao(o.page),
        ['Access-Control-Allow-Credentials', 'true'],
        ['Vary', 'Origin'],
      ],
      body: '{"ok":true}',
    }),
    corsError: 'MultipleAllowOriginValues',
  },
  {
    id: 'expose-headers',
    title:
      'The page reads X-Total-Count and X-Request-Id; the API names another origin and exposes only X-Request-Id',
    call: {},
    // X-Request-Id is already exposed (the snippet must keep it); X-Total-Count is known
    // only from what the page reads.
    blocked: () => ({
      status: 200,
      headers: [
        ['Content-Type', 'application/json'],
        acao('https://app.example.com'),
        ['Access-Control-Expose-Headers', 'X-Request-Id'],
        ...APP_RESPONSE_HEADERS,
      ],
      body: '{"ok":true}',
    }),
    corsError: 'AllowOriginMismatch',
    readHeaders: ['X-Total-Count', 'X-Request-Id'],
    recordedReads: ['X-Total-Count'],
  },
];
