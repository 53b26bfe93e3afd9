import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  API,
  PAGE,
  allowOrigin,
  exchange,
  type ExchangeSpec,
} from '../cors/testing/exchange-builder';
import { curlPair } from './curl';
import { shellWord } from './shell';

/**
 * Runs a command through a real POSIX sh with `curl` replaced by a function that prints
 * its arguments NUL-separated: what the shell would hand to curl, byte for byte.
 */
function argv(command: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

const pairOf = (spec: ExchangeSpec, redact?: boolean) =>
  curlPair(exchange(spec), redact === undefined ? {} : { redact });

/** The -H values of a command, as curl receives them. */
const headersOf = (command: string) =>
  argv(command).flatMap((arg, i, all) => (all[i - 1] === '-H' ? [arg] : []));

const PUT_X_FOO = { method: 'PUT', requestHeaders: [['x-foo', '1']] } as const;

describe('curlPair: the docs/cors-reference.md §6.2 cases', () => {
  it.each<[string, ExchangeSpec]>([
    ['simple GET, ACAO = origin', { responseHeaders: [allowOrigin()] }],
    ['simple GET, no ACAO', { outcome: 'cors' }],
    [
      'simple GET, ACAO http://evil.example',
      { responseHeaders: [allowOrigin('http://evil.example')], outcome: 'cors' },
    ],
    [
      'GET with credentials, ACAO *',
      { credentials: 'include', responseHeaders: [allowOrigin('*')], outcome: 'cors' },
    ],
  ])(
    '%s: no preflight, the GET with its Origin and nothing of the browser noise',
    (_name, spec) => {
      const pair = pairOf(spec);
      expect(pair.preflight).toBeNull();
      expect(pair.actual).toBe(
        `curl -i -X GET --globoff --url '${API}/api/data' \\\n  -H 'Origin: ${PAGE}'`,
      );
      expect(argv(pair.actual)).toEqual([
        '-i',
        '-X',
        'GET',
        '--globoff',
        '--url',
        `${API}/api/data`,
        '-H',
        `Origin: ${PAGE}`,
      ]);
    },
  );

  it('PUT + x-foo, preflight allows both: the observed preflight, then the PUT', () => {
    const pair = pairOf({
      ...PUT_X_FOO,
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'x-foo'],
        ],
      },
      responseHeaders: [allowOrigin()],
    });
    expect(pair.preflight).toBe(
      [
        `curl -i -X OPTIONS --globoff --url '${API}/api/data' \\`,
        `  -H 'Origin: ${PAGE}' \\`,
        "  -H 'Access-Control-Request-Method: PUT' \\",
        "  -H 'Access-Control-Request-Headers: x-foo'",
      ].join('\n'),
    );
    expect(pair.actual).toBe(
      [
        `curl -i -X PUT --globoff --url '${API}/api/data' \\`,
        `  -H 'Origin: ${PAGE}' \\`,
        "  -H 'x-foo: 1' \\",
        "  --data-raw '…'  # body not recorded",
      ].join('\n'),
    );
    expect(argv(pair.actual)).toContain('x-foo: 1');
  });

  it('PUT + x-foo, preflight lacks ACAH: the PUT never left, its header value is a placeholder', () => {
    const pair = pairOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      },
    });
    expect(headersOf(pair.preflight ?? '')).toEqual([
      `Origin: ${PAGE}`,
      'Access-Control-Request-Method: PUT',
      'Access-Control-Request-Headers: x-foo',
    ]);
    expect(pair.actual).toMatch(/^# The browser never sent this request/);
    expect(headersOf(pair.actual)).toEqual([`Origin: ${PAGE}`, 'x-foo: …']);
  });

  it('PUT, preflight 404: the preflight has no Access-Control-Request-Headers', () => {
    const pair = pairOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: { status: 404, responseHeaders: [allowOrigin()] },
    });
    expect(headersOf(pair.preflight ?? '')).toEqual([
      `Origin: ${PAGE}`,
      'Access-Control-Request-Method: PUT',
    ]);
  });

  it('the second of two PUTs (cached preflight): the preflight it would send is rebuilt', () => {
    const pair = pairOf({ ...PUT_X_FOO, responseHeaders: [allowOrigin()] });
    expect(pair.preflight).toMatch(/^# No preflight was recorded/);
    expect(headersOf(pair.preflight ?? '')).toEqual([
      `Origin: ${PAGE}`,
      'Access-Control-Request-Method: PUT',
      'Access-Control-Request-Headers: x-foo',
    ]);
  });
});

