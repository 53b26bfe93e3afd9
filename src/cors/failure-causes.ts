/**
 * Failures that are not CORS, named (docs/cors-reference.md): the browser reports them
 * through webRequest as a net error, often on a request that looks cross-origin, and
 * developers read them as "a CORS error". Each gets what blocked it and what to do; a
 * failure none of these explains stays `unexplained`.
 */
import { finalUrl } from './final-url';
import { firstHeaderValue } from './headers';
import type { ExchangeObservation, FailureCause, HttpHeader } from './types';
import { originOf } from './url';

/** The last response the request met and its URL: the final one, else the last redirect. */
function lastResponse(obs: ExchangeObservation): {
  url: string;
  headers: readonly HttpHeader[];
  status?: number;
} {
  const last = obs.redirects?.at(-1);
  if (obs.response) {
    return {
      url: finalUrl(obs),
      headers: obs.response.headers,
      status: obs.response.status,
    };
  }
  if (last) return { url: last.url, headers: last.headers, status: last.status };
  return { url: obs.request.url, headers: [] };
}

function line(name: string, value: string | undefined): { header?: HttpHeader } {
  return value === undefined ? {} : { header: { name, value } };
}

/**
 * `net::ERR_BLOCKED_BY_RESPONSE` on a subresource: the resource's own
 * Cross-Origin-Resource-Policy, or, when it sends none that blocks, the page's
 * Cross-Origin-Embedder-Policy requiring one. Only the exact tokens count: any other
 * value is ignored by the browser, as if absent.
 */
