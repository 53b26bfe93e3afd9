import { describe, expect, it } from 'vitest';
import { themeFromQuery } from './theme';

describe('themeFromQuery', () => {
  it.each<[string, 'dark' | 'light' | null]>([
    ['?tabId=3&theme=dark', 'dark'],
    ['?theme=light', 'light'],
    // DevTools calls its light theme "default".
    ['?tabId=3&theme=default', 'light'],
    ['?tabId=3', null],
    ['', null],
    ['?theme=', null],
    ['?theme=DARK', null],
    ['?theme=solarized', null],
  ])('%j → %j', (search, theme) => {
    expect(themeFromQuery(search)).toBe(theme);
  });
});
