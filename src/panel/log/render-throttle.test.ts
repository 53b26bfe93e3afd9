import { describe, expect, it } from 'vitest';
import { throttle, type Timers } from './render-throttle';

function fakeTimers() {
  let now = 1000;
  const tasks = new Map<number, { at: number; task: () => void }>();
  let next = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout: (task, ms) => {
      tasks.set(next, { at: now + ms, task });
      return next++;
    },
    clearTimeout: (handle) => {
      tasks.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, { at, task }] of [...tasks]) {
      if (at <= now) {
        tasks.delete(id);
        task();
      }
    }
  };
  return { timers, advance, pending: () => tasks.size };
}

describe('throttle', () => {
  it('hands over the first item at once, then gathers the rest for one later flush', () => {
    const clock = fakeTimers();
    const flushed: number[][] = [];
    const t = throttle<number>((items) => flushed.push(items), 100, clock.timers);
    t.push(1);
    expect(flushed).toEqual([[1]]);
    t.push(2);
    t.push(3);
    clock.advance(50);
    expect(flushed).toEqual([[1]]);
    clock.advance(50);
    expect(flushed).toEqual([[1], [2, 3]]);
  });

  it('after a quiet interval, hands over at once again', () => {
    const clock = fakeTimers();
    const flushed: number[][] = [];
    const t = throttle<number>((items) => flushed.push(items), 100, clock.timers);
    t.push(1);
    clock.advance(250);
    t.push(2);
    expect(flushed).toEqual([[1], [2]]);
    expect(clock.pending()).toBe(0);
  });

  it('drop forgets what waits', () => {
    const clock = fakeTimers();
    const flushed: number[][] = [];
    const t = throttle<number>((items) => flushed.push(items), 100, clock.timers);
    t.push(1);
    t.push(2);
    t.drop();
    clock.advance(500);
    expect(flushed).toEqual([[1]]);
  });
});