describe('curlPair: preflight only when needed or seen', () => {
  it.each<[string, ExchangeSpec]>([
    ['a form POST', { method: 'POST', requestHeaders: [['Content-Type', 'text/plain']] }],
    ['a same-origin PUT', { method: 'PUT', url: `${PAGE}/api` }],
    ['a no-cors request', { mode: 'no-cors', requestHeaders: [['x-foo', '1']] }],
  ])('none for %s', (_name, spec) => {
    expect(pairOf(spec).preflight).toBeNull();
  });

  it('a JSON POST: content-type in the rebuilt preflight, and a body placeholder', () => {
    const pair = pairOf({
      method: 'POST',
      requestHeaders: [
        ['Content-Type', 'application/json'],
        ['X-Trace', 'a'],
      ],
    });
    expect(headersOf(pair.preflight ?? '')).toContain(
      'Access-Control-Request-Headers: content-type,x-trace',
    );
    expect(headersOf(pair.actual)).toEqual([
      `Origin: ${PAGE}`,
      'Content-Type: application/json',
      'X-Trace: a',
    ]);
    expect(pair.actual.endsWith("--data-raw '…'  # body not recorded")).toBe(true);
  });

  it('HEAD uses -I (curl -X HEAD would wait for a body)', () => {
    expect(argv(pairOf({ method: 'HEAD' }).actual).slice(0, 4)).toEqual([
      '-I',
      '--globoff',
      '--url',
      `${API}/api/data`,
    ]);
  });

  it('keeps a page-set Accept and Cache-Control, drops the defaults DevTools and fetch add', () => {
    const kept = headersOf(
      pairOf({
        method: 'PUT',
        requestHeaders: [
          ['Accept', 'application/json'],
          ['Cache-Control', 'max-age=0'],
          ['Pragma', 'no-cache'],
        ],
        preflight: { acrh: 'cache-control', responseHeaders: [allowOrigin()] },
      }).actual,
    );
    expect(kept).toEqual([
      `Origin: ${PAGE}`,
      'Accept: application/json',
      'Cache-Control: max-age=0',
    ]);
  });
});

