import { readFileSync } from 'node:fs';
import { loadRecordedStream } from '../capture/testing/recorded-fixtures.node';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHar } from './har-import';
import { markdownForExchange, markdownReport, type JudgedExchange } from './markdown';
import { inlineCode, codeBlock, heading, plain } from './markdown-text';
import { pageProbeExchanges, replayFixture, type RecordedFixture } from './testing/exchanges';

function one(name: string): JudgedExchange {
  const fixture = loadRecordedStream<RecordedFixture>('chromium', name);
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
    expect(md).toMatch(/^## Blocked: PUT `http:\/\/localhost:\d+\/s\/header-not-allowed`\n/);
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
    expect(md).toMatch(
      /The preflight \(OPTIONS\) response of http\\:\/\/localhost:\d+\/s\/header-not-allowed:\n\nSend:\n\n```http\nAccess-Control-Allow-Headers: x-foo\n```\n\nAlready right, keep sending:\n\n```http\nAccess-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+\nAccess-Control-Allow-Methods: PUT\n```/,
    );
    expect(md).toMatch(
      /The actual response of .* \(not reached yet: the browser stopped before it\):/,
    );
    expect(md).toContain(
      'With these headers this request passes: the engine re-judged it with the fix applied.',
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

  it('a failure that is not CORS is named, with what to do', () => {
    const [x] = importHar(
      readFileSync(resolve(import.meta.dirname, 'fixtures', 'chrome-devtools.har'), 'utf8'),
    ).exchanges.filter((e) => e.verdict.cause?.error === 'net::ERR_CONNECTION_REFUSED');
    expect(x).toBeDefined();
    const md = markdownForExchange(x ?? one('missing-acao'));
    expect(md).toContain('## Failed, not CORS: GET');
    expect(md).toContain(
      '**What failed:** `net::ERR_CONNECTION_REFUSED`: Nothing accepted the connection. Not CORS: the server never answered.',
    );
    expect(md).toContain('**What to do**');
    expect(md).toContain('- Check that the server is running and listens on that host and port.');
    expect(md).toContain('# no response (net::ERR_CONNECTION_REFUSED)');
  });

  it('a failure nothing explains is said plainly, with its likely causes', () => {
    const [x] = importHar(
      readFileSync(resolve(import.meta.dirname, 'fixtures', 'chrome-devtools.har'), 'utf8'),
    ).exchanges.filter((e) => e.verdict.status === 'unexplained');
    expect(x).toBeDefined();
    const md = markdownForExchange(x ?? one('missing-acao'));
    expect(md).toMatch(/\*\*What failed:\*\* `net::ERR_FAILED`: The browser failed the request/);
    expect(md).toContain('- Local Network Access');
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

describe('markdown of what only the page saw', () => {
  const [sameOrigin, , , csp] = pageProbeExchanges();

  it("names the page's line that made the call, and says curl cannot show a refusal made in the page", () => {
    if (!sameOrigin) throw new Error('no exchange');
    const md = markdownForExchange(sameOrigin);
    expect(md).toContain('- Called from `http://127.0.0.1:7101/app.js:12:5`');
    expect(md).not.toContain('**Reproduce with curl**');
    expect(md).toContain('**The same request with curl**');
    expect(md).toContain('The browser refused this call before sending it');
    expect(md).toContain("Change the page's call: pass `{ mode: 'cors' }` to fetch().");
  });

  it("puts the CSP that refused the call on the page's document, not on the API", () => {
    if (!csp) throw new Error('no exchange');
    const md = markdownForExchange(csp);
    expect(md).toContain(
      "Decided by: `Content-Security-Policy: connect-src 'self'` on http\\://127.0.0.1:7101/app",
    );
    expect(md).toContain(
      "Send instead, on http\\://127.0.0.1:7101/app:\n\n```http\nContent-Security-Policy: connect-src 'self' http://localhost:7102\n```",
    );
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
      '# CORS report for `http://127.0.0.1:38575/?token=REDACTED-6-CHARS`',
      '',
      '5 exchange(s): 3 blocked, 2 allowed. Recorded and judged by CORS Lens.',
    ]);
    expect(md.match(/^### Blocked: GET `.*\/s\/missing-acao`$/gm)).toHaveLength(1);
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

  it('escapes HTML only outside code spans', () => {
    expect(plain('a <b> and `<c>`')).toBe('a \\<b\\> and `<c>`');
  });

  it.each<[string, string, string]>([
    ['an image', '![x](https://evil.example/p.png)', '!\\[x\\](https\\://evil.example/p.png)'],
    ['a link', '[click](http://evil.example)', '\\[click\\](http\\://evil.example)'],
    ['a reference link', '[x][1] [1]: http://e', '\\[x\\]\\[1\\] \\[1\\]: http\\://e'],
    ['an HTML tag', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['an autolink', '<http://evil.example>', '\\<http\\://evil.example\\>'],
    ['an entity', 'a &lt;b&gt; &#x41;', 'a \\&lt;b\\&gt; \\&\\#x41;'],
    ['a bare URL (GFM links it)', 'see https://evil.example/x', 'see https\\://evil.example/x'],
    ['a www. address (GFM links it)', 'see www.evil.example', 'see www\\.evil.example'],
    ['emphasis', '*a* _b_ **c**', '\\*a\\* \\_b\\_ \\*\\*c\\*\\*'],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['a table row', 'a | b |', 'a \\| b \\|'],
    ['math', '$x$', '\\$x\\$'],
    ['a backslash', 'a\\*b', 'a\\\\\\*b'],
    ['an unmatched backtick', 'a `b', 'a \\`b'],
    ['backtick runs of other lengths', '``x`', '\\`\\`x\\`'],
  ])('%s is shown, not rendered', (_name, text, expected) => {
    expect(plain(text)).toBe(expected);
  });

  it('keeps a value in backticks as code, as CommonMark pairs them (equal runs only)', () => {
    expect(plain('header `<b>*x*</b>` here')).toBe('header `<b>*x*</b>` here');
    expect(plain('`a``b` then [x]')).toBe('`a``b` then \\[x\\]');
    // A value with a backtick breaks the sentence's quoting: what falls outside is escaped.
    expect(plain('value `x`![i](http://e/i.png)`` here')).toBe(
      'value `x`!\\[i\\](http\\://e/i.png)\\`\\` here',
    );
  });

  it('makes every line break a space: CR, LF, CR LF, U+2028, U+2029', () => {
    expect(plain('a\rb\nc\r\nd\u2028e\u2029f')).toBe('a b c d e f');
    expect(plain('ok\r# Heading\n- item')).toBe('ok \\# Heading - item');
  });

  it('shows control characters as escapes', () => {
    expect(plain('a\u001b]0;x\u0007b\u009bc')).toBe('a\\x1b\\]0;x\\x07b\\u009bc');
    expect(inlineCode('a\u001bb')).toBe('`a\\x1bb`');
  });

  it.each<[string, string]>([
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['2) item', '2\\) item'],
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['===', '\\==='],
    ['---', '\\---'],
    ['    indented code', 'indented code'],
  ])('a value that starts like a block (%s) cannot open one', (text, expected) => {
    expect(plain(text)).toBe(expected);
  });

  it('leaves ordinary prose readable: hyphens, full stops, parentheses', () => {
    const sentence = 'The server answered 500 (an error) without Access-Control-Allow-Origin.';
    expect(plain(sentence)).toBe(sentence);
  });

  it('keeps inline code closed whatever it holds, line breaks included', () => {
    expect(inlineCode('a\n\n# b\r- c')).toBe('`a  # b - c`');
    expect(inlineCode('x\r\n``')).toBe('``` x `` ```');
    expect(inlineCode(' padded ')).toBe('`  padded  `');
    expect(inlineCode('')).toBe('` `');
  });

  it('keeps a code block closed, a CR shown rather than taken for a line break', () => {
    expect(codeBlock('http', 'A: 1\rB: 2')).toBe('```http\nA: 1\\rB: 2\n```');
    expect(codeBlock('sh', 'x\r```\ry')).toBe('````sh\nx\\r```\\ry\n````');
    expect(codeBlock('go', '\tgo\nx')).toBe('```go\n\tgo\nx\n```');
  });

  it('a heading puts URLs in code, and its other text cannot start a block', () => {
    expect(heading(2, 'Blocked: PUT http://e/![x](http://i/p.png)')).toBe(
      '## Blocked: PUT `http://e/![x](http://i/p.png)`',
    );
    expect(heading(2, 'Blocked: GET\r\n# x http://e/a')).toBe('## Blocked: GET \\# x `http://e/a`');
    expect(heading(3, 'Failed: [x](y) `m`http://e')).toBe('### Failed: \\[x\\](y) `m` `http://e`');
    expect(heading(2, '- a #')).toBe('## \\- a \\#');
  });
});

describe('markdown of a crafted HAR', () => {
  const value =
    '<img src=x onerror=alert(1)>\r\n# Injected heading\r- item &lt;b&gt; | a | b | ![i](https://evil.example/i.png)';
  const url = 'http://api.test/![x](https://evil.example/p.png)/[click](https://evil.example)';
  const [x] = importHar({
    log: {
      creator: { name: 'WebInspector' },
      entries: [
        {
          request: {
            method: 'GET',
            url,
            headers: [
              { name: 'Origin', value: 'http://a.test' },
              { name: 'Sec-Fetch-Mode', value: 'cors' },
            ],
          },
          response: {
            status: 200,
            headers: [{ name: 'Access-Control-Allow-Origin', value }],
            _error: 'net::ERR_FAILED',
          },
        },
      ],
    },
  }).exchanges;
  const md = x ? markdownForExchange(x, { redact: false }) : '';

  it('quotes the URL in the heading as code, not as an image or a link', () => {
    expect(md.split('\n')[0]).toBe(`## Blocked: GET \`${url}\``);
  });

  it('adds no block, no line break and no live syntax of its own', () => {
    expect(md).not.toMatch(/\r/);
    expect(md).not.toMatch(/^(# Injected|- item)/m);
    // Outside code, every bracket, angle bracket, entity and pipe is escaped.
    expect(prose(md)).not.toMatch(/(^|[^\\])[[\]<>&|]/m);
  });

  it('shows the value’s CR LF in the evidence, so it cannot pass for another header line', () => {
    expect(md).toContain(
      'Access-Control-Allow-Origin: <img src=x onerror=alert(1)>\\r\\n# Injected heading\\r- item',
    );
  });
});

describe('markdown: verified snippets', () => {
  it('says whether the chosen stack’s snippet was proven on a real server', () => {
    expect(markdownForExchange(one('missing-acao'), { stack: 'django' })).toMatch(
      /Verified: pasted as is into a real server \(Django 3\.2, django-cors-headers 3\.14\)/,
    );
    expect(markdownForExchange(one('missing-acao'), { stack: 'spring' })).toContain(
      'Not verified: CORS Lens cannot run this stack in its tests yet',
    );
    expect(markdownForExchange(one('missing-acao'))).toMatch(
      /Verified on real servers by CORS Lens's snippet suite: Express \(cors package\), /,
    );
  });
});
