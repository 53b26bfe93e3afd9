/**
 * The Content-Security-Policy a page must send so that a call its policy refused goes
 * through: the refused origin added to the directive that decided
 * (https://www.w3.org/TR/CSP3/#directive-fallback-list). When the policy has no such
 * directive, `default-src` decided: a new directive with default-src's sources and the
 * origin, so nothing the page could already reach is lost.
 */

interface Directive {
  readonly name: string;
  readonly sources: readonly string[];
}

function parse(policy: string): Directive[] {
  return policy
    .split(';')
    .map((part) => part.trim().split(/[\t\n\f\r ]+/))
    .filter((tokens) => tokens[0] !== undefined && tokens[0] !== '')
    .map(([name = '', ...sources]) => ({ name: name.toLowerCase(), sources }));
}

function withSource(sources: readonly string[], source: string): string[] {
  // 'none' must stand alone: with a source beside it, the directive would be malformed.
  const kept = sources.filter((s) => s.toLowerCase() !== "'none'");
  return kept.some((s) => s.toLowerCase() === source.toLowerCase()) ? kept : [...kept, source];
}

/** `policy` with `source` allowed for `directive` (e.g. connect-src), as one header value. */
export function policyAllowing(policy: string, directive: string, source: string): string {
  const wanted = directive.toLowerCase();
  const directives = parse(policy);
  const own = directives.find((d) => d.name === wanted);
  const fallback = directives.find((d) => d.name === 'default-src');
  const changed = own
    ? directives.map((d) =>
        d === own ? { name: d.name, sources: withSource(d.sources, source) } : d,
      )
    : [...directives, { name: wanted, sources: withSource(fallback?.sources ?? [], source) }];
  return changed.map((d) => [d.name, ...d.sources].join(' ')).join('; ');
}
