import { describe, expect, it } from 'vitest';
import { judge } from './judge';
import { allowOrigin, exchange } from './testing/exchange-builder';

describe('judging for Firefox', () => {
  it('a DPR header needs a preflight in Firefox', () => {
    const obs = exchange({
      requestHeaders: [['DPR', '2']],
      responseHeaders: [allowOrigin('*')],
      browser: 'firefox',
    });
    expect(judge(obs).preflight.needed).toBe(true);
    expect(judge({ ...obs, browser: 'chromium' }).preflight.needed).toBe(false);
  });

  it('reads NS_ERROR_DOM_BAD_URI as a CORS failure and names the Firefox reason', () => {
    const verdict = judge(exchange({ browser: 'firefox', outcome: 'NS_ERROR_DOM_BAD_URI' }));
    expect(verdict.status).toBe('blocked');
    expect(verdict.failure?.firefoxReason).toBe('CORSMissingAllowOrigin');
    expect(verdict.failure?.firefoxMessage).toMatch(
      /\(Reason: CORS header 'Access-Control-Allow-Origin' missing\)\. Status code: 200\.$/,
    );
  });

  it('quotes the bad token of an unparsable list', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestSent: false,
        outcome: 'cors',
        preflight: {
          responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET, PUT;']],
        },
      }),
    );
    expect(verdict.failure?.firefoxMessage).toContain(
      "invalid token 'PUT;' in CORS header 'Access-Control-Allow-Methods'",
    );
  });
});
