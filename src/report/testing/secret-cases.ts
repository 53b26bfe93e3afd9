/**
 * Where secrets hide in real exchanges, one case each, and every output a backend team
 * receives: the HAR file, the Markdown, the curl pair and the CLI's text and JSON. A
 * default export of any of them must not contain the case's secret. Used by tests only.
 */
import type { Exchange } from '../../capture/exchange';
import {
  API,
  PAGE,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  type Pairs,
} from '../../capture/testing/chromium-events';
import { FAILED_TO_FETCH, refusedInPage } from '../../capture/testing/page-calls';
import { runCli } from '../cli';
import { curlPair } from '../curl';
import { exportHar } from '../har-export';
import { markdownForExchange, markdownReport } from '../markdown';
import { replay } from './exchanges';

export interface SecretCase {
  readonly name: string;
  readonly secret: string;
  readonly exchanges: () => Exchange[];
}

/** A simple GET whose request carries `pageHeaders` and whose response carries `responseHeaders`. */
function get(url: string, pageHeaders: Pairs = [], responseHeaders: Pairs = [allowOrigin()]) {
  const t = new Timeline();
  t.request({ url })
    .before()
    .sendHeaders(corsRequestHeaders(pageHeaders))
    .respond(200, responseHeaders);
  return replay(t.events);
}

