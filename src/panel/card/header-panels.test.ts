import { describe, expect, it } from 'vitest';
import { judge } from '../../cors';
import { exchange as observe, allowOrigin } from '../../cors/testing/exchange-builder';
import { headerSteps, isCorsRelevant, type HeaderStep } from './header-panels';
import { recordedExchange } from './testing/recorded';

function stepsOf(scenario: string): HeaderStep[] {
  const { exchange } = recordedExchange(scenario);
  return headerSteps(exchange.observation, exchange.verdict);
}

function step(steps: readonly HeaderStep[], key: string): HeaderStep {
  const found = steps.find((s) => s.key === key);
  if (!found) throw new Error(`no step ${key}: ${steps.map((s) => s.key).join(', ')}`);
  return found;
}

const ghosts = (steps: readonly HeaderStep[]) =>
  steps.flatMap((s) =>
    [...s.request.rows, ...s.response.rows]
      .filter((r) => r.ghost)
      .map((r) => [s.key, r.name, r.note]),
  );

describe('headerSteps', () => {
  it('shows a missing Access-Control-Allow-Origin as a ghost line of the response', () => {
    const steps = stepsOf('missing-acao');
    expect(steps.map((s) => s.key)).toEqual(['request-0']);
    expect(step(steps, 'request-0').failed).toBe(true);
    expect(ghosts(steps)).toEqual([
      [
        'request-0',
        'Access-Control-Allow-Origin',
        expect.stringMatching(/^missing \(expected: http:/),
      ],
    ]);
  });

  it('puts the ghost in the preflight response and says the request was never sent', () => {
    const steps = stepsOf('header-not-allowed');
    expect(steps.map((s) => s.key)).toEqual(['preflight-0', 'request-0']);
    expect(ghosts(steps)).toEqual([
      [
        'preflight-0',
        'Access-Control-Allow-Headers',
        'missing (expected: a list that contains x-foo)',
      ],
    ]);
    const request = step(steps, 'request-0');
    expect(request.request.rows).toEqual([]);
    expect(request.request.absent).toMatch(/never went out/);
    expect(request.response.absent).toMatch(/never sent/);
    expect(step(steps, 'preflight-0').response.title).toBe('Response 204');
  });

  it('puts the ghost in the failing redirect response, and the next hop was not followed', () => {
    const steps = stepsOf('redirect-without-acao');
    expect(steps.map((s) => s.key)).toEqual(['request-0', 'request-1']);
    expect(step(steps, 'request-0').response.title).toBe('Response 301 (redirect)');
    expect(ghosts(steps)).toEqual([
      ['request-0', 'Access-Control-Allow-Origin', expect.stringContaining('missing')],
    ]);
    expect(step(steps, 'request-1').request.absent).toMatch(/stopped at the failed check/);
  });

  it('shows duplicate lines separately and no ghost for a wrong value', () => {
    const steps = stepsOf('acao-duplicated-by-proxy');
    const acao = step(steps, 'request-0').response.rows.filter(
      (r) => r.name.toLowerCase() === 'access-control-allow-origin',
    );
    expect(acao).toHaveLength(2);
    expect(acao.every((r) => r.relevant)).toBe(true);
    expect(ghosts(steps)).toEqual([]);
  });

  it('has no ghost for an allowed exchange', () => {
    expect(ghosts(stepsOf('put-preflight-allowed'))).toEqual([]);
  });

  it('says why a response is missing', () => {
    const refused = observe({ outcome: 'net::ERR_CONNECTION_REFUSED', responseHeaders: null });
    const [only] = headerSteps(refused, judge(refused));
    expect(only?.response.absent).toBe('None: the request failed (net::ERR_CONNECTION_REFUSED).');

    const preflightFailed = observe({
      method: 'PUT',
      requestSent: false,
      outcome: 'net::ERR_CONNECTION_REFUSED',
      preflight: { error: 'net::ERR_CONNECTION_REFUSED' },
    });
    const steps = headerSteps(preflightFailed, judge(preflightFailed));
    expect(step(steps, 'preflight-0').response.absent).toMatch(/preflight failed/);
  });

  it('does not add a ghost when the header is there under another case', () => {
    const obs = observe({
      credentials: 'include',
      outcome: 'cors',
      responseHeaders: [allowOrigin(), ['access-control-allow-credentials', 'TRUE']],
    });
    expect(ghosts(headerSteps(obs, judge(obs)))).toEqual([]);
  });
});

describe('isCorsRelevant', () => {
  it('marks the lines CORS looks at', () => {
    for (const name of [
      'Origin',
      'access-control-allow-origin',
      'Access-Control-Request-Headers',
      'Vary',
      'Cookie',
      'Authorization',
      'Content-Type',
      'Sec-Fetch-Mode',
    ]) {
      expect(isCorsRelevant(name)).toBe(true);
    }
    expect(isCorsRelevant('User-Agent')).toBe(false);
    expect(isCorsRelevant('Date')).toBe(false);
  });
});
