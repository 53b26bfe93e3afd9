import { describe, expect, it } from 'vitest';
import { parseTabId } from './tab-id';

describe('parseTabId', () => {
  it.each([
    ['?tabId=12', 12],
    ['?tabId=0', 0],
    ['?x=1&tabId=7', 7],
    ['', null],
    ['?tabId=', null],
    ['?tabId=-1', null],
    ['?tabId=1.5', null],
    ['?tabId=abc', null],
    ['?tabId=1e3', null],
  ])('%s → %s', (search, expected) => {
    expect(parseTabId(search)).toBe(expected);
  });
});
