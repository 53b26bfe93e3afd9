import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, runCli, USAGE } from './cli';
import { exportHar } from './har-export';
import { replayFixture, type RecordedFixture } from './testing/exchanges';

const har = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');
const CHROME = har('chrome-devtools.har');

function ourReport(...scenarios: string[]): string {
  const dir = resolve(import.meta.dirname, '../capture/fixtures/chromium');
  const exchanges = scenarios.flatMap((s) =>
    replayFixture(JSON.parse(readFileSync(resolve(dir, `${s}.json`), 'utf8')) as RecordedFixture),
  );
  return JSON.stringify(exportHar(exchanges));
}

describe('cors-lens <file.har>', () => {
  it('one line per cross-origin exchange, a summary, exit 1 when one is blocked', () => {
    const result = runCli(['chrome-devtools.har'], CHROME);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'ALLOWED  GET http://localhost:7102/s/simple-get-allowed — a simple request, no preflight needed',
      'BLOCKED  GET http://localhost:7102/s/missing-acao — MissingAllowOriginHeader: the response has no Access-Control-Allow-Origin header',
      'BLOCKED  PUT http://localhost:7102/s/header-not-allowed — HeaderDisallowedByPreflightResponse: the preflight response does not allow the request header x-foo',
      'BLOCKED  GET http://localhost:7102/s/cookie-credentials-wildcard — WildcardOriginNotAllowed: the response allows any origin (*), which browsers refuse for a request with credentials [warnings: wildcard-with-credentials-header]',
      'ALLOWED  PUT http://localhost:7102/s/put-preflight-allowed — allowed after a preflight',
      'BLOCKED  GET http://localhost:7102/s/redirect-tainted-origin — AllowOriginMismatch: the response allows the origin http://127.0.0.1:7101, but the request came from null',
      'FAILED   GET http://localhost:7102/s/error-500-without-cors — net::ERR_FAILED: the browser failed the request, but the headers the extension saw pass every CORS check.',
      'FAILED   GET http://localhost:7199/s/down — net::ERR_CONNECTION_REFUSED: nothing accepted the connection. Not CORS: the server never answered.',
      '8 cross-origin exchange(s): 4 blocked, 1 failed, 1 unexplained, 2 allowed (3 request(s) CORS does not apply to: --all lists them)',
      '',
    ]);
  });

  it('--all also lists what CORS does not apply to', () => {
    const lines = runCli(['--all', 'x.har'], CHROME).stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'N/A      GET http://127.0.0.1:7101/ — a navigation',
      'N/A      GET http://127.0.0.1:7101/playground.js — same-origin',
      "N/A      GET http://localhost:7103/logo.png — mode 'no-cors' (the page gets an opaque response)",
    ]);
    expect(lines.at(-1)).toBe(
      '11 request(s): 4 blocked, 1 failed, 1 unexplained, 2 allowed, 3 not-applicable',
    );
  });

  it('--json for machines', () => {
    const result = runCli(['x.har', '--json'], CHROME);
    expect(result.exitCode).toBe(1);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(8);
    expect(rows[2]).toEqual({
      url: 'http://localhost:7102/s/header-not-allowed',
      method: 'PUT',
      verdict: 'blocked',
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-foo',
      summary:
        'HeaderDisallowedByPreflightResponse: the preflight response does not allow the request header x-foo',
      warnings: [],
      unknowns: [
        'The request never reached the network: its headers are the browser’s provisional ones.',
        expect.stringMatching(/^Credentials mode not recorded/),
      ],
    });
    expect(rows[0]).toMatchObject({ verdict: 'allowed', corsError: null, failedParameter: null });
  });

  it('exits 0 when nothing is blocked, on our own report as on Chrome’s', () => {
    const result = runCli(['ok.har'], ourReport('simple-get-allowed', 'put-preflight-allowed'));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\n2 cross-origin exchange\(s\): 2 allowed\n$/);
  });

  it('exits 1 for a CORS error no rule explains (the response was not recorded)', () => {
    const failedOnly = JSON.parse(CHROME) as { log: { entries: unknown[] } };
    failedOnly.log.entries = failedOnly.log.entries.slice(12, 13);
    const result = runCli(['x.har'], JSON.stringify(failedOnly));
    expect(result.stdout).toMatch(/^FAILED {3}GET .*error-500-without-cors — net::ERR_FAILED/);
    expect(result.exitCode).toBe(1);
  });

  it('exits 0 for a network error that is not CORS', () => {
    const refused = JSON.parse(CHROME) as { log: { entries: unknown[] } };
    refused.log.entries = refused.log.entries.slice(13);
    expect(runCli(['x.har'], JSON.stringify(refused)).exitCode).toBe(0);
  });

  it('redacts tokens in the URLs it prints', () => {
    const withToken = CHROME.replaceAll('/s/missing-acao', '/s/missing-acao?access_token=abcdef');
    expect(runCli(['x.har'], withToken).stdout).toContain(
      '/s/missing-acao?access_token=REDACTED-6-CHARS — MissingAllowOriginHeader',
    );
  });

  it('notes the file’s problems on stderr', () => {
    const broken = JSON.parse(CHROME) as { log: { entries: unknown[] } };
    broken.log.entries.push('junk');
    const result = runCli(['x.har'], JSON.stringify(broken));
    expect(result.stderr).toBe('cors-lens: note: entry 14 is not an object: skipped\n');
  });

  it.each<[string, string[], string]>([
    ['no file', [], 'cors-lens: no HAR file given'],
    ['two files', ['a.har', 'b.har'], 'cors-lens: give exactly one HAR file'],
    ['an unknown option', ['--yaml', 'a.har'], 'cors-lens: unknown option --yaml'],
  ])('exits 2 for %s', (_name, args, message) => {
    const result = runCli(args, CHROME);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${message}\n\n${USAGE}`);
  });

  it('exits 2 for a file that is not a HAR', () => {
    const result = runCli(['notes.txt'], 'hello');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^cors-lens: notes\.txt: cannot be read\ncors-lens: note: Not a HAR file/,
    );
  });

  describe('fails closed: exit 0 only when something was checked', () => {
    const entries = (list: unknown[]) => JSON.stringify({ log: { entries: list } });
    /** What CHROME's missing-acao request looks like with its headers as an object. */
    const withObjectHeaders = () => {
      const file = JSON.parse(CHROME) as {
        log: { entries: Array<{ request: { url: string; headers: unknown } }> };
      };
      const blocked = file.log.entries.find((e) => e.request.url.endsWith('/s/missing-acao'));
      if (!blocked) throw new Error('no missing-acao entry');
      blocked.request.headers = { Origin: 'http://127.0.0.1:7101' };
      return { file, blocked };
    };

    it('exits 2 for a HAR none of whose entries could be read, saying why', () => {
      const result = runCli(['x.har'], entries(['junk', { request: { url: 'http://a.test/' } }]));
      expect(result).toEqual({
        stdout: '',
        stderr: [
          'cors-lens: x.har: none of its 2 entries could be read: nothing was checked',
          'cors-lens: note: entry 0 is not an object: skipped',
          'cors-lens: note: entry 1 has no request method or URL: skipped',
          '',
        ].join('\n'),
        exitCode: 2,
      });
    });

    it('exits 2 for a HAR without entries: nothing was checked', () => {
      expect(runCli(['--json', 'x.har'], entries([]))).toEqual({
        stdout: '',
        stderr: 'cors-lens: x.har: no entries: nothing to check\n',
        exitCode: 2,
      });
    });

    it('headers given as an object: a note and no verdict, not a false BLOCKED', () => {
      const { file, blocked } = withObjectHeaders();
      const alone = runCli(['x.har'], JSON.stringify({ log: { ...file.log, entries: [blocked] } }));
      expect(alone.exitCode).toBe(2);
      expect(alone.stdout).toBe('');
      expect(alone.stderr).toMatch(
        /^cors-lens: x\.har: none of its 1 entry could be read: nothing was checked\ncors-lens: note: entry 0 has malformed request headers \(an object, not a HAR list of name\/value pairs\): skipped, no verdict\n$/,
      );
    });

    it('an unreadable entry among readable ones: the others are judged, the summary says one was not', () => {
      const { file } = withObjectHeaders();
      const result = runCli(['x.har'], JSON.stringify(file));
      expect(result.stdout).not.toContain('/s/missing-acao');
      expect(result.stdout).toMatch(
        /\n7 cross-origin exchange\(s\): 3 blocked, 1 failed, 1 unexplained, 2 allowed \(3 request\(s\) CORS does not apply to: --all lists them\); 1 entry not judged: see the notes\n$/,
      );
      expect(result.stderr).toMatch(/^cors-lens: note: entry 4 has malformed request headers/);
      expect(result.exitCode).toBe(1);
    });

    it('reads a file saved with a UTF-8 byte order mark', () => {
      expect(runCli(['x.har'], `\uFEFF${CHROME}`)).toEqual(runCli(['x.har'], CHROME));
    });
  });

  describe('text from the file cannot drive the terminal', () => {
    const ESC = '\u001b';
    const hostile = JSON.stringify({
      log: {
        entries: [
          {
            request: {
              method: `GET${ESC}]0;pwned\u0007`,
              url: 'http://api.test/x\u009b2J\u2028y',
              headers: [{ name: 'Origin', value: 'http://a.test' }],
            },
            response: {
              status: 200,
              headers: [
                {
                  name: 'Access-Control-Allow-Origin',
                  value: `http://b.test\r${ESC}[2KALLOWED\n\u007f\u0085`,
                },
              ],
            },
          },
        ],
      },
    });
    // Every C0 control but the line feed ending each line, DEL, C1, and the line separators.
    // eslint-disable-next-line no-control-regex -- the characters under test
    const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

    it('escapes ESC, BEL, CR, LF, DEL and C1 in the lines it prints', () => {
      const result = runCli(['x.har'], hostile);
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stdout.split('\n')).toEqual([
        'BLOCKED  GET\\x1b]0;pwned\\x07 http://api.test/x\\u009b2J\\u2028y — InvalidAllowOriginValue: ' +
          'the response has Access-Control-Allow-Origin http://b.test\\r\\x1b[2KALLOWED\\n\\x7f\\u0085, which is not an origin',
        '1 cross-origin exchange(s): 1 blocked',
        '',
      ]);
    });

    it('escapes them in the notes on stderr', () => {
      const own = JSON.stringify({
        log: {
          entries: [
            {
              request: {
                method: 'GET',
                url: 'http://api.test/x',
                headers: [{ name: 'Origin', value: 'http://a.test' }],
              },
              response: {
                status: 200,
                headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://a.test' }],
              },
              _cors: {
                exchangeId: 'x',
                verdict: `blocked${ESC}[1A\r`,
                initiatorOrigin: 'http://a.test',
              },
            },
          ],
        },
      });
      const result = runCli(['x.har'], own);
      expect(result.stderr).not.toMatch(RAW);
      expect(result.stderr).toMatch(
        /^cors-lens: note: entry 0: the file recorded "blocked\\x1b\[1A\\r", the engine now says "allowed"/,
      );
    });

    it('--json escapes what JSON.stringify leaves raw (DEL, C1, U+2028), and still parses back', () => {
      const result = runCli(['--json', 'x.har'], hostile);
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stdout).toContain('"url": "http://api.test/x\\u009b2J\\u2028y"');
      const [row] = JSON.parse(result.stdout) as Array<{ method: string; failedParameter: string }>;
      expect(row?.method).toBe(`GET${ESC}]0;pwned\u0007`);
      expect(row?.failedParameter).toBe(`http://b.test\r${ESC}[2KALLOWED\n\u007f\u0085`);
    });

    it('the usage text names the escapes without holding the characters', () => {
      expect(USAGE).not.toMatch(RAW);
      expect(USAGE).toContain('(\\x1b, \\r,\n\\u009b)');
    });

    it('escapes a file name it cannot read', () => {
      const result = runCli([`x${ESC}]0;t\u0007.har`], 'hello');
      expect(result.stderr).toMatch(/^cors-lens: x\\x1b\]0;t\\x07\.har: cannot be read\n/);
    });
  });

  it('--help prints the usage and exits 0', () => {
    expect(runCli(['--help'], '')).toEqual({ stdout: USAGE, stderr: '', exitCode: 0 });
  });

  it('parses options anywhere, and -- ends them', () => {
    expect(parseCliArgs(['--json', 'a.har', '--all'])).toEqual({
      kind: 'run',
      options: { file: 'a.har', json: true, all: true },
    });
    expect(parseCliArgs(['--', '--odd-name.har'])).toEqual({
      kind: 'run',
      options: { file: '--odd-name.har', json: false, all: false },
    });
    expect(parseCliArgs(['-'])).toMatchObject({ kind: 'run', options: { file: '-' } });
  });
});

