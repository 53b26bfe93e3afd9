/**
 * The stacks whose snippets the end-to-end suite proves (e2e/snippets.spec.ts): each snippet,
 * exactly as the card shows it, is pasted into a minimal app of that stack, and real
 * Chromium must then allow every blocked case of the suite. The card and the Markdown can
 * say so; a stack not listed here has snippets checked by unit tests only.
 *
 * The versions are the ones the suite runs (npm devDependencies; Debian 12 packages for
 * the others): where an option differs between versions, the snippet says which it is for.
 */
import type { SnippetId } from './types';

export interface VerifiedStack {
  readonly id: SnippetId;
  /** The framework or server and library versions the snippets were run on. */
  readonly versions: string;
}

/** In the card's order. Spring and ASP.NET Core are not verified: no JDK or .NET here yet. */
export const VERIFIED_STACKS: readonly VerifiedStack[] = [
  { id: 'express', versions: 'Express 5, cors 2.8' },
  { id: 'fastify', versions: 'Fastify 5, @fastify/cors 11' },
  { id: 'koa', versions: 'Koa 3, @koa/cors 5' },
  { id: 'flask', versions: 'Flask 2.2, Flask-CORS 3.0' },
  { id: 'django', versions: 'Django 3.2, django-cors-headers 3.14' },
  { id: 'go-rs-cors', versions: 'Go 1.19, rs/cors 1.7' },
  { id: 'rails', versions: 'Rails 6.1, rack-cors 1.1, Puma 5' },
  { id: 'nginx', versions: 'nginx 1.22' },
  { id: 'apache', versions: 'Apache httpd 2.4' },
];

const IDS = new Set(VERIFIED_STACKS.map((s) => s.id));

export function isVerifiedStack(id: SnippetId): boolean {
  return IDS.has(id);
}

/** One sentence for the card and the Markdown: whether this stack's snippet was proven, on what. */
export function verificationText(id: SnippetId): string {
  const stack = VERIFIED_STACKS.find((s) => s.id === id);
  return stack
    ? `Verified: pasted as is into a real server (${stack.versions}), it made Chromium allow every blocked case of CORS Lens's snippet suite.`
    : 'Not verified: CORS Lens cannot run this stack in its tests yet; check it on a staging server first.';
}
