/**
 * Server configuration snippets for the exchange card's fix (design.md §1). The input is
 * what every snippet needs to know about one failed exchange; each snippet turns it into
 * the configuration of one server stack, with that stack's usual mistake.
 */

/** Why the preflight itself went wrong, when it did: answered with an error, or redirected. */
export type PreflightProblem = 'status' | 'redirect';

export interface SnippetInput {
  /** The request origin exactly as the server must echo it (may be `null`). */
  readonly origin: string;
  /** True only when the request carried credentials: then `*` is never an option. */
  readonly credentials: boolean;
  /** Non-safelisted methods the page uses, exact case (methods are case-sensitive). */
  readonly methods: readonly string[];
  /** Lowercased CORS-unsafe request headers that Access-Control-Allow-Headers must list. */
  readonly requestHeaders: readonly string[];
  /** Response headers the page reads that Access-Control-Expose-Headers must list. */
  readonly exposeHeaders?: readonly string[];
  /** Suggested Access-Control-Max-Age. */
  readonly maxAgeSeconds: number;
  readonly preflightProblem: PreflightProblem | null;
  /** The status of an error response that went out without CORS headers (e.g. 500). */
  readonly errorStatus: number | null;
  /** Access-Control-Allow-Origin was sent twice: two layers (proxy and app) both add it. */
  readonly duplicateAcao: boolean;
  /** URL path of the endpoint, for stacks whose configuration is per path. */
  readonly path: string;
}

export type SnippetId =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'flask'
  | 'django'
  | 'spring'
  | 'aspnet'
  | 'go-rs-cors'
  | 'rails'
  | 'nginx'
  | 'apache';

export type SnippetLanguage =
  'js' | 'python' | 'java' | 'csharp' | 'go' | 'ruby' | 'nginx' | 'apache';

export interface ServerSnippet {
  readonly id: SnippetId;
  /** Display name, e.g. "Express (cors package)". */
  readonly name: string;
  readonly language: SnippetLanguage;
  readonly code: string;
  /** The usual mistake with this stack, in plain words. */
  readonly pitfall: string;
  /** Advice tied to this exchange (error status, duplicate header, preflight problem). */
  readonly notes?: readonly string[];
}