// Each test starts Node with tsx: seconds apiece on a loaded two-core machine.
describe('the Node entry (scripts/cors-lens.ts)', { timeout: 60_000 }, () => {
  const root = resolve(import.meta.dirname, '../..');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cors-lens.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('reads the file, prints the verdicts and exits with the code', () => {
    const result = run('src/report/fixtures/firefox-devtools.har');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\n4 cross-origin exchange\(s\): 3 blocked, 1 allowed\n$/);
  });

  it('reads a file with a byte order mark, and exits 2 for one without readable entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-lens-'));
    const bom = join(dir, 'bom.har');
    writeFileSync(
      bom,
      `\uFEFF${readFileSync(join(root, 'src/report/fixtures/firefox-devtools.har'), 'utf8')}`,
    );
    expect(run(bom).status).toBe(1);
    const empty = join(dir, 'junk.har');
    writeFileSync(empty, JSON.stringify({ log: { entries: [42] } }));
    const result = run(empty);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/: none of its 1 entry could be read: nothing was checked\n/);
  });

  it('reads a file PowerShell saved as UTF-16', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-lens-'));
    const utf16 = join(dir, 'utf16.har');
    const text = readFileSync(join(root, 'src/report/fixtures/firefox-devtools.har'), 'utf8');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const result = run(utf16);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\n4 cross-origin exchange\(s\): 3 blocked, 1 allowed\n$/);
  });

  it('exits 2 when the file cannot be read', () => {
    const result = run('no/such/file.har');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cors-lens: cannot read no\/such\/file\.har: ENOENT/);
  });
});
