/**
 * The capture against real Firefox: each fixture is the webRequest event stream
 * firefox-esr gave an extension page for one playground scenario, beside the page's
 * own outcome (Firefox's decision: the fetch resolved, or failed with a TypeError).
 * Re-record with `npm run record:streams:firefox`.
 *
 * What Firefox shows differs from Chromium (docs/cors-reference.md §7): no 'extraHeaders' and none
 * needed (Origin, Cookie, Sec-Fetch-* are all there); preflights are visible, and the
 * actual request's beforeRequest/sendHeaders come *before* its preflight's; a response
 * blocked by CORS still ends in `completed`; a failed preflight ends in errorOccurred
 * NS_ERROR_DOM_BAD_URI for the preflight and then for the request that never went out.
 */
import { describe, expect, it } from 'vitest';
import {
  loadRecordedStreams,
  replayStream,
  streamEvents,
  type RecordedStream,
} from './testing/recorded-fixtures.node';

interface Fixture extends RecordedStream {
  readonly via: string;
  readonly firefox: ReadonlyArray<{ readonly ok: boolean }>;
}

/**
 * Blocked only because the page asked for credentials: 'include' while no cookie or
 * authorization went out. Firefox's webRequest shows neither the credentials mode nor its
 * decision (the response still `completed`), so the verdict is allowed with a warning.
 */
const CREDENTIALS_ONLY = new Set([
  'acac-upper-case',
  'credentials-without-acac',
  'wildcard-with-credentials',
]);

const fixtures = loadRecordedStreams<Fixture>('firefox');

function replay(fixture: Fixture) {
  expect(streamEvents(fixture)).toHaveLength(fixture.events.length);
  return replayStream(fixture, 'firefox');
}

describe('recorded Firefox event streams', () => {
  it('covers every playground scenario', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixtures.map((f) => [f.scenario, f] as const))(
    '%s: the capture reaches Firefox’s decision',
    (_name, fixture) => {
      const exchanges = replay(fixture);
      expect(exchanges.every((e) => e.state === 'done')).toBe(true);
      expect(exchanges.map((e) => e.observation.browser)).toEqual(exchanges.map(() => 'firefox'));
      const credentialsHidden = CREDENTIALS_ONLY.has(fixture.scenario);
      expect(exchanges.map((e) => e.verdict.status)).toEqual(
        fixture.firefox.map((r) => (r.ok || credentialsHidden ? 'allowed' : 'blocked')),
      );
      if (credentialsHidden) {
        // Firefox blocked it; what the extension can see only allows "blocked if credentials".
        expect(exchanges.map((e) => e.verdict.warnings.map((w) => w.id))).toEqual(
          exchanges.map(() => ['blocked-if-credentials']),
        );
      }
      for (const e of exchanges.filter((x) => x.verdict.status === 'blocked')) {
        expect(e.verdict.failure?.corsError).toBeTruthy();
      }
    },
  );

  it('takes any NS_ERROR after a redirect the replay refuses as the CORS block (a race in Firefox)', () => {
    // Recorded runs of redirect-without-acao ended with NS_ERROR_UNEXPECTED or, sometimes,
    // NS_ERROR_NET_ON_RECEIVING_FROM: the state the channel was cancelled in.
    const fixture = fixtures.find((f) => f.scenario === 'redirect-without-acao');
    expect(fixture).toBeDefined();
    if (!fixture) return;
    const raced: Fixture = {
      ...fixture,
      events: fixture.events.map((e) =>
        (e as { event: string }).event === 'errorOccurred'
          ? { ...(e as object), error: 'NS_ERROR_NET_ON_RECEIVING_FROM' }
          : e,
      ),
    };
    const [exchange] = replay(raced);
    expect(exchange?.verdict.status).toBe('blocked');
    expect(exchange?.verdict.failure?.stage).toBe('redirect');
  });
});
