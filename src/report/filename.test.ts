import { describe, expect, it } from 'vitest';
import { harFileName } from './filename';

describe('harFileName', () => {
  const date = new Date(2026, 10, 7, 9, 5, 3);

  it.each([
    ['http://127.0.0.1:5173/app?x=1', 'cors-lens-127.0.0.1_5173-20261107-090503.har'],
    ['https://app.example.com/', 'cors-lens-app.example.com-20261107-090503.har'],
    ['http://[::1]:8080/', 'cors-lens-1_8080-20261107-090503.har'],
    ['https://bücher.example/', 'cors-lens-xn--bcher-kva.example-20261107-090503.har'],
    ['file:///home/me/index.html', 'cors-lens-page-20261107-090503.har'],
    ['not a url', 'cors-lens-page-20261107-090503.har'],
    [undefined, 'cors-lens-page-20261107-090503.har'],
  ])('%s → %s', (url, name) => {
    expect(harFileName(url, date)).toBe(name);
  });

  it('uses local time, zero-padded', () => {
    expect(harFileName('http://a.test/', new Date(2027, 0, 2, 3, 4, 5))).toBe(
      'cors-lens-a.test-20270102-030405.har',
    );
  });
});
