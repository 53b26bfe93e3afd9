/** The page's reports cross from a world the page controls: each field is checked and bounded. */
import { describe, expect, it } from 'vitest';
import { PAGE_REPORT_LIMITS, checkPageReport, isPageCallReport } from './page-report';
import { rawPageReport } from './testing/page-reports';

const report = rawPageReport({
  targetAddressSpace: 'local',
  callSite: { url: 'http://127.0.0.1:8000/app.js', line: 3, column: 7 },
  csp: {
    directive: 'connect-src',
    policy: "connect-src 'self'",
    document: 'http://127.0.0.1:8000/app',
  },
});
const csp = { directive: 'connect-src', policy: "connect-src 'self'" };

describe('a report from the page', () => {
  it('keeps every field the engine reads, and nothing else', () => {
    const check = checkPageReport({ ...report, injected: '<img src=x onerror=alert(1)>' });
    expect(check).toEqual({
      ok: true,
      report: { ...report, nullReadHeaders: ['x-total-count'] },
      truncated: [],
    });
  });

  it.each([
    ['not an object', 'a string'],
    ['api is neither fetch nor xhr', { ...report, api: 'eval' }],
    ['targetAddressSpace is unknown', { ...report, targetAddressSpace: 'intranet' }],
    ['url is too long', { ...report, url: `http://x/${'a'.repeat(PAGE_REPORT_LIMITS.url)}` }],
    ['csp.document is not a string', { ...report, csp: { ...csp, document: 7 } }],
    ['csp.directive is not a short string', { ...report, csp: { ...csp, directive: '' } }],
    [
      'callSite line/column are not numbers',
      { ...report, callSite: { url: 'x', line: -1, column: 0 } },
    ],
    ['startedAt is not a time', { ...report, startedAt: Number.NaN }],
  ])('rejects it with a reason: %s', (reason, value) => {
    expect(checkPageReport(value)).toEqual({ ok: false, reason });
  });

  it('cuts long texts at their bound and says which', () => {
    const long = 'p'.repeat(5000);
    const check = checkPageReport({
      ...report,
      csp: { directive: 'connect-src', policy: long, document: `http://x/${long}${long}` },
    });
    expect(check.ok && check.report.csp?.policy.length).toBe(PAGE_REPORT_LIMITS.policy);
    expect(check.ok && check.report.csp?.document?.length).toBe(PAGE_REPORT_LIMITS.url);
    expect(check.ok && check.truncated).toEqual(['csp.policy', 'csp.document']);
    // The store's own snapshots must need no cutting.
    expect(isPageCallReport({ ...report, csp: { ...csp, policy: long } })).toBe(false);
    expect(isPageCallReport(report)).toBe(true);
  });
});