const JWT_SIGNATURE = 'CANARYjwtInsideValue7c1d';
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${JWT_SIGNATURE}`;

/** Every case the hardening issue measured leaking from a default export, and the token shapes. */
export const SECRET_CASES: readonly SecretCase[] = [
  {
    name: 'a path parameter (;jsessionid=…)',
    secret: 'CANARYjsessionPath01',
    exchanges: () => get(`${API}/r;jsessionid=CANARYjsessionPath01?x=1`),
  },
  ...['code', 'passwd', 'ticket', 'pwd', 'pass', 'phpsessid', 'sid', 'otp'].map(
    (name): SecretCase => ({
      name: `the query parameter ${name}`,
      secret: `CANARYquery${name}02`,
      exchanges: () => get(`${API}/cb?${name}=CANARYquery${name}02&page=2`),
    }),
  ),
  {
    name: 'a ;-separated token parameter',
    secret: 'CANARYsemicolonToken03',
    exchanges: () => get(`${API}/api?a=1;token=CANARYsemicolonToken03`),
  },
  {
    name: 'a JWT inside a longer header value',
    secret: JWT_SIGNATURE,
    exchanges: () => get(`${API}/api`, [['X-Context', `user=${JWT}; region=eu`]]),
  },
  {
    name: 'a nameless cookie in Set-Cookie',
    secret: 'CANARYnamelessCookie04',
    exchanges: () =>
      get(`${API}/api`, [], [allowOrigin(), ['Set-Cookie', 'CANARYnamelessCookie04; Path=/']]),
  },
  {
    name: 'the second cookie of a newline-joined Set-Cookie',
    secret: 'CANARYsecondCookie05',
    exchanges: () =>
      get(
        `${API}/api`,
        [],
        [allowOrigin(), ['Set-Cookie', 'theme=dark; Path=/\nsid=CANARYsecondCookie05; HttpOnly']],
      ),
  },
  {
    name: 'a token used as the user name of a URL',
    secret: 'ghp_CANARY0userinfo0Token0abcdefghij0123',
    exchanges: () =>
      get(API.replace('://', '://ghp_CANARY0userinfo0Token0abcdefghij0123@') + '/api'),
  },
  {
    name: 'an OAuth code in a redirect’s Location',
    secret: 'CANARYoauthCode06',
    exchanges: () => {
      const t = new Timeline();
      t.request({ url: `${API}/login` })
        .before()
        .sendHeaders(corsRequestHeaders())
        .redirect(302, [allowOrigin()], `${THIRD}/cb?code=CANARYoauthCode06&state=s`)
        .sendHeaders(corsRequestHeaders([], 'null'))
        .respond(200, [allowOrigin('*')]);
      return replay(t.events);
    },
  },
  {
    name: 'a secret echoed into the failed parameter',
    secret: 'CANARYechoedKey07',
    exchanges: () => {
      const t = new Timeline();
      t.request({ url: `${API}/api` })
        .before()
        .sendHeaders(corsRequestHeaders([['X-Api-Key', 'CANARYechoedKey07']]))
        .received(200, [['Access-Control-Allow-Origin', 'CANARYechoedKey07']])
        .failed();
      return replay(t.events);
    },
  },
  {
    name: "a token in the URL of the page's script that made the call",
    secret: 'CANARYcallSite08',
    exchanges: () =>
      refusedInPage({
        mode: 'same-origin',
        callSite: { url: `${PAGE}/app.js?access_token=CANARYcallSite08`, line: 3, column: 9 },
      }),
  },
  {
    name: "a key in the report-uri of the page's Content-Security-Policy",
    secret: 'CANARYsentryKey09',
    exchanges: () =>
      refusedInPage({
        csp: {
          directive: 'connect-src',
          policy:
            "connect-src 'self'; report-uri https://o1.ingest.sentry.io/api/2/security/?sentry_key=CANARYsentryKey09",
          document: `${PAGE}/app`,
        },
      }),
  },
  {
    name: 'a session in the URL of the page whose policy refused the call',
    secret: 'CANARYcspDocument10',
    exchanges: () =>
      refusedInPage({
        csp: {
          directive: 'connect-src',
          policy: "connect-src 'self'",
          document: `${PAGE}/app?session=CANARYcspDocument10`,
        },
      }),
  },
  {
    name: "a password in a URL the page's TypeError quotes",
    secret: 'CANARYerrorPassword11',
    exchanges: () =>
      refusedInPage({
        url: `${API.replace('://', '://admin:CANARYerrorPassword11@')}/api`,
        outcome: {
          ...FAILED_TO_FETCH,
          message: `Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: ${API.replace('://', '://admin:CANARYerrorPassword11@')}/api`,
        },
      }),
  },
  ...[
    ['GitHub', 'ghp_CANARY1innocent1Header1abcdefghij012'],
    ['GitHub fine-grained', 'github_pat_11CANARY0000innocentHeader_0123456789abcdef'],
    ['Stripe', 'sk_live_CANARY4eC39HqLyjWDarjtT1zdp7dc'],
    ['Slack', 'xoxb-123456789012-CANARY12345-AbCdEfGhIjKlMnOp'],
    ['AWS', 'AKIACANARY0EXAMPLE42'],
    ['random', 'CANARYq8Zr2LmXv9TbN4wKpY7sJd3Hf6Gc1AeRu5'],
  ].map(([issuer = '', token = '']): SecretCase => ({
    name: `a ${issuer} token in an innocently named header`,
    secret: token,
    exchanges: () => get(`${API}/api`, [['X-Debug', `deployed by ${token}`]]),
  })),
];

/** Everything a default (redacted) export gives for these exchanges, one text per output. */
export function defaultOutputs(exchanges: readonly Exchange[]): Record<string, string> {
  const judged = exchanges.map((x) => ({ observation: x.observation, verdict: x.verdict }));
  const unredactedHar = JSON.stringify(exportHar(exchanges, { redact: false }));
  const cliText = runCli(['report.har'], unredactedHar);
  const cliJson = runCli(['--json', '--all', 'report.har'], unredactedHar);
  return {
    har: JSON.stringify(exportHar(exchanges, { page: `${PAGE}/` })),
    markdownReport: markdownReport(judged),
    markdownExchanges: judged.map((x) => markdownForExchange(x, { stack: 'express' })).join(),
    curl: judged
      .map((x) => {
        const pair = curlPair(x.observation);
        return `${pair.preflight ?? ''}\n${pair.actual}`;
      })
      .join('\n'),
    cliText: cliText.stdout + cliText.stderr,
    cliJson: cliJson.stdout + cliJson.stderr,
  };
}

/** The same outputs with redaction turned off, where the user opted in. */
export function unredactedOutputs(exchanges: readonly Exchange[]): Record<string, string> {
  const judged = exchanges.map((x) => ({ observation: x.observation, verdict: x.verdict }));
  return {
    har: JSON.stringify(exportHar(exchanges, { redact: false })),
    markdownReport: markdownReport(judged, { redact: false }),
    curl: judged.map((x) => curlPair(x.observation, { redact: false }).actual).join('\n'),
  };
}
