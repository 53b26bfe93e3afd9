/** Go net/http with github.com/rs/cors. */
import { goString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const goSlice = (items: readonly string[]) => `[]string{${items.map(goString).join(', ')}}`;

export function goRsCorsSnippet(input: SnippetInput): ServerSnippet {
  const methods = allowedMethods(input);
  const expose = exposedHeaders(input);
  const fields: Array<readonly [string, string, string?]> = [
    ['AllowedOrigins', goSlice([input.origin])],
    ...(methods.length > 0 ? [['AllowedMethods', goSlice(methods)] as const] : []),
    ...(input.requestHeaders.length > 0
      ? [['AllowedHeaders', goSlice(input.requestHeaders)] as const]
      : []),
    ...(expose.length > 0 ? [['ExposedHeaders', goSlice(expose)] as const] : []),
    ...(input.credentials ? [['AllowCredentials', 'true'] as const] : []),
    ...(needsPreflight(input) ? [['MaxAge', String(input.maxAgeSeconds)] as const] : []),
    ['Debug', 'true', ' // logs why it leaves out the headers; turn off in production'],
  ];
  // gofmt aligns the values of consecutive key: value lines.
  const width = Math.max(...fields.map(([key]) => key.length)) + 1;
  return withNotes(
    {
      id: 'go-rs-cors',
      name: 'Go (rs/cors)',
      language: 'go',
      code: code(
        'import "github.com/rs/cors"',
        '',
        nullOriginWarning(input, '//'),
        'c := cors.New(cors.Options{',
        ...fields.map(([key, value, note = '']) => `\t${`${key}:`.padEnd(width)} ${value},${note}`),
        '})',
        '// Wrap the outermost handler, around auth and recovery middleware.',
        'handler := c.Handler(mux)',
      ),
      pitfall:
        'Every header the page sends must be listed in AllowedHeaders (matched case-insensitively); otherwise rs/cors answers the preflight without any CORS headers and says nothing about it unless Debug is on.',
    },
    input,
    {
      errorStatus:
        'rs/cors sets the headers before calling your handler, so its errors keep them; a recovery or proxy layer outside c.Handler does not.',
      preflightStatus:
        'c.Handler must wrap the auth middleware, not the reverse: rs/cors answers the preflight itself and stops the chain.',
    },
  );
}
