import { describe, expect, it } from 'vitest';
import type { BrowserFamily } from '../cors';
import { LISTENERS } from './listeners';
import { Recorder } from './recorder';
import { asSeenBy, type ListenerSpec } from './testing/listener-model';
import {
  loadRecordedStreams,
  streamEvents,
  type RecordedStream,
} from './testing/recorded-fixtures.node';

/** What a user reads of each exchange: the verdict, the preflight, the notes. */
function verdicts(
  stream: RecordedStream,
  listeners: readonly ListenerSpec[],
  browser: BrowserFamily,
) {
  const recorder = new Recorder({ browser });
  for (const event of asSeenBy(streamEvents(stream), listeners)) recorder.handle(event);
  // Whatever never ended shows as such, as the worker's sweep would show it.
  recorder.expire(Number.MAX_SAFE_INTEGER / 2);
  const prefix = `${stream.origins.api}/s/${stream.scenario}`;
  return recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .filter((x) => x.observation.request.url.startsWith(prefix))
    .sort((a, b) => a.seq - b.seq)
    .map((x) => ({
      status: x.verdict.status,
      corsError: x.verdict.failure?.corsError,
      failedParameter: x.verdict.failure?.failedParameter,
      preflight: x.verdict.preflight.seen,
      error: x.verdict.unexplained?.error,
      note: x.note,
      redirects: x.observation.redirects?.length ?? 0,
    }));
}

/** Every listener with every option: what the recorded streams saw. */
const EVERYTHING: readonly ListenerSpec[] = [
  { name: 'beforeRequest', extraHeaders: true },
  { name: 'beforeSendHeaders', requestHeaders: true, extraHeaders: true },
  { name: 'sendHeaders', requestHeaders: true, extraHeaders: true },
  { name: 'headersReceived', responseHeaders: true, extraHeaders: true },
  { name: 'beforeRedirect', responseHeaders: true, extraHeaders: true },
  { name: 'responseStarted', responseHeaders: true, extraHeaders: true },
  { name: 'completed', responseHeaders: true, extraHeaders: true },
  { name: 'errorOccurred', extraHeaders: true },
];

/** The listeners CORS Lens registers, as the model reads them. */
const OURS: readonly ListenerSpec[] = LISTENERS.map((l) => ({
  name: l.name,
  requestHeaders: l.spec.includes('requestHeaders'),
  responseHeaders: l.spec.includes('responseHeaders'),
  extraHeaders: l.spec.includes('extraHeaders'),
}));

const chromium = loadRecordedStreams('chromium');
const firefox = loadRecordedStreams('firefox');

describe('the fewest listeners keep every verdict', () => {
  it.each(chromium.map((s) => [s.scenario, s] as const))('Chromium: %s', (_name, stream) => {
    expect(verdicts(stream, OURS, 'chromium')).toEqual(verdicts(stream, EVERYTHING, 'chromium'));
  });

  // Firefox has no 'extraHeaders' and hides nothing from any listener.
  const everything = (set: readonly ListenerSpec[]) =>
    set.map((l) => ({ ...l, extraHeaders: true }));
  it.each(firefox.map((s) => [s.scenario, s] as const))('Firefox: %s', (_name, stream) => {
    expect(verdicts(stream, everything(OURS), 'firefox')).toEqual(
      verdicts(stream, everything(EVERYTHING), 'firefox'),
    );
  });
});

describe('each listener and option is needed: the scenario its comment names goes wrong without it', () => {
  const byScenario = new Map(chromium.map((s) => [s.scenario, s]));
  const changes = (scenario: string, listeners: readonly ListenerSpec[]) => {
    const stream = byScenario.get(scenario);
    if (!stream) throw new Error(`no recorded stream for ${scenario}`);
    return verdicts(stream, listeners, 'chromium');
  };
  const without = (name: ListenerSpec['name']) => OURS.filter((l) => l.name !== name);
  const noExtra = (name: ListenerSpec['name']) =>
    OURS.map((l) => (l.name === name ? { ...l, extraHeaders: false } : l));

  it.each([
    ['sendHeaders', 'cookie-credentials-wildcard', without('sendHeaders')],
    ["sendHeaders' extraHeaders", 'cookie-credentials-wildcard', noExtra('sendHeaders')],
    ['headersReceived', 'missing-acao', without('headersReceived')],
    ["headersReceived' extraHeaders", 'header-not-allowed', noExtra('headersReceived')],
    ['beforeRedirect', 'redirect-tainted-origin', without('beforeRedirect')],
    ['completed', 'simple-get-allowed', without('completed')],
    ['errorOccurred', 'missing-acao', without('errorOccurred')],
  ] as const)('%s (%s)', (_what, scenario, listeners) => {
    expect(changes(scenario, listeners)).not.toEqual(changes(scenario, OURS));
  });
});
