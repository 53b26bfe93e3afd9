/** Web servers in front of the app: nginx and Apache httpd. */
import { apacheHeaderValue, apacheString, escapeRegex, nginxString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { HeaderLine } from '../types';
import type { ServerSnippet, SnippetInput } from './types';

/** The headers the actual response needs. */
function actualHeaders(input: SnippetInput): HeaderLine[] {
  const expose = exposedHeaders(input);
  return [
    { name: 'Access-Control-Allow-Origin', value: input.origin },
    ...(input.credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
    ...(expose.length > 0
      ? [{ name: 'Access-Control-Expose-Headers', value: expose.join(', ') }]
      : []),
  ];
}

/** The headers the preflight response needs. */
function preflightHeaders(input: SnippetInput): HeaderLine[] {
  const methods = allowedMethods(input);
  return [
    { name: 'Access-Control-Allow-Origin', value: input.origin },
    ...(input.credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
    ...(methods.length > 0
      ? [{ name: 'Access-Control-Allow-Methods', value: methods.join(', ') }]
      : []),
    ...(input.requestHeaders.length > 0
      ? [{ name: 'Access-Control-Allow-Headers', value: input.requestHeaders.join(', ') }]
      : []),
    { name: 'Access-Control-Max-Age', value: String(input.maxAgeSeconds) },
  ];
}

/** nginx matches locations against the decoded path; quoted only when the path needs it. */
function nginxLocation(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: nginx would not decode it either.
  }
  return /^[\w./~-]+$/.test(decoded) ? decoded : nginxString(decoded);
}

export function nginxSnippet(input: SnippetInput): ServerSnippet {
  const addHeader = (indent: string) => (h: HeaderLine) =>
    `${indent}add_header ${h.name} ${nginxString(h.value)} always;`;
  return withNotes(
    {
      id: 'nginx',
      name: 'nginx',
      language: 'nginx',
      code: code(
        nullOriginWarning(input, '#'),
        `location = ${nginxLocation(input.path)} {`,
        ...(needsPreflight(input)
          ? [
              '    # Answer the preflight here: before auth and before the app.',
              '    if ($request_method = OPTIONS) {',
              ...preflightHeaders(input).map(addHeader('        ')),
              '        add_header Vary Origin always;',
              '        return 204;',
              '    }',
            ]
          : []),
        ...actualHeaders(input).map(addHeader('    ')),
        '    add_header Vary Origin always;',
        '    proxy_pass http://backend;  # your upstream',
        '}',
      ),
      pitfall:
        'Without `always`, add_header is skipped on 4xx/5xx responses, exactly the ones that then show up as CORS errors. A location (or if block) with any add_header of its own drops every add_header inherited from the server or http level.',
    },
    input,
    {
      errorStatus: 'Keep `always` on every add_header so error responses carry them.',
      preflightStatus:
        'The `if … return 204` answers OPTIONS before auth_basic/auth_request run and before the request reaches the app.',
      preflightRedirect:
        'A `return 301 https://…` or a trailing-slash redirect in this server block also catches OPTIONS.',
      duplicateAcao:
        'If the app already sends the header, drop these add_header lines, or hide its copy with `proxy_hide_header Access-Control-Allow-Origin;`.',
    },
  );
}

export function apacheSnippet(input: SnippetInput): ServerSnippet {
  const set = (h: HeaderLine) => `    Header always set ${h.name} ${apacheHeaderValue(h.value)}`;
  // The preflight-only headers are harmless on other responses: browsers read them only
  // from a preflight, so one Location block serves both.
  const headers = needsPreflight(input)
    ? preflightHeaders(input).concat(
        actualHeaders(input).filter((h) => h.name === 'Access-Control-Expose-Headers'),
      )
    : actualHeaders(input);
  return withNotes(
    {
      id: 'apache',
      name: 'Apache httpd (mod_headers)',
      language: 'apache',
      code: code(
        '# Needs mod_headers (a2enmod headers), and mod_rewrite for the preflight rule.',
        nullOriginWarning(input, '#'),
        `<Location ${apacheString(input.path)}>`,
        ...headers.map(set),
        '    Header always merge Vary "Origin"',
        '</Location>',
        ...(needsPreflight(input)
          ? [
              '# In the <VirtualHost>: answer the preflight with 204 before auth and the app.',
              'RewriteEngine On',
              'RewriteCond %{REQUEST_METHOD} =OPTIONS',
              `RewriteRule ^${escapeRegex(input.path)}$ - [R=204,L]`,
            ]
          : []),
      ),
      pitfall:
        'Use `Header always set`: plain `Header set` only touches successful responses, so errors go out without CORS headers. mod_headers must be enabled (a2enmod headers), otherwise Apache refuses the Header lines.',
    },
    input,
    {
      errorStatus: 'Keep `always` on every Header line so error responses carry them.',
      preflightStatus:
        'The RewriteRule answers OPTIONS with 204 before authentication and before the request reaches the app.',
      duplicateAcao:
        'If the app behind Apache also sets it, remove it there, or add `Header unset Access-Control-Allow-Origin` so only the `always` copy is sent.',
    },
  );
}
