import type { ServerSnippet, SnippetId } from '../../../src/cors/snippets';
import type { AppProgram } from '../run-app';

/** One minimal app built around one snippet: what it must do besides the snippet. */
export interface AppSpec {
  /** Unique among a stack's apps, safe as a file name (the case id, plus a variant). */
  readonly name: string;
  readonly snippet: ServerSnippet;
  /** The case's path, /s/<id>: the route answers 200 JSON there, for every method. */
  readonly path: string;
  readonly port: number;
  /** A second free port, for the app behind a web server (nginx, Apache) or its like. */
  readonly backendPort: number;
  /** An auth check answers 401 to any request without Authorization. */
  readonly auth: boolean;
  /** The pitfall: the auth check is registered before the snippet instead of after it. */
  readonly authFirst: boolean;
  /** Response headers the route sends (the ones a page may read). */
  readonly responseHeaders: ReadonlyArray<readonly [string, string]>;
}

/** A runtime (or module) the stack needs, and the Debian packages that provide it. */
export interface Requirement {
  readonly what: string;
  readonly present: () => boolean;
  readonly apt: readonly string[];
}

export interface Stack {
  readonly id: SnippetId;
  readonly requires: readonly Requirement[];
  /** Whether an auth-before-CORS app can be built, to show the pitfall. */
  readonly showsAuthPitfall: boolean;
  /**
   * The processes that run the apps, each app on its own port. One process may host every
   * app (one runtime start for the whole stack) as long as each app stays the minimal
   * program it would be alone; a stack with process-wide configuration (Django's settings)
   * needs one process per app. `dir` is the stack's own empty folder (absolute).
   */
  programs(apps: readonly AppSpec[], dir: string): AppProgram[];
}