describe('curlPair: shell safety', () => {
  it('escapes single quotes in the URL and in header values', () => {
    const pair = pairOf({
      url: `${API}/it's?q='x'`,
      requestHeaders: [['X-Note', "it's 'quoted'"]],
    });
    expect(pair.actual).toContain(`'${API}/it'\\''s?q='\\''x'\\'''`);
    const args = argv(pair.actual);
    expect(args).toContain(`${API}/it's?q='x'`);
    expect(args).toContain("X-Note: it's 'quoted'");
  });

  it('passes non-ASCII through unchanged', () => {
    const pair = pairOf({ url: `${API}/café`, requestHeaders: [['X-Name', 'Zoë ☕ 名前']] });
    const args = argv(pair.actual);
    expect(args).toContain(`${API}/café`);
    expect(args).toContain('X-Name: Zoë ☕ 名前');
  });

  it('carries a 64 KB header value intact, on one line', () => {
    const big = 'a'.repeat(64 * 1024 - 1) + "'";
    const pair = pairOf({ requestHeaders: [['X-Big', big]] });
    expect(pair.actual.split('\n')).toHaveLength(3);
    expect(headersOf(pair.actual)).toContain(`X-Big: ${big}`);
  });

  it('leaves out a header with a newline or control character, saying so', () => {
    const pair = pairOf({
      requestHeaders: [
        ['X-Evil', 'a\r\nInjected: yes'],
        ['X-Bell', 'ding\u0007'],
        ['X-Ok', 'tab\there'],
      ],
    });
    expect(pair.actual).toMatch(/^# Left out header X-Evil: its value has control characters/);
    expect(pair.actual).toMatch(/^# Left out header X-Bell:/m);
    expect(headersOf(pair.actual)).toEqual([`Origin: ${PAGE}`, 'X-Ok: tab\there']);
  });
});

describe('curlPair: nothing from the file is read as a curl option', () => {
  /** The word curl takes as the URL: the one after --url. */
  const urlOf = (args: readonly string[]) => args[args.indexOf('--url') + 1];

  it('turns URL globbing off in both commands, so [1-5000] and {a,b} are sent as they are', () => {
    const url = `${API}/api/data?ids=[1-5000]&v={a,b}`;
    const pair = pairOf({ url, ...PUT_X_FOO });
    for (const command of [pair.preflight ?? '', pair.actual]) {
      const args = argv(command);
      expect(args.indexOf('--globoff')).toBeGreaterThanOrEqual(0);
      expect(args.indexOf('--globoff')).toBeLessThan(args.indexOf('--url'));
      expect(urlOf(args)).toBe(url);
    }
  });

  it('passes a URL that starts with - after --url, where it cannot be an option', () => {
    const args = argv(pairOf({ url: '-o/tmp/pwned' }).actual);
    expect(urlOf(args)).toBe('-o/tmp/pwned');
    expect(args.filter((a) => a === '-o/tmp/pwned')).toHaveLength(1);
  });

  it('a method that looks like an option is -X’s argument, which curl takes as it is', () => {
    const args = argv(pairOf({ method: '--output=/tmp/pwned' }).actual);
    expect(args.slice(0, 3)).toEqual(['-i', '-X', '--output=/tmp/pwned']);
  });

  it('percent-encodes a CR LF in the method, which curl would put on the wire as header lines', () => {
    const { actual } = pairOf({ method: 'GET\r\nX-Injected: 1' });
    expect(actual).toMatch(
      /^# The method has control characters: they are percent-encoded here\.\n/,
    );
    expect(argv(actual).slice(0, 3)).toEqual(['-i', '-X', 'GET%0D%0AX-Injected: 1']);
  });

  it('header values stay inside their -H argument, whatever they start with', () => {
    const values = ['--output /tmp/pwned', '-v', '@/etc/passwd', "'; touch /tmp/pwned; '"];
    const pair = pairOf({ requestHeaders: values.map((v, i) => [`X-V${i}`, v] as const) });
    expect(headersOf(pair.actual).slice(1)).toEqual(values.map((v, i) => `X-V${i}: ${v}`));
  });

  it('leaves out a header whose name is not an HTTP name: curl reads -H @file as a file', () => {
    const pair = pairOf({
      requestHeaders: [
        ['@/etc/passwd', 'x'],
        ['X Bad', 'y'],
        ['X-Ok', 'z'],
      ],
    });
    expect(pair.actual).toMatch(
      /^# Left out header @\/etc\/passwd: it is not a valid HTTP header name\.\n# Left out header X Bad:/,
    );
    expect(headersOf(pair.actual)).toEqual([`Origin: ${PAGE}`, 'X-Ok: z']);
  });

  it('leaves out a placeholder for a header the preflight names that is no HTTP name', () => {
    const pair = pairOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: { acrh: '@/etc/hosts,x-foo', responseHeaders: [allowOrigin()] },
    });
    expect(headersOf(pair.actual)).toEqual([`Origin: ${PAGE}`, 'x-foo: …']);
    expect(pair.actual).toContain('# Left out header @/etc/hosts:');
  });

  it('sends an empty header as curl’s Name; (Name: would send nothing)', () => {
    const pair = pairOf({
      requestHeaders: [
        ['X-Empty', ''],
        ['X-Blank', '  '],
      ],
    });
    expect(headersOf(pair.actual)).toEqual([`Origin: ${PAGE}`, 'X-Empty;', 'X-Blank;']);
  });

  it('leaves out a header with a C1 control, and percent-encodes one in the URL', () => {
    const pair = pairOf({ url: `${API}/a\u009bb`, requestHeaders: [['X-Csi', 'a\u009b2J']] });
    expect(pair.actual).toMatch(/^# Left out header X-Csi: its value has control characters/);
    expect(urlOf(argv(pair.actual))).toBe(`${API}/a%C2%9Bb`);
  });
});

describe('shellWord', () => {
  it('leaves a method bare, quotes what zsh or an option parser would read differently', () => {
    expect(shellWord('PATCH')).toBe('PATCH');
    expect(shellWord('=ls')).toBe("'=ls'");
    expect(shellWord('-v')).toBe("'-v'");
    expect(shellWord('A B')).toBe("'A B'");
  });
});

describe('curlPair: redaction', () => {
  const secretive: ExchangeSpec = {
    url: `${API}/api/data?access_token=abc123&page=2&sig=zz`,
    requestHeaders: [
      ['Cookie', 'sid=s3cr3t; theme=dark'],
      ['Authorization', 'Bearer abcdefghij'],
      ['X-Api-Key', 'k-123456'],
      ['X-Request-Id', '42'],
    ],
  };

  it('is on by default: values go, names, schemes and lengths stay', () => {
    const { actual } = pairOf(secretive);
    expect(actual).toMatch(/^# Secrets are redacted/);
    const args = argv(actual);
    expect(args).toContain(
      `${API}/api/data?access_token=REDACTED-6-CHARS&page=2&sig=REDACTED-2-CHARS`,
    );
    expect(headersOf(actual)).toEqual([
      `Origin: ${PAGE}`,
      'Cookie: sid=<redacted:6 chars>; theme=<redacted:4 chars>',
      'Authorization: Bearer <redacted:10 chars>',
      'X-Api-Key: <redacted:8 chars>',
      'X-Request-Id: 42',
    ]);
    expect(actual).not.toMatch(/s3cr3t|abc123|abcdefghij|k-123456/);
  });

  it('can be turned off', () => {
    const { actual } = pairOf(secretive, false);
    expect(actual).not.toMatch(/redacted|REDACTED/i);
    expect(headersOf(actual)).toContain('Cookie: sid=s3cr3t; theme=dark');
    expect(argv(actual)).toContain(`${API}/api/data?access_token=abc123&page=2&sig=zz`);
  });

  it('redacts the preflight URL too', () => {
    const { preflight } = pairOf({ ...secretive, method: 'PUT' });
    expect(preflight).toContain('access_token=REDACTED-6-CHARS');
  });
});
