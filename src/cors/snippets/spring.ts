/** Spring MVC (Spring Boot 3 / Spring Framework 6), with the Spring Security switch. */
import { javaString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const javaArgs = (items: readonly string[]) => items.map(javaString).join(', ');

export function springSnippet(input: SnippetInput): ServerSnippet {
  const methods = allowedMethods(input);
  const expose = exposedHeaders(input);
  const chain = '                ';
  const calls = [
    `.allowedOrigins(${javaString(input.origin)})`,
    methods.length > 0 && `.allowedMethods(${javaArgs(methods)})`,
    input.requestHeaders.length > 0 && `.allowedHeaders(${javaArgs(input.requestHeaders)})`,
    expose.length > 0 && `.exposedHeaders(${javaArgs(expose)})`,
    input.credentials && '.allowCredentials(true)',
    needsPreflight(input) && `.maxAge(${input.maxAgeSeconds})`,
  ].filter((c): c is string => typeof c === 'string');
  return withNotes(
    {
      id: 'spring',
      name: 'Spring Boot (WebMvcConfigurer)',
      language: 'java',
      code: code(
        '@Configuration',
        'public class CorsConfig implements WebMvcConfigurer {',
        '    @Override',
        '    public void addCorsMappings(CorsRegistry registry) {',
        nullOriginWarning(input, '//', '        '),
        `        registry.addMapping(${javaString(input.path)})`,
        ...calls.map((c, i) => `${chain}${c}${i === calls.length - 1 ? ';' : ''}`),
        '    }',
        '}',
        '// With Spring Security, also enable CORS in the filter chain so it answers the preflight:',
        '// http.cors(Customizer.withDefaults());',
      ),
      pitfall:
        'allowedOrigins("*") together with allowCredentials(true) throws at startup: list the origins, or use allowedOriginPatterns for wildcards. With Spring Security, CORS must also be enabled in the filter chain (http.cors(…)), or the preflight is rejected with 401/403 before this mapping is consulted.',
    },
    input,
    {
      preflightStatus:
        'Spring Security rejects the unauthenticated OPTIONS unless http.cors(…) is on: its CorsFilter then answers the preflight first.',
      errorStatus:
        'Errors Spring Boot renders through /error are outside this mapping: handle exceptions with @ExceptionHandler/@ControllerAdvice, and check the error response with the curl pair.',
    },
  );
}
