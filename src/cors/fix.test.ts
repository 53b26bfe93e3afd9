import { describe, expect, it } from 'vitest';
import { fixCheck } from './fix-check';
import { judge } from './judge';
import { API, PAGE, THIRD, allowOrigin, exchange, headers } from './testing/exchange-builder';
import type { ExchangeObservation, ResponseFix } from './types';

const judged = (spec: Parameters<typeof exchange>[0]) => {
  const observation = exchange(spec);
  return { observation, verdict: judge(observation) };
};
const fixOf = (spec: Parameters<typeof exchange>[0]) => judged(spec).verdict.failure?.fix;
const line = (name: string, value: string) => ({ name, value });

/** The fix passes the engine's own check: with it applied, the exchange is allowed. */
function expectProven(observation: ExchangeObservation) {
  const check = fixCheck(observation, judge(observation));
  expect(check.explanation).toMatch(/passes/);
  expect(check.passes).toBe(true);
}

describe('the fix names every response to change, with the exact lines', () => {
  it('missing ACAO on a simple GET: the actual response gets the origin and Vary', () => {
    const { observation, verdict } = judged({ outcome: 'cors' });
    expect(verdict.failure?.fix).toEqual({
      byHeaders: true,
      responses: [
        {
          stage: 'actual',
          hop: 0,
          url: `${API}/api/data`,
          seen: true,
          status: 200,
          set: [line('Access-Control-Allow-Origin', PAGE), line('Vary', 'Origin')],
          keep: [],
          remove: [],
        },
      ],
      steps: [],
    });
    expectProven(observation);
  });

  it('credentials and `*` on both preflight and actual response: both are named', () => {
    // The case a fix that named the preflight only left failing (WildcardOriginNotAllowed).
    const spec = {
      method: 'PUT',
      requestHeaders: [['Cookie', 'session=1']] as const,
      credentials: 'include' as const,
      preflight: {
        responseHeaders: [allowOrigin('*'), ['Access-Control-Allow-Methods', 'PUT']] as const,
      },
      requestSent: false,
      responseHeaders: null,
      outcome: 'cors',
    };
    const { observation, verdict } = judged(spec);
    const responses = verdict.failure?.fix.responses ?? [];
    expect(responses.map((r) => [r.stage, r.seen])).toEqual([
      ['preflight', true],
      ['actual', false],
    ]);
    expect(responses[0]?.set).toContainEqual(line('Access-Control-Allow-Origin', PAGE));
    expect(responses[0]?.set).toContainEqual(line('Access-Control-Allow-Credentials', 'true'));
    expect(responses[0]?.remove).toContainEqual(line('Access-Control-Allow-Origin', '*'));
    expect(responses[0]?.keep).toContainEqual(line('Access-Control-Allow-Methods', 'PUT'));
    expect(responses[1]?.set).toEqual([
      line('Access-Control-Allow-Origin', PAGE),
      line('Access-Control-Allow-Credentials', 'true'),
      line('Vary', 'Origin'),
    ]);
    expectProven(observation);
  });

  it('the actual response already seen with `*` after a passing preflight is named too', () => {
    const { observation, verdict } = judged({
      method: 'PUT',
      credentials: 'include',
      preflight: {
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
      },
      responseHeaders: [allowOrigin('*')],
      outcome: 'cors',
    });
    expect(verdict.failure?.corsError).toBe('WildcardOriginNotAllowed');
    expect(verdict.failure?.fix.responses.map((r) => r.stage)).toEqual(['actual']);
    expectProven(observation);
  });

  it('duplicate ACAO with credentials kept: one line goes, credentials stay', () => {
    // A proxy and the app both add ACAO; the app also sends ACAC: true.
    const { observation, verdict } = judged({
      requestHeaders: [['Cookie', 'a=b']],
      responseHeaders: [
        allowOrigin(),
        allowOrigin(),
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Expose-Headers', 'X-Total'],
      ],
      outcome: 'cors',
    });
    const [actual] = verdict.failure?.fix.responses ?? [];
    expect(actual?.keep).toEqual([
      line('Access-Control-Allow-Origin', PAGE),
      line('Access-Control-Allow-Credentials', 'true'),
      line('Access-Control-Expose-Headers', 'X-Total'),
    ]);
    expect(actual?.remove).toEqual([line('Access-Control-Allow-Origin', PAGE)]);
    expect(verdict.failure?.fix.steps.join(' ')).toMatch(/proxy and the app/);
    expectProven(observation);
  });

  it('a failed preflight gets the whole preflight response it needs, and a 204', () => {
    const { observation, verdict } = judged({
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: { acrh: 'content-type,x-api-key', status: 401 },
    });
    const fix = verdict.failure?.fix;
    const [preflight, actual] = fix?.responses ?? [];
    expect(preflight).toMatchObject<Partial<ResponseFix>>({
      stage: 'preflight',
      status: 401,
      answerStatus: 204,
      preflightFor: { method: 'PATCH', headers: ['content-type', 'x-api-key'] },
    });
    expect(preflight?.set).toEqual([
      line('Access-Control-Allow-Origin', PAGE),
      line('Access-Control-Allow-Methods', 'PATCH'),
      line('Access-Control-Allow-Headers', 'content-type, x-api-key'),
      line('Vary', 'Origin'),
    ]);
    expect(actual).toMatchObject({ stage: 'actual', seen: false });
    expect(fix?.steps[0]).toMatch(/answered 401 to the preflight/);
    expect(fix?.steps[1]).toBe(
      'Answer `OPTIONS /api/data` with 204 and these headers, before any authentication or routing.',
    );
    expectProven(observation);
  });

  it('a method not allowed: extends the list the server already sends', () => {
    const { observation, verdict } = judged({
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET, POST, patch']],
      },
    });
    const [preflight] = verdict.failure?.fix.responses ?? [];
    expect(preflight?.set).toEqual([
      line('Access-Control-Allow-Methods', 'GET, POST, patch, PATCH'),
    ]);
    expect(preflight?.keep).toEqual([line('Access-Control-Allow-Origin', PAGE)]);
    expect(verdict.failure?.fix.steps[0]).toMatch(/case-sensitively/);
    expectProven(observation);
  });

  it('an unparsable ACAM: rewritten as a comma list', () => {
    const fix = fixOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET PUT DELETE']],
      },
    });
    expect(fix?.responses[0]?.set).toEqual([
      line('Access-Control-Allow-Methods', 'GET, PUT, DELETE'),
    ]);
    expect(fix?.responses[0]?.remove).toEqual([
      line('Access-Control-Allow-Methods', 'GET PUT DELETE'),
    ]);
  });

  it('a redirected preflight: answered where it is, its Location removed', () => {
    const { observation, verdict } = judged({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: { status: 301, responseHeaders: [['Location', `${API}/api/data/`]] },
    });
    const fix = verdict.failure?.fix;
    expect(fix?.steps[0]).toMatch(
      /redirected to http:\/\/localhost:7102\/api\/data\/.*call the final URL/,
    );
    expect(fix?.responses[0]).toMatchObject({ answerStatus: 204 });
    expect(fix?.responses[0]?.remove).toContainEqual(line('Location', `${API}/api/data/`));
    expectProven(observation);
  });

  it('a redirect hop without ACAO: the hop and the final response, each by its URL', () => {
    const { observation, verdict } = judged({
      url: `${API}/hop`,
      redirects: [
        {
          url: `${API}/hop`,
          status: 302,
          headers: headers([['Location', `${THIRD}/final`]]),
          location: `${THIRD}/final`,
        },
      ],
      responseHeaders: null,
      requestSent: false,
      outcome: 'cors',
    });
    const responses = verdict.failure?.fix.responses ?? [];
    expect(responses.map((r) => [r.stage, r.url, r.seen])).toEqual([
      ['redirect', `${API}/hop`, true],
      ['actual', `${THIRD}/final`, false],
    ]);
    // After a cross-origin hop from a cross-origin URL the browser sends `Origin: null`.
    expect(responses[1]?.set).toContainEqual(line('Access-Control-Allow-Origin', 'null'));
    expectProven(observation);
  });

  it('no header fixes credentials in a redirect URL: steps only', () => {
    const fix = fixOf({
      url: `${API}/hop`,
      redirects: [
        {
          url: `${API}/hop`,
          status: 302,
          headers: headers([allowOrigin(), ['Location', `http://u:p@${THIRD.slice(7)}/x`]]),
          location: `http://u:p@${THIRD.slice(7)}/x`,
        },
      ],
      responseHeaders: null,
      requestSent: false,
      outcome: 'cors',
    });
    expect(fix?.byHeaders).toBe(false);
    expect(fix?.responses).toEqual([]);
    expect(fix?.steps[0]).toMatch(/user:password@/);
  });
});
