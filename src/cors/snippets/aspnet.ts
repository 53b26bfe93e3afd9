/** ASP.NET Core (minimal hosting, .NET 8+). */
import { csString } from './literals';
import {
  allowedMethods,
  code,
  exposedHeaders,
  needsPreflight,
  nullOriginWarning,
  withNotes,
} from './shared';
import type { ServerSnippet, SnippetInput } from './types';

const csArgs = (items: readonly string[]) => items.map(csString).join(', ');

export function aspnetSnippet(input: SnippetInput): ServerSnippet {
  const methods = allowedMethods(input);
  const expose = exposedHeaders(input);
  const chain = '        ';
  // The last builder call closes the policy lambda, the AddPolicy call and the AddCors call.
  const calls = [
    `.WithOrigins(${csString(input.origin)})`,
    methods.length > 0 && `.WithMethods(${csArgs(methods)})`,
    input.requestHeaders.length > 0 && `.WithHeaders(${csArgs(input.requestHeaders)})`,
    expose.length > 0 && `.WithExposedHeaders(${csArgs(expose)})`,
    input.credentials && '.AllowCredentials()',
    needsPreflight(input) && `.SetPreflightMaxAge(TimeSpan.FromSeconds(${input.maxAgeSeconds}))`,
  ].filter((c): c is string => typeof c === 'string');
  return withNotes(
    {
      id: 'aspnet',
      name: 'ASP.NET Core',
      language: 'csharp',
      code: code(
        nullOriginWarning(input, '//'),
        'builder.Services.AddCors(options =>',
        '    options.AddPolicy("Frontend", policy => policy',
        ...calls.map((c, i) => `${chain}${c}${i === calls.length - 1 ? '));' : ''}`),
        '',
        'var app = builder.Build();',
        'app.UseRouting();',
        'app.UseCors("Frontend"); // after UseRouting, before UseAuthentication/UseAuthorization',
        'app.UseAuthentication();',
        'app.UseAuthorization();',
      ),
      pitfall:
        'UseCors must come after UseRouting and before UseAuthentication/UseAuthorization; placed later, the auth middleware answers the preflight first. AllowAnyOrigin() with AllowCredentials() is rejected: list the origins with WithOrigins, without a trailing slash.',
    },
    input,
    {
      preflightStatus: 'Move app.UseCors(…) above app.UseAuthentication().',
    },
  );
}
