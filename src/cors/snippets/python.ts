/** Python stacks: Flask (Flask-CORS) and Django (django-cors-headers). */
import { escapeRegex, pyRegex, pyString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const pyList = (items: readonly string[]) => `[${items.map(pyString).join(', ')}]`;

export function flaskSnippet(input: SnippetInput): ServerSnippet {
  const methods = allowedMethods(input);
  const expose = exposedHeaders(input);
  // Flask-CORS reads resource keys as regular expressions matched from the start of the path.
  const resource = pyRegex(`^${escapeRegex(input.path)}$`);
  return withNotes(
    {
      id: 'flask',
      name: 'Flask (Flask-CORS)',
      language: 'python',
      code: code(
        'from flask_cors import CORS',
        '',
        nullOriginWarning(input, '#'),
        'CORS(',
        '    app,',
        `    resources={${resource}: {"origins": ${pyList([input.origin])}}},`,
        input.credentials && '    supports_credentials=True,',
        methods.length > 0 && `    methods=${pyList(methods)},`,
        input.requestHeaders.length > 0 && `    allow_headers=${pyList(input.requestHeaders)},`,
        expose.length > 0 && `    expose_headers=${pyList(expose)},`,
        needsPreflight(input) && `    max_age=${input.maxAgeSeconds},`,
        ')',
      ),
      pitfall:
        'Cookies need supports_credentials=True: it is off by default, and then Access-Control-Allow-Credentials is never sent. List the origins explicitly: the default origins="*" echoes back any Origin, which with credentials lets every site act as the user.',
    },
    input,
    {
      errorStatus:
        'Flask-CORS also decorates the error responses Flask builds (intercept_exceptions is on by default); error pages from the WSGI server or a proxy in front do not get the headers.',
      preflightStatus:
        "A @app.before_request login check runs before Flask-CORS can answer OPTIONS: return early when request.method == 'OPTIONS'.",
      methodCase:
        'Flask-CORS upper-cases the methods it allows, so it cannot allow a lower-case method: change the page.',
    },
  );
}

/** django-cors-headers' own defaults (corsheaders.defaults), extended rather than replaced. */
const DJANGO_DEFAULT_METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const DJANGO_DEFAULT_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'user-agent',
  'x-csrftoken',
  'x-requested-with',
];

/** `NAME = (*default_x, "extra")`, or a comment when the defaults already cover the names. */
function extendDefaults(
  setting: string,
  defaults: string,
  needed: readonly string[],
  covered: readonly string[],
): string[] {
  if (needed.length === 0) return [];
  const extra = needed.filter((n) => !covered.includes(n));
  if (extra.length === 0) {
    return [`# ${needed.join(', ')}: already in the default ${setting}`];
  }
  return [`${setting} = (*${defaults}, ${extra.map(pyString).join(', ')})`];
}

export function djangoSnippet(input: SnippetInput): ServerSnippet {
  const expose = exposedHeaders(input);
  // ACAM is sent as configured and compared case-sensitively by the browser: keep the case.
  const methodLines = extendDefaults(
    'CORS_ALLOW_METHODS',
    'default_methods',
    input.methods,
    DJANGO_DEFAULT_METHODS,
  );
  const headerLines = extendDefaults(
    'CORS_ALLOW_HEADERS',
    'default_headers',
    input.requestHeaders,
    DJANGO_DEFAULT_HEADERS,
  );
  const imports = [
    methodLines.some((l) => l.includes('default_methods')) && 'default_methods',
    headerLines.some((l) => l.includes('default_headers')) && 'default_headers',
  ].filter((i): i is string => typeof i === 'string');
  return withNotes(
    {
      id: 'django',
      name: 'Django (django-cors-headers)',
      language: 'python',
      code: code(
        '# settings.py',
        imports.length > 0 && `from corsheaders.defaults import ${imports.join(', ')}`,
        imports.length > 0 && '',
        'INSTALLED_APPS = [..., "corsheaders"]',
        'MIDDLEWARE = [',
        '    "corsheaders.middleware.CorsMiddleware",  # above CommonMiddleware and auth',
        '    "django.middleware.common.CommonMiddleware",',
        '    ...,',
        ']',
        nullOriginWarning(input, '#'),
        `CORS_ALLOWED_ORIGINS = ${pyList([input.origin])}` +
          (input.origin === 'null' ? '' : '  # scheme://host:port, no trailing slash'),
        input.credentials && 'CORS_ALLOW_CREDENTIALS = True',
        ...methodLines,
        ...headerLines,
        expose.length > 0 && `CORS_EXPOSE_HEADERS = ${pyList(expose)}`,
        needsPreflight(input) && `CORS_PREFLIGHT_MAX_AGE = ${input.maxAgeSeconds}`,
      ),
      pitfall:
        'CorsMiddleware must sit above CommonMiddleware and anything else that can answer early (auth, APPEND_SLASH redirects), or those responses leave without CORS headers. CORS_ALLOWED_ORIGINS entries are scheme://host[:port] with no trailing slash: a path fails the system check.',
    },
    input,
    {
      errorStatus:
        "With CorsMiddleware first, Django's own error responses get the headers; errors from the WSGI server or a proxy in front do not.",
      preflightStatus:
        'Listed first, CorsMiddleware answers the preflight itself, before authentication runs.',
      preflightRedirect:
        'APPEND_SLASH is the usual cause: call the URL with its trailing slash. CorsMiddleware above CommonMiddleware also answers the preflight before any redirect.',
    },
  );
}
