/** Ruby on Rails with rack-cors. */
import { rubyString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const rubyArray = (items: readonly string[]) => `[${items.map(rubyString).join(', ')}]`;

/**
 * rack-cors compares methods lower-cased and allows only GET when `methods` is left out,
 * so the list is always written, as symbols when every name can be one.
 */
function rubyMethods(input: SnippetInput): string {
  const base = allowedMethods(input);
  const names = [...new Set([...(base.length > 0 ? base : ['GET', 'HEAD', 'POST']), 'OPTIONS'])];
  const lower = names.map((m) => m.toLowerCase());
  return lower.every((m) => /^[a-z_][a-z0-9_]*$/.test(m))
    ? `%i[${lower.join(' ')}]`
    : rubyArray(lower);
}

/**
 * rack-cors turns a plain origin string that is not http(s) into a pattern that expects a
 * scheme, so `null` and other odd origins are matched with a block instead.
 */
function originsLine(origin: string): string {
  return /^https?:\/\//.test(origin)
    ? `    origins ${rubyString(origin)}`
    : `    origins { |source, _env| source == ${rubyString(origin)} }`;
}

export function railsSnippet(input: SnippetInput): ServerSnippet {
  const expose = exposedHeaders(input);
  const options = [
    `methods: ${rubyMethods(input)}`,
    input.requestHeaders.length > 0 && `headers: ${rubyArray(input.requestHeaders)}`,
    expose.length > 0 && `expose: ${rubyArray(expose)}`,
    input.credentials && 'credentials: true',
    // rack-cors sends 7200 unless told otherwise.
    needsPreflight(input) && `max_age: ${input.maxAgeSeconds}`,
  ].filter((o): o is string => typeof o === 'string');
  return withNotes(
    {
      id: 'rails',
      name: 'Rails (rack-cors)',
      language: 'ruby',
      code: code(
        '# config/initializers/cors.rb',
        nullOriginWarning(input, '#'),
        'Rails.application.config.middleware.insert_before 0, Rack::Cors do',
        '  allow do',
        originsLine(input.origin),
        `    resource ${rubyString(input.path)},`,
        ...options.map((o, i) => `      ${o}${i === options.length - 1 ? '' : ','}`),
        '  end',
        'end',
      ),
      pitfall:
        'Use insert_before 0 so Rack::Cors runs before every other middleware (auth, Rack::Attack, redirects); inserted later, those answer the preflight without the headers. rack-cors raises on origins "*" with credentials: true, and allows only GET when methods is left out.',
    },
    input,
    {
      errorStatus:
        "At position 0 Rack::Cors wraps the whole app, so Rails' error responses get the headers; errors from the web server or a proxy in front do not.",
      preflightStatus:
        'At position 0 Rack::Cors answers the preflight itself, before Devise/Warden or any other authentication.',
      preflightRedirect:
        'config.force_ssl redirects plain-http requests, preflights included: have the page call the https URL.',
      methodCase:
        'rack-cors writes methods in upper case, so it cannot allow a lower-case method: change the page.',
    },
  );
}
