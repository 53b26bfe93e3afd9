import type { UnexplainedFailure } from './types';

/** Errors with which both browsers report a CORS failure (docs/cors-reference.md §6.3, §7). */
export function isCorsFailureError(error: string): boolean {
  return error === 'net::ERR_FAILED' || error === 'NS_ERROR_DOM_BAD_URI';
}

const KNOWN: Record<string, { meaning: string; causes: string[] }> = {
  'net::ERR_CONNECTION_REFUSED': {
    meaning: 'Nothing accepted the connection: not a CORS problem.',
    causes: [
      'The server is not running or listens on another port.',
      'A firewall rejects the connection.',
    ],
  },
  'net::ERR_NAME_NOT_RESOLVED': {
    meaning: 'The host name did not resolve: not a CORS problem.',
    causes: ['A typo in the host name.', 'DNS is not configured for this host.'],
  },
  'net::ERR_BLOCKED_BY_CLIENT': {
    meaning:
      'Another extension or the browser blocked the request before it left: not a CORS problem.',
    causes: ['An ad or tracker blocker.', 'An enterprise policy.'],
  },
  'net::ERR_BLOCKED_BY_RESPONSE': {
    meaning:
      'A response header blocked it (Cross-Origin-Resource-Policy, COEP, X-Frame-Options): not CORS.',
    causes: [
      'Cross-Origin-Resource-Policy: same-origin on the resource.',
      'The page is cross-origin isolated (COEP).',
    ],
  },
  'net::ERR_ABORTED': {
    meaning:
      'The request was cancelled: by the page (AbortController), a navigation, or a closed tab.',
    causes: ['An AbortController or a timeout in the page.', 'The page navigated away.'],
  },
  'net::ERR_CONNECTION_RESET': {
    meaning: 'The server closed the connection mid-request: not a CORS problem.',
    causes: ['The server crashed or a proxy dropped the request.'],
  },
  'net::ERR_EMPTY_RESPONSE': {
    meaning: 'The server closed the connection without answering: not a CORS problem.',
    causes: ['The server crashed while handling the request.'],
  },
  'net::ERR_TIMED_OUT': {
    meaning: 'The server did not answer in time: not a CORS problem.',
    causes: ['The server is overloaded or unreachable.'],
  },
  'net::ERR_TOO_MANY_REDIRECTS': {
    meaning: 'More than 20 redirects: a redirect loop.',
    causes: ['Two rules redirect to each other (http↔https, trailing slash).'],
  },
  'net::ERR_UNSAFE_REDIRECT': {
    meaning: 'A redirect pointed to a non-http(s) URL.',
    causes: ['The Location header uses a custom scheme.'],
  },
  'net::ERR_CERT_AUTHORITY_INVALID': {
    meaning: 'The TLS certificate is not trusted: not a CORS problem.',
    causes: ['A self-signed development certificate the browser does not trust yet.'],
  },
};

/** An honest account of a failure that no CORS rule explains. */
export function explainUnexplained(
  error: string,
  context: { responseSeen: boolean; preflightMissing: boolean },
): UnexplainedFailure {
  // Own keys only: an error string such as `toString` must not find Object's members.
  const known = Object.hasOwn(KNOWN, error) ? KNOWN[error] : undefined;
  if (known) return { error, meaning: known.meaning, likelyCauses: known.causes };
  if (isCorsFailureError(error)) {
    const causes: string[] = [];
    if (context.preflightMissing) {
      causes.push(
        'The preflight was not visible to the extension (it was made before recording started, or by another profile).',
      );
    }
    if (!context.responseSeen) {
      causes.push(
        'The response headers were not visible, so the CORS check could not be replayed.',
      );
    }
    causes.push(
      'Local Network Access: a public page calling a private or loopback address without permission.',
      'Another extension rewrote the request or response headers.',
      'A Cross-Origin-Resource-Policy or Content-Security-Policy decision reported as a generic failure.',
    );
    return {
      error,
      meaning:
        'The browser failed the request, but the headers the extension saw pass every CORS check.',
      likelyCauses: causes,
    };
  }
  return {
    error,
    meaning: 'The browser reported a network error that is not a CORS failure.',
    likelyCauses: ['Look the error up in the Network panel; the server may never have answered.'],
  };
}
