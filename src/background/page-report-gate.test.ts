import { describe, expect, it } from 'vitest';
import { rawPageReport } from '../protocol/testing/page-reports';
import { PageReportGate } from './page-report-gate';

const valid = (i: number) =>
  JSON.stringify(rawPageReport({ callId: `n:${i}`, headers: [['X-Trace', 'é\u0000<b>']] }));

describe('the gate page reports pass', () => {
  it('keeps a valid report as data, non-ASCII and control characters included', () => {
    const gate = new PageReportGate();
    const [report] = gate.pass(1, [valid(1)], 0);
    expect(report?.headers).toEqual([['X-Trace', 'é\u0000<b>']]);
    expect(report?.nullReadHeaders).toEqual(['x-total-count']);
  });

  it('rejects forged shapes with a reason and keeps the rest of the batch', () => {
    const gate = new PageReportGate();
    const forged = [
      'not json',
      JSON.stringify({ callId: 'x', api: 'eval' }),
      JSON.stringify({ ...JSON.parse(valid(2)), mode: 'navigate-everything' }),
      JSON.stringify({ ...JSON.parse(valid(3)), url: 'x'.repeat(9000) }),
      42,
      valid(4),
    ];
    const passed = gate.pass(1, forged, 0);
    expect(passed.map((r) => r.callId)).toEqual(['n:4']);
    expect(gate.stats()).toMatchObject({ accepted: 1, rejected: 5 });
    expect(gate.pass(1, 'not an array', 0)).toEqual([]);
  });

  it('cuts a tab off at the rate bound for the rest of the window, other tabs untouched', () => {
    const gate = new PageReportGate({ perWindow: 500, windowMs: 1000 });
    const flood = Array.from({ length: 100_000 }, (_, i) => valid(i));
    expect(gate.pass(1, flood, 0)).toHaveLength(500);
    expect(gate.pass(1, [valid(1)], 999)).toHaveLength(0);
    expect(gate.pass(2, [valid(1)], 999)).toHaveLength(1);
    expect(gate.pass(1, [valid(1)], 1000)).toHaveLength(1);
    expect(gate.stats().rateLimited).toBe(100_000 - 500 + 1);
  });
});
