/** Node.js stacks: Express (cors), Fastify (@fastify/cors), Koa (@koa/cors). */
import { jsString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
  type Line,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const jsArray = (items: readonly string[]) => `[${items.map(jsString).join(', ')}]`;

/** Express's cors and @fastify/cors share option names. */
const EXPRESS_NAMES = { methods: 'methods', headers: 'allowedHeaders', expose: 'exposedHeaders' };

/** The option lines the three packages share, under each package's own option names. */
function optionLines(
  input: SnippetInput,
  names: { methods: string; headers: string; expose: string },
  indent: string,
): Line[] {
  const methods = allowedMethods(input);
  const expose = exposedHeaders(input);
  return [
    input.credentials && `${indent}credentials: true,`,
    methods.length > 0 && `${indent}${names.methods}: ${jsArray(methods)},`,
    input.requestHeaders.length > 0 &&
      `${indent}${names.headers}: ${jsArray(input.requestHeaders)},`,
    expose.length > 0 && `${indent}${names.expose}: ${jsArray(expose)},`,
    needsPreflight(input) && `${indent}maxAge: ${input.maxAgeSeconds},`,
  ];
}

export function expressSnippet(input: SnippetInput): ServerSnippet {
  return withNotes(
    {
      id: 'express',
      name: 'Express (cors package)',
      language: 'js',
      code: code(
        "import cors from 'cors';",
        '',
        nullOriginWarning(input, '//'),
        '// Before the routes, body parsers and auth: cors() then answers every preflight itself.',
        'app.use(',
        '  cors({',
        `    origin: ${jsString(input.origin)},`,
        ...optionLines(input, EXPRESS_NAMES, '    '),
        '  }),',
        ');',
      ),
      pitfall:
        "app.use(cors()) must come before the routes and before any auth middleware: registered later, the preflight meets a router that answers 404/405 or an auth check that answers 401, without CORS headers. In Express 5 `app.options('*', cors())` no longer parses; the global app.use(cors()) already covers OPTIONS.",
    },
    input,
    {
      errorStatus:
        'Headers set by cors() stay on responses from your error handlers; errors raised by middleware registered before cors() do not get them.',
      preflightStatus: 'Move app.use(cors(…)) above the auth middleware.',
    },
  );
}

export function fastifySnippet(input: SnippetInput): ServerSnippet {
  return withNotes(
    {
      id: 'fastify',
      name: 'Fastify (@fastify/cors)',
      language: 'js',
      code: code(
        "import cors from '@fastify/cors';",
        '',
        nullOriginWarning(input, '//'),
        '// Register before the routes and auth hooks: the preflight is answered in onRequest.',
        'await fastify.register(cors, {',
        `  origin: ${jsString(input.origin)},`,
        ...optionLines(input, EXPRESS_NAMES, '  '),
        '});',
      ),
      pitfall:
        'Register @fastify/cors (and await it) before the routes and before auth hooks: hooks run in registration order, so an earlier onRequest auth hook answers the preflight 401. With strictPreflight (on by default) an OPTIONS without Origin or Access-Control-Request-Method gets 400, so test the preflight with both headers, as the curl pair does.',
    },
    input,
    {
      preflightStatus: 'Register the plugin before any auth plugin or onRequest hook.',
    },
  );
}

export function koaSnippet(input: SnippetInput): ServerSnippet {
  return withNotes(
    {
      id: 'koa',
      name: 'Koa (@koa/cors)',
      language: 'js',
      code: code(
        "import cors from '@koa/cors';",
        '',
        nullOriginWarning(input, '//'),
        `const allowedOrigins = new Set([${jsString(input.origin)}]);`,
        '// First middleware, before auth and the router: it answers the preflight with 204.',
        'app.use(',
        '  cors({',
        "    // Echo the Origin only when it is allowed; '' sends no CORS headers.",
        "    origin: (ctx) => (allowedOrigins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),",
        ...optionLines(
          input,
          { methods: 'allowMethods', headers: 'allowHeaders', expose: 'exposeHeaders' },
          '    ',
        ),
        '  }),',
        ');',
      ),
      pitfall:
        '@koa/cors 5 defaults `origin` to `*`, and with credentials: true it then echoes whatever Origin arrives, so every site gets in: pass an origin function that checks an allowlist. Register it before the other middleware so their responses carry the headers.',
    },
    input,
    {
      errorStatus:
        'keepHeadersOnError (on by default) copies the headers onto thrown errors; errors thrown by middleware registered before cors() do not get them.',
      preflightStatus: 'Move app.use(cors(…)) above the auth middleware.',
    },
  );
}
