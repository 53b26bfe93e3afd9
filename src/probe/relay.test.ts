import { describe, expect, it } from 'vitest';
import { createRelay } from './relay';

function harness(max?: number) {
  const sent: string[][] = [];
  const tasks: Array<() => void> = [];
  const clock = { now: 0 };
  const relay = createRelay({
    send: (batch) => sent.push(batch),
    defer: (task) => tasks.push(task),
    now: () => clock.now,
    ...(max === undefined ? {} : { maxPerSecond: max }),
  });
  return { relay, sent, clock, runTimers: () => tasks.splice(0).forEach((t) => t()) };
}

describe('the relay', () => {
  it('sends a lone report after the batch delay, and a full batch at once', () => {
    const { relay, sent, runTimers } = harness();
    relay.accept('a');
    expect(sent).toEqual([]);
    runTimers();
    expect(sent).toEqual([['a']]);
    for (let i = 0; i < 50; i++) relay.accept(String(i));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toHaveLength(50);
  });

  it('sends what waits at once when the document goes away', () => {
    const { relay, sent } = harness();
    relay.accept('last words');
    relay.flush();
    expect(sent).toEqual([['last words']]);
  });

  it('drops what is not a string, what is huge, and the rest of a second past the rate bound', () => {
    const { relay, sent, clock, runTimers } = harness(3);
    relay.accept({ forged: true });
    relay.accept('x'.repeat(70_000));
    for (let i = 0; i < 10; i++) relay.accept(String(i));
    runTimers();
    expect(sent.flat()).toEqual(['0', '1', '2']);
    expect(relay.dropped()).toBe(2 + 7);
    // A page that lives on is read again the next second.
    clock.now = 1000;
    relay.accept('later');
    runTimers();
    expect(sent.flat()).toEqual(['0', '1', '2', 'later']);
  });
});
