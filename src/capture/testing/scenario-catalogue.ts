/**
 * A catalogue of realistic exchanges, each built alone on its own clock and
 * requestId range, so property tests can interleave, shuffle, drop and
 * duplicate their events and still know which request was which.
 */
import type { WebRequestEvent } from '../events';
import {
  API,
  PAGE,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  preflightRequestHeaders,
} from './chromium-events';
import { preflightedExchange, simpleExchange } from './scenarios';

export const SCENARIO_KINDS = [
  'simple-allowed',
  'simple-blocked',
  'preflight-allowed',
  'preflight-no-acah',
  'preflight-404',
  'preflight-first',
  'cached-second',
  'redirect-tainted',
  'page-options',
  'orphan-preflight',
  'same-origin',
  'navigation',
] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export interface Scenario {
  readonly kind: ScenarioKind;
  readonly events: readonly WebRequestEvent[];
  /** Requests that must each become exactly one exchange of kind `request`. */
  readonly requestIds: readonly string[];
  readonly preflightIds: readonly string[];
  /** Requests that must never appear in any exchange. */
  readonly ignoredIds: readonly string[];
}

const ALLOW_PUT = [
  allowOrigin(),
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'x-foo'],
] as const;

export function buildScenario(
  kind: ScenarioKind,
  options: { url: string; start: number; firstRequestId: number },
): Scenario {
  const t = new Timeline({ start: options.start, firstRequestId: options.firstRequestId });
  const { url } = options;
  const requestIds: string[] = [];
  const preflightIds: string[] = [];
  const ignoredIds: string[] = [];
  const preflighted = (spec: Parameters<typeof preflightedExchange>[1]) => {
    const { actual, preflight } = preflightedExchange(t, spec);
    requestIds.push(actual.requestId);
    preflightIds.push(preflight.requestId);
  };
  switch (kind) {
    case 'simple-allowed':
      requestIds.push(simpleExchange(t, { url, responseHeaders: [allowOrigin()] }).requestId);
      break;
    case 'simple-blocked':
      requestIds.push(simpleExchange(t, { url, status: 401, blocked: true }).requestId);
      break;
    case 'preflight-allowed':
      preflighted({
        url,
        pageHeaders: [['x-foo', '1']],
        acrh: 'x-foo',
        preflightHeaders: ALLOW_PUT,
        actual: { headers: [allowOrigin()] },
      });
      break;
    case 'preflight-no-acah':
      preflighted({
        url,
        acrh: 'x-foo',
        preflightHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
        actual: 'blocked',
      });
      break;
    case 'preflight-404':
      preflighted({
        url,
        method: 'DELETE',
        preflightStatus: 404,
        preflightHeaders: [allowOrigin()],
        actual: 'blocked',
      });
      break;
    case 'preflight-first': {
      const pf = t
        .request({ url, method: 'OPTIONS' })
        .before()
        .sendHeaders(preflightRequestHeaders('PATCH'))
        .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PATCH']]);
      const actual = t
        .request({ url, method: 'PATCH' })
        .before()
        .sendHeaders(corsRequestHeaders())
        .respond(200, [allowOrigin()]);
      requestIds.push(actual.requestId);
      preflightIds.push(pf.requestId);
      break;
    }
    case 'cached-second':
      preflighted({
        url,
        pageHeaders: [['x-foo', '1']],
        acrh: 'x-foo',
        preflightHeaders: [...ALLOW_PUT, ['Access-Control-Max-Age', '600']],
        actual: { headers: [allowOrigin()] },
      });
      t.advance(500);
      requestIds.push(
        t
          .request({ url, method: 'PUT' })
          .before()
          .sendHeaders(corsRequestHeaders([['x-foo', '2']]))
          .respond(200, [allowOrigin()]).requestId,
      );
      break;
    case 'redirect-tainted':
      requestIds.push(
        t
          .request({ url })
          .before()
          .sendHeaders(corsRequestHeaders())
          .redirect(302, [allowOrigin()], `${THIRD}/elsewhere`)
          .sendHeaders(corsRequestHeaders([], 'null'))
          .received(200, [allowOrigin()])
          .failed().requestId,
      );
      break;
    case 'page-options': {
      const own = t.request({ url, method: 'OPTIONS' }).before();
      const pf = t
        .request({ url, method: 'OPTIONS' })
        .before()
        .sendHeaders(preflightRequestHeaders('OPTIONS'))
        .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'OPTIONS']]);
      own.sendHeaders(corsRequestHeaders()).respond(200, [allowOrigin()]);
      requestIds.push(own.requestId);
      preflightIds.push(pf.requestId);
      break;
    }
    case 'orphan-preflight':
      preflightIds.push(
        t
          .request({ url, method: 'OPTIONS' })
          .before()
          .sendHeaders(preflightRequestHeaders('PUT', 'x-foo'))
          .respond(204, [allowOrigin()]).requestId,
      );
      break;
    case 'same-origin':
      ignoredIds.push(simpleExchange(t, { url: `${PAGE}/same`, responseHeaders: [] }).requestId);
      break;
    case 'navigation':
      ignoredIds.push(
        t
          .request({ url: `${PAGE}/page`, type: 'main_frame', initiator: null })
          .before()
          .sendHeaders([])
          .respond(200, []).requestId,
      );
      break;
  }
  return { kind, events: t.events, requestIds, preflightIds, ignoredIds };
}

export const SHARED_URL = `${API}/api/shared`;
