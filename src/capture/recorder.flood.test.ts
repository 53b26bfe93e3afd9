import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
import { API, TAB, Timeline, allowOrigin } from './testing/chromium-events';
import { simpleExchange } from './testing/scenarios';

describe('a flood of requests', () => {
  it('records 50,000 requests in bounded memory, judging each once per batch', () => {
    const t = new Timeline();
    for (let i = 0; i < 50_000; i++) {
      simpleExchange(t, {
        url: `${API}/api/items/${i % 100}`,
        responseHeaders: i % 10 === 0 ? [] : [allowOrigin()],
        blocked: i % 10 === 0,
      });
    }
    const recorder = new Recorder();
    const started = performance.now();
    t.events.forEach((e, i) => {
      recorder.handle(e);
      if (i % 1000 === 999) {
        recorder.drainChanges();
        recorder.expire(e.timeStamp);
      }
    });
    recorder.drainChanges();
    const elapsed = performance.now() - started;
    const tab = recorder.tab(TAB);
    expect(tab?.size).toBe(5000);
    expect(tab?.dropped).toBe(45_000);
    expect(tab?.exchanges.filter((e) => e.verdict.status === 'blocked')).toHaveLength(500);
    // Generous: a slow CI machine, not a benchmark (about 3 s here, most of it in the engine).
    expect(elapsed).toBeLessThan(20_000);
    const snapshot = JSON.stringify(recorder.toSnapshot());
    expect(Recorder.fromSnapshot(JSON.parse(snapshot) as unknown).recorder.tab(TAB)?.size).toBe(
      5000,
    );
  }, 60_000);
});
