import { combinedHeader, headerValues } from './headers';
import { isSafelistedMethod, judgeRequestHeader, type UnsafeHeader } from './safelist';
import type { HeaderList, ObservedPreflight, PreflightReason, UnsafeHeaderWhy } from './types';

/** The names the browser put in Access-Control-Request-Headers: its own verdict on which headers are unsafe. */
export function requestedHeaderNames(preflight: ObservedPreflight): string[] {
  const value = combinedHeader(preflight.requestHeaders, 'Access-Control-Request-Headers');
  if (value === undefined) return [];
  return value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
}

export function requestedMethod(preflight: ObservedPreflight): string | undefined {
  return headerValues(preflight.requestHeaders, 'Access-Control-Request-Method')[0];
}

const WHY_TEXT: Record<UnsafeHeaderWhy, string> = {
  'name-not-safelisted': 'is not a CORS-safelisted header',
  'value-over-128-bytes': 'has a value longer than 128 bytes',
  'value-has-unsafe-byte': 'has a value with a character CORS treats as unsafe',
  'content-type-not-safelisted':
    'is not text/plain, multipart/form-data or application/x-www-form-urlencoded',
  'language-value-not-safelisted':
    'has a value with characters outside letters, digits, space and *,-.;=',
  'range-not-simple': 'is not a single `bytes=start-[end]` range',
  'client-hint-value-not-safelisted': 'has a value outside its safelisted form',
  'safelisted-total-over-1024-bytes':
    'counts because safelisted values add up to more than 1024 bytes',
  'listed-by-browser': 'was listed by the browser as not safelisted (its value was not visible)',
};

/**
 * Every reason the request needed a preflight: the method, and each unsafe header with
 * why it is unsafe. Names come from the browser's Access-Control-Request-Headers when a
 * preflight was seen; values, when the request headers were visible, say why.
 */
export function preflightReasons(args: {
  method: string;
  unsafeHeaderNames: readonly string[];
  observedUnsafe: readonly UnsafeHeader[];
  preflightSeen: boolean;
  requestHeaders: HeaderList | undefined;
}): PreflightReason[] {
  const reasons: PreflightReason[] = [];
  if (!isSafelistedMethod(args.method)) {
    reasons.push({
      kind: 'method',
      method: args.method,
      text: `The method ${args.method} is not GET, HEAD or POST.`,
    });
  }
  for (const name of args.unsafeHeaderNames) {
    const observed = args.observedUnsafe.find((h) => h.name === name);
    const value = observed?.value ?? headerValues(args.requestHeaders, name)[0];
    const judged = value === undefined ? undefined : judgeRequestHeader(name, value);
    const why: UnsafeHeaderWhy =
      observed?.why ??
      (judged && !judged.safelisted
        ? judged.why
        : judgeRequestHeader(name, '').safelisted ||
            ['content-type', 'range', 'accept', 'accept-language', 'content-language'].includes(
              name,
            )
          ? 'listed-by-browser'
          : 'name-not-safelisted');
    const detail =
      value !== undefined
        ? ` (\`${name}: ${value.length > 80 ? `${value.slice(0, 80)}…` : value}\`)`
        : '';
    reasons.push({
      kind: 'header',
      name,
      why,
      ...(value !== undefined ? { value } : {}),
      text: `The header \`${name}\` ${WHY_TEXT[why]}${detail}.`,
    });
  }
  if (reasons.length === 0 && args.preflightSeen) {
    reasons.push({
      kind: 'forced',
      text: 'The browser sent a preflight although nothing in the request needs one (an XMLHttpRequest with upload listeners forces one).',
    });
  }
  return reasons;
}
