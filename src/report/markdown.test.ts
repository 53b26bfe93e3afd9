import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHar } from './har-import';
import { markdownForExchange, markdownReport, type JudgedExchange } from './markdown';
import { inlineCode, codeBlock, plain } from './markdown-text';
import { replayFixture, type RecordedFixture } from './testing/exchanges';

const DIR = resolve(import.meta.dirname, '../capture/fixtures/chromium');
function one(name: string): JudgedExchange {
  const fixture = JSON.parse(readFileSync(resolve(DIR, `${name}.json`), 'utf8')) as RecordedFixture;
  const [exchange] = replayFixture(fixture);
  if (!exchange) throw new Error(`no exchange in ${name}`);
  return exchange;
}

/** Markdown outside code blocks and code spans, where HTML would be live. */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
}

describe('markdownForExchange', () => {
  it('a preflight failure: what failed, the evidence, the fix, the snippet, the curl pair', () => {
    const md = markdownForExchange(one('header-not-allowed'), { stack: 'express' });
    expect(md).toMatch(/^## Blocked: PUT http:\/\/localhost:\d+\/s\/header-not-allowed\n/);
    expect(md).toContain(
      '**What failed:** The preflight response does not allow the request header `x-foo`.',
    );
    expect(md).toContain(
      '- Check: Chromium `HeaderDisallowedByPreflightResponse` (failed parameter `x-foo`), Firefox: `CORSMissingAllowHeaderFromPreflight`',
    );
    const evidence = /\*\*Evidence\*\*\n\n```http\n([\s\S]*?)\n```/.exec(md)?.[1];
    expect(evidence?.split('\n')).toEqual([
      'OPTIONS /s/header-not-allowed HTTP/1.1',
      expect.stringMatching(/^Host: localhost:\d+$/),
      'Access-Control-Request-Method: PUT',
      'Access-Control-Request-Headers: x-foo',
      expect.stringMatching(/^Origin: http:\/\/127\.0\.0\.1:\d+$/),
      'Sec-Fetch-Mode: cors',
      '',
      'HTTP/1.1 204',
      expect.stringMatching(/^Access-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+$/),
      'Access-Control-Allow-Methods: PUT',
      '# (no Access-Control-Allow-Headers header)',
    ]);
    expect(md).toContain(
      'Send on the preflight (OPTIONS) response:\n\n```http\nAccess-Control-Allow-Headers: x-foo\n```',
    );
    expect(md).toContain("**Express (cors package)**\n\n```js\nimport cors from 'cors';");
    expect(md).toContain("allowedHeaders: ['x-foo'],");
    expect(md).toContain('Pitfall: app.use(cors()) must come before the routes');
    expect(md).toMatch(/\*\*Reproduce with curl\*\*\n\n```sh\ncurl -i -X OPTIONS /);
    expect(md).toContain("-H 'Access-Control-Request-Headers: x-foo'");
  });

  it('without a stack, lists the stacks it has snippets for', () => {
    const md = markdownForExchange(one('missing-acao'));
    expect(md).toContain(
      'Configuration snippets are ready for Express (cors package), Fastify (@fastify/cors),',
    );
    expect(md).not.toContain('```js');
  });

  it('leads with the real status a "CORS error" hides', () => {
    const md = markdownForExchange(one('error-500-without-cors'), { stack: 'nginx' });
    expect(md).toContain(
      '**What failed:** The server answered 500 without an Access-Control-Allow-Origin header.',
    );
    expect(md).toContain('The server\'s real answer was HTTP 500: the "CORS error" hides it.');
    expect(md).toContain('HTTP/1.1 500 Internal Server Error');
    expect(md).toContain('```nginx\n');
  });

  it('an allowed exchange: the verdict, the evidence, the warnings, no fix', () => {
    const md = markdownForExchange(one('authorization-via-wildcard'));
    expect(md).toContain('**Verdict:** Allowed after a preflight.');
    expect(md).toContain('- `authorization-covered-by-wildcard`: Authorization is allowed only');
    expect(md).not.toContain('**Fix**');
    // The preflight and the actual request, each with its answer.
    expect(md.match(/^HTTP\/1\.1 /gm)).toHaveLength(2);
    expect(md).toMatch(/^authorization: Bearer <redacted:\d+ chars>$/im);
  });

  it('a failure no CORS rule explains is said plainly, with its likely causes', () => {
    const [x] = importHar(
      readFileSync(resolve(import.meta.dirname, 'fixtures', 'chrome-devtools.har'), 'utf8'),
    ).exchanges.filter((e) => e.verdict.unexplained?.error === 'net::ERR_CONNECTION_REFUSED');
    const md = markdownForExchange(x ?? one('missing-acao'));
    expect(md).toContain(
      '**What failed:** `net::ERR_CONNECTION_REFUSED`: Nothing accepted the connection: not a CORS problem.',
    );
    expect(md).toContain('- The server is not running or listens on another port.');
    expect(md).toContain('# no response (net::ERR_CONNECTION_REFUSED)');
  });

  it.each([
    'hostile-response-headers',
    'redirect-with-userinfo',
    'acao-list',
    'three-origin-chain',
  ])('%s: no HTML outside code', (name) => {
    const md = markdownForExchange(one(name), { stack: 'apache', redact: false });
    expect(prose(md)).not.toMatch(/<\/?[a-z][^>]*>/i);
  });
});

describe('markdownReport', () => {
  const exchanges = [
    'missing-acao',
    'missing-acao',
    'header-not-allowed',
    'simple-get-allowed',
    'authorization-via-wildcard',
  ].map(one);

  it('failures first, the same failure once with its count, then the allowed with warnings', () => {
    const md = markdownReport(exchanges, { page: 'http://127.0.0.1:38575/?token=abcdef' });
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# CORS report for http://127.0.0.1:38575/?token=REDACTED-6-CHARS',
      '',
      '5 exchange(s): 3 blocked, 2 allowed. Recorded and judged by CORS Lens.',
    ]);
    expect(md.match(/^### Blocked: GET .*\/s\/missing-acao$/gm)).toHaveLength(1);
    expect(md).toContain('Seen 2 times in this report.');
    expect(md.indexOf('## Failed requests')).toBeLessThan(md.indexOf('## Allowed requests'));
    expect(md).toMatch(/- `GET http:\/\/localhost:\d+\/s\/simple-get-allowed`: Allowed: a simple/);
    expect(md).toContain('  - Warning `authorization-covered-by-wildcard`:');
  });
});

describe('markdown text helpers', () => {
  it('fences code whatever backticks it holds', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
    expect(codeBlock('sh', 'echo ```')).toBe('````sh\necho ```\n````');
  });

  it('escapes a < only outside code spans', () => {
    expect(plain('a <b> and `<c>`')).toBe('a \\<b> and `<c>`');
    expect(plain('two\nlines')).toBe('two lines');
  });
});
