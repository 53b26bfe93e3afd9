import { describe, expect, it } from 'vitest';
import { recordedExchange } from './testing/recorded';
import {
  changesFrom,
  editableResponses,
  editsWithFix,
  fixFromEdits,
  headersAsText,
  parseHeaderText,
  whatIf,
} from './what-if';

describe('the what-if editor', () => {
  it('lists the preflight, then the actual response the browser never reached', () => {
    const { exchange } = recordedExchange('header-not-allowed');
    const responses = editableResponses(exchange.observation, exchange.verdict);
    expect(responses.map((r) => [r.stage, r.seen])).toEqual([
      ['preflight', true],
      ['actual', false],
    ]);
  });

  it('unchanged responses keep the verdict; the fix applied passes', () => {
    const { exchange } = recordedExchange('header-not-allowed');
    const { observation, verdict } = exchange;
    const responses = editableResponses(observation, verdict);
    const none = changesFrom(responses, {});
    expect(whatIf(observation, verdict, none.changes).passes).toBe(false);
    expect(whatIf(observation, verdict, none.changes).verdict.failure?.corsError).toBe(
      'HeaderDisallowedByPreflightResponse',
    );
    const fix = verdict.failure?.fix;
    if (!fix) throw new Error('no fix');
    const fixed = changesFrom(responses, editsWithFix(responses, fix));
    expect(fixed.problems).toEqual([]);
    expect(whatIf(observation, verdict, fixed.changes).passes).toBe(true);
  });

  it('a hand edit: allowing the header on the preflight alone leaves the actual response to fix', () => {
    const { exchange } = recordedExchange('header-not-allowed');
    const { observation, verdict } = exchange;
    const responses = editableResponses(observation, verdict);
    const preflight = responses[0];
    if (!preflight) throw new Error('no preflight');
    // What was received, plus the one line the preflight lacked.
    const edits = {
      [preflight.key]: {
        status: '204',
        headers: `${headersAsText(preflight.headers)}\nAccess-Control-Allow-Headers: x-foo`,
      },
    };
    const result = whatIf(observation, verdict, changesFrom(responses, edits).changes);
    // The actual response (assumed as it would come, without CORS headers) is next to fail.
    expect(result.passes).toBe(false);
    expect(result.verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
    expect(result.verdict.failure?.stage).toBe('actual');
    // As a fix to hand over: one line added, the others kept.
    const asFix = fixFromEdits(responses, edits);
    expect(asFix.responses).toHaveLength(1);
    expect(asFix.responses[0]?.set).toEqual([
      { name: 'Access-Control-Allow-Headers', value: 'x-foo' },
    ]);
    expect(asFix.responses[0]?.remove).toEqual([]);
  });

  it('removing the only ACAO of an allowed exchange blocks it', () => {
    const { exchange } = recordedExchange('simple-get-allowed');
    const { observation, verdict } = exchange;
    const responses = editableResponses(observation, verdict);
    const actual = responses.find((r) => r.stage === 'actual');
    if (!actual) throw new Error('no response');
    const headers = actual.headers
      .filter((h) => h.name.toLowerCase() !== 'access-control-allow-origin')
      .map((h) => `${h.name}: ${h.value}`)
      .join('\n');
    const result = whatIf(
      observation,
      verdict,
      changesFrom(responses, { [actual.key]: { status: String(actual.status), headers } }).changes,
    );
    expect(result.verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
    const asFix = fixFromEdits(responses, {
      [actual.key]: { status: String(actual.status), headers },
    });
    expect(asFix.responses[0]?.remove.map((l) => l.name)).toEqual(['Access-Control-Allow-Origin']);
  });

  it('says which typed lines are not header lines, and ignores them', () => {
    expect(parseHeaderText('Vary: Origin\n\nnot a header\n: empty name')).toEqual({
      lines: [{ name: 'Vary', value: 'Origin' }],
      problems: [
        'Line 3 is not a header line (Name: value): not a header',
        'Line 4 is not a header line (Name: value): : empty name',
      ],
    });
  });
});
