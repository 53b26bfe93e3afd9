/**
 * The engine checks its own fix: the exchange is judged again with the fix applied to the
 * responses it names (fix-apply.ts), as the browser would meet them once the server follows
 * it. A fix that does not make the engine allow the exchange is a bug, and the card says
 * "with these headers this request passes" only when this check passed.
 */
import { applyResponseChanges, type ResponseChange } from './fix-apply';
import { judge } from './judge';
import type { ExchangeObservation, FixCheck, Verdict } from './types';

/** The exchange re-judged with `changes`, the page's mode and credentials as first judged. */
export function judgeWithChanges(
  obs: ExchangeObservation,
  verdict: Verdict,
  changes: readonly ResponseChange[],
  outcome: ExchangeObservation['outcome'] = { kind: 'completed' },
): Verdict {
  const changed = applyResponseChanges(obs, changes, verdict.requestOrigin);
  return judge({
    ...changed,
    // A request the browser never sent (it stopped at the failure) meets the server as it
    // is: a response without CORS headers, unless a change says what it sends.
    ...(changed.response ? {} : { response: { status: 200, headers: [] } }),
    // The fix changes the server, not the page: the page still asks as it asked. Pinned,
    // because the first judgement may have inferred them from the very failure now gone.
    mode: verdict.mode.value,
    credentials: verdict.credentials.value === 'include' ? 'include' : 'omit',
    // By default judged as if the browser let it through: `allowed` then means the replay
    // agrees; judged as failed, the verdict names what would still block it.
    outcome,
  });
}

/** Whether a re-judged exchange passes: allowed, and the replay finds nothing to block. */
export function passesAsIs(verdict: Verdict): boolean {
  return (
    verdict.status === 'allowed' &&
    !verdict.warnings.some(
      (w) => w.id === 'engine-disagrees-with-browser' || w.id === 'blocked-if-credentials',
    )
  );
}

export function fixCheck(obs: ExchangeObservation, verdict: Verdict): FixCheck {
  const failure = verdict.failure;
  if (!failure) {
    if (verdict.status === 'failed') {
      return {
        passes: false,
        skipped: 'not-a-cors-failure',
        explanation: 'Not a CORS failure: no Access-Control header fixes it; follow the steps.',
      };
    }
    return verdict.status === 'unexplained'
      ? {
          passes: false,
          skipped: 'not-a-cors-failure',
          explanation: 'No CORS rule explains this failure, so no response header fixes it.',
        }
      : { passes: false, skipped: 'no-failure', explanation: 'Nothing to fix.' };
  }
  if (!failure.fix.byHeaders) {
    return {
      passes: false,
      skipped: 'not-a-header-fix',
      explanation: 'No response header fixes this: follow the steps.',
    };
  }
  const fixed = judgeWithChanges(obs, verdict, failure.fix.responses);
  if (passesAsIs(fixed)) {
    return {
      passes: true,
      verdict: fixed,
      explanation:
        'With these headers this request passes: the engine re-judged it with the fix applied.',
    };
  }
  const blocked = judgeWithChanges(obs, verdict, failure.fix.responses, {
    kind: 'failed',
    error: 'net::ERR_FAILED',
  });
  const still = blocked.failure?.corsError ?? blocked.status;
  return {
    passes: false,
    verdict: fixed,
    explanation: `The engine re-judged this request with the fix applied and it still fails (${still}): the fix is incomplete. Please report it.`,
  };
}
