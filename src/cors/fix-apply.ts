/**
 * An exchange as it would have gone with some of its responses changed: the fix of a
 * failure (fix-plan.ts), or what a developer types into the card's what-if editor. Each
 * change is applied the way a server following it would: drop each `remove` line, send the
 * `set` lines in place of every line of their names, answer with `answerStatus` if given.
 * A response the browser never got to (after the failure) is made from the change alone.
 */
import { isAsciiNameMatch, trimOws } from './headers';
import type {
  ExchangeObservation,
  HeaderLine,
  HeaderList,
  ObservedPreflight,
  ObservedRedirect,
  ObservedResponse,
  ResponseFix,
} from './types';

/** A change to one response: the part of a ResponseFix that says what to send. */
export type ResponseChange = Pick<
  ResponseFix,
  'stage' | 'hop' | 'url' | 'set' | 'remove' | 'answerStatus' | 'preflightFor'
>;

/** The status a response the browser never got to is assumed to have. */
const UNSEEN_STATUS = { preflight: 204, actual: 200 } as const;

function sameLine(a: HeaderLine, b: HeaderLine): boolean {
  return isAsciiNameMatch(a.name, b.name.toLowerCase()) && trimOws(a.value) === trimOws(b.value);
}

export function changedHeaders(headers: HeaderList, change: ResponseChange): HeaderList {
  const replaced = change.set.map((l) => l.name.toLowerCase());
  // Each `remove` line drops one line: of two identical ACAO lines, one is removed, one kept.
  const toRemove = [...change.remove];
  const kept = headers.filter((h) => {
    const at = toRemove.findIndex((r) => sameLine(h, r));
    if (at >= 0) {
      toRemove.splice(at, 1);
      return false;
    }
    return !replaced.some((name) => isAsciiNameMatch(h.name, name));
  });
  return [...kept, ...change.set.map((l) => ({ name: l.name, value: l.value }))];
}

function changedResponse(
  response: ObservedResponse | undefined,
  change: ResponseChange,
  unseenStatus: number,
): ObservedResponse {
  return {
    status: change.answerStatus ?? response?.status ?? unseenStatus,
    headers: changedHeaders(response?.headers ?? [], change),
  };
}

function changedPreflight(
  preflight: ObservedPreflight | undefined,
  change: ResponseChange,
  origin: string,
): ObservedPreflight {
  if (preflight) {
    return {
      url: preflight.url,
      requestHeaders: preflight.requestHeaders,
      response: changedResponse(preflight.response, change, UNSEEN_STATUS.preflight),
    };
  }
  // The preflight the browser would send once the response before it passes.
  const asks = change.preflightFor;
  const requestHeaders = [
    { name: 'Origin', value: origin },
    { name: 'Access-Control-Request-Method', value: asks?.method ?? 'GET' },
    ...(asks && asks.headers.length > 0
      ? [{ name: 'Access-Control-Request-Headers', value: asks.headers.join(',') }]
      : []),
  ];
  return {
    url: change.url,
    requestHeaders,
    response: changedResponse(undefined, change, UNSEEN_STATUS.preflight),
  };
}

/** The observation with each change applied to the response it names. */
export function applyResponseChanges(
  obs: ExchangeObservation,
  changes: readonly ResponseChange[],
  origin: string,
): ExchangeObservation {
  let preflight = obs.preflight;
  let response = obs.response;
  const redirects: ObservedRedirect[] = [...(obs.redirects ?? [])];
  for (const change of changes) {
    if (change.stage === 'preflight') {
      if (change.hop === 0) {
        preflight = changedPreflight(preflight, change, origin);
      } else {
        const redirect = redirects[change.hop - 1];
        if (redirect) {
          redirects[change.hop - 1] = {
            ...redirect,
            preflight: changedPreflight(redirect.preflight, change, origin),
          };
        }
      }
    } else if (change.stage === 'redirect') {
      const redirect = redirects[change.hop];
      if (redirect) {
        const changed = changedResponse(redirect, change, redirect.status);
        redirects[change.hop] = { ...redirect, status: changed.status, headers: changed.headers };
      }
    } else {
      response = changedResponse(response, change, UNSEEN_STATUS.actual);
    }
  }
  const { preflight: _p, response: _r, redirects: _d, ...rest } = obs;
  return {
    ...rest,
    ...(preflight ? { preflight } : {}),
    ...(response ? { response } : {}),
    ...(redirects.length > 0 ? { redirects } : {}),
  };
}