function blockedByResponse(obs: ExchangeObservation, error: string): FailureCause {
  const { url, headers } = lastResponse(obs);
  const corp = firstHeaderValue(headers, 'Cross-Origin-Resource-Policy');
  const policy = corp?.trim();
  const page = obs.initiatorOrigin;
  if (policy === 'same-origin' || policy === 'same-site') {
    return {
      id: 'resource-policy',
      error,
      url,
      ...line('Cross-Origin-Resource-Policy', corp),
      meaning:
        policy === 'same-origin'
          ? `The resource sends \`Cross-Origin-Resource-Policy: same-origin\`: only pages of ${originOf(url)} may load it, and this page is ${page}. Not CORS: no Access-Control header changes it.`
          : `The resource sends \`Cross-Origin-Resource-Policy: same-site\`: only pages of the same site (scheme and registrable domain) may load it, and this page (${page}) is another site. Not CORS: no Access-Control header changes it.`,
      steps: [
        'If other sites may embed it, send `Cross-Origin-Resource-Policy: cross-origin` on that response (or `same-site` when the pages share a site).',
        "Or load it with CORS (a `crossorigin` attribute, or fetch() in mode 'cors') and send Access-Control-Allow-Origin: a CORS response is not held to the resource policy.",
      ],
    };
  }
  return {
    id: 'embedder-policy',
    error,
    url,
    ...line('Cross-Origin-Resource-Policy', corp),
    meaning: `The page is cross-origin isolated (it sends Cross-Origin-Embedder-Policy), so every cross-origin resource it loads without CORS must allow it with Cross-Origin-Resource-Policy; this one sends ${corp === undefined ? 'none' : `\`${corp}\`, which is not a policy the browser knows (only \`same-origin\`, \`same-site\` and \`cross-origin\` count)`}.`,
    steps: [
      'Send `Cross-Origin-Resource-Policy: cross-origin` on the resource.',
      "Or load it with CORS (a `crossorigin` attribute, or fetch() in mode 'cors') and send Access-Control-Allow-Origin.",
      'Or, if the page does not need cross-origin isolation, relax its Cross-Origin-Embedder-Policy (`credentialless` loads such resources without cookies).',
    ],
  };
}

/** `net::ERR_BLOCKED_BY_ORB`: Opaque Response Blocking withheld a no-cors response. */
function blockedByOrb(obs: ExchangeObservation, error: string): FailureCause {
  const { url, headers, status } = lastResponse(obs);
  const type = firstHeaderValue(headers, 'Content-Type');
  const errorStatus = status !== undefined && status >= 400;
  return {
    id: 'opaque-response-blocking',
    error,
    url,
    ...line('Content-Type', type),
    meaning: `Opaque Response Blocking: a load without CORS (an image, script, media, or fetch() in mode 'no-cors') got ${errorStatus ? `a ${status} response ` : 'a response '}${type === undefined ? 'with no Content-Type' : `of type \`${type}\``}, which the browser will not hand to a page that cannot read it (data such as JSON, HTML or XML is withheld). Not CORS: the page never asked for CORS.`,
    steps: [
      ...(errorStatus ? [`Fix the ${status} first: an error page is blocked as data.`] : []),
      "If the page needs the data, fetch it in mode 'cors' (fetch()'s default) and have the server send Access-Control-Allow-Origin.",
      'If it really is an image, a script or media, serve it with its real Content-Type (`image/png`, `text/javascript`, ...), and with `X-Content-Type-Options: nosniff` only when that type is right.',
    ],
  };
}

function redirectLoop(obs: ExchangeObservation, error: string): FailureCause {
  const redirects = obs.redirects ?? [];
  const seen = new Set<string>();
  let loop: string | undefined;
  for (const hop of redirects) {
    if (seen.has(hop.url)) {
      loop = hop.url;
      break;
    }
    seen.add(hop.url);
  }
  const url = finalUrl(obs);
  return {
    id: 'redirect-loop',
    error,
    url,
    meaning: `The browser gave up after ${redirects.length > 0 ? redirects.length : 'too many'} redirects${loop === undefined ? '' : `: ${loop} redirects back to itself through the chain`}. Not CORS.`,
    steps: [
      'Break the loop on the server: the usual causes are two rules that undo each other (http↔https, a trailing slash added and removed, www and the bare domain), or a login redirect whose target redirects back.',
      "Read the chain in the card's headers: each hop's Location says which rule sent it on.",
    ],
  };
}

function unsafeRedirect(obs: ExchangeObservation, error: string): FailureCause {
  const last = obs.redirects?.at(-1);
  const location = last?.location;
  return {
    id: 'unsafe-redirect',
    error,
    url: last?.url ?? obs.request.url,
    ...line('Location', location),
    meaning: `A redirect pointed${location === undefined ? '' : ` to \`${location}\``} where the browser will not follow (a data:, javascript:, file: or custom-scheme URL). Not CORS.`,
    steps: ['Redirect only to http or https URLs; return other content directly.'],
  };
}

const NETWORK: Record<
  string,
  { id: FailureCause['id']; meaning: string; steps: readonly string[] }
> = {
  'net::ERR_BLOCKED_BY_CLIENT': {
    id: 'blocked-by-client',
    meaning:
      'Another extension (an ad or tracker blocker, a privacy tool) or an enterprise policy cancelled the request before it left the browser. Not CORS: the server never saw it.',
    steps: [
      'Retry in a window without other extensions (a new profile, or a guest window) or turn the blocker off for this site.',
      'Blockers match URL patterns: paths or names such as /ads/, /track, analytics or banner are often blocked.',
    ],
  },
  'net::ERR_CONNECTION_REFUSED': {
    id: 'network',
    meaning: 'Nothing accepted the connection. Not CORS: the server never answered.',
    steps: ['Check that the server is running and listens on that host and port.'],
  },
  'net::ERR_NAME_NOT_RESOLVED': {
    id: 'network',
    meaning: 'The host name did not resolve. Not CORS: the request never left.',
    steps: ['Check the host name for a typo, and that DNS (or /etc/hosts) knows it.'],
  },
  'net::ERR_CONNECTION_RESET': {
    id: 'network',
    meaning: 'The server or a proxy closed the connection mid-request. Not CORS.',
    steps: ["Read the server's and the proxy's logs: the process may have crashed."],
  },
  'net::ERR_EMPTY_RESPONSE': {
    id: 'network',
    meaning: 'The server closed the connection without answering. Not CORS.',
    steps: ["Read the server's logs: it may have crashed while handling the request."],
  },
  'net::ERR_TIMED_OUT': {
    id: 'network',
    meaning: 'The server did not answer in time. Not CORS.',
    steps: ['Check that the server is reachable from this machine and not overloaded.'],
  },
  'net::ERR_CERT_AUTHORITY_INVALID': {
    id: 'network',
    meaning: 'The TLS certificate was refused (untrusted, expired or for another name). Not CORS.',
    steps: [
      'Open the URL in a tab to see the certificate error; trust the development certificate (e.g. with mkcert) or use a valid one.',
    ],
  },
  'net::ERR_ABORTED': {
    id: 'aborted',
    meaning:
      'The request was cancelled: by the page (an AbortController, a timeout), a navigation or a closed tab. Not CORS.',
    steps: ['Look for an AbortController or a timeout in the code that made the call.'],
  },
};

/** The named reason for a failure that is not CORS, or undefined when none applies. */
export function failureCause(obs: ExchangeObservation, error: string): FailureCause | undefined {
  switch (error) {
    case 'net::ERR_BLOCKED_BY_RESPONSE':
      return blockedByResponse(obs, error);
    case 'net::ERR_BLOCKED_BY_ORB':
      return blockedByOrb(obs, error);
    case 'net::ERR_TOO_MANY_REDIRECTS':
      return redirectLoop(obs, error);
    case 'net::ERR_UNSAFE_REDIRECT':
      return unsafeRedirect(obs, error);
  }
  // Own keys only: an error string such as `toString` must not find Object's members.
  const known = Object.hasOwn(NETWORK, error)
    ? NETWORK[error]
    : error.startsWith('net::ERR_CERT_')
      ? NETWORK['net::ERR_CERT_AUTHORITY_INVALID']
      : undefined;
  if (!known) return undefined;
  return {
    id: known.id,
    error,
    url: finalUrl(obs),
    meaning: known.meaning,
    steps: known.steps,
  };
}
