/**
 * The `_cors` field of an actual request's entry (design.md §4): the verdict, with every
 * text that may quote a request value scrubbed of secrets, and the part of the observation
 * the standard HAR fields cannot hold, so that importing the file judges it again exactly.
 */
import type { Fix, HeaderLine, PageCallFacts, PreflightReason, ResponseFix } from '../cors';
import type { Exchange } from '../capture/exchange';
import type { HarCorsObservation, HarCorsRequest } from './har-types';
import type { Redactor } from './redactor';

function scrubLines(lines: readonly HeaderLine[], redactor: Redactor): HeaderLine[] {
  return lines.map((h) => ({ name: h.name, value: redactor.header(h.name, h.value) }));
}

/** The fix, each response named by its URL (scrubbed like every URL in the file). */
function scrubFix(fix: Fix, redactor: Redactor): Fix {
  return {
    byHeaders: fix.byHeaders,
    responses: fix.responses.map((r): ResponseFix => ({
      ...r,
      url: redactor.url(r.url),
      set: scrubLines(r.set, redactor),
      keep: scrubLines(r.keep, redactor),
      remove: scrubLines(r.remove, redactor),
    })),
    steps: fix.steps.map((s) => redactor.text(s)),
    ...(fix.call ? { call: fix.call } : {}),
  };
}

function scrubReason(reason: PreflightReason, redactor: Redactor): PreflightReason {
  switch (reason.kind) {
    case 'header':
      return {
        ...reason,
        ...(reason.value !== undefined
          ? { value: redactor.header(reason.name, reason.value) }
          : {}),
        text: redactor.text(reason.text),
      };
    case 'method':
      return { ...reason, text: redactor.text(reason.text) };
    case 'forced':
      return { ...reason, text: redactor.text(reason.text) };
  }
}

/** The page's side of the call: its error text, its policy and its script's URL may quote secrets. */
function scrubPage(page: PageCallFacts, redactor: Redactor): PageCallFacts {
  const { error, csp, callSite } = page;
  return {
    ...page,
    ...(error ? { error: { name: error.name, message: redactor.text(error.message) } } : {}),
    ...(csp
      ? {
          csp: {
            directive: csp.directive,
            policy: redactor.text(csp.policy),
            ...(csp.document !== undefined ? { document: redactor.url(csp.document) } : {}),
          },
        }
      : {}),
    ...(callSite ? { callSite: { ...callSite, url: redactor.url(callSite.url) } } : {}),
  };
}

function observationFields(exchange: Exchange, redactor: Redactor): HarCorsObservation {
  const obs = exchange.observation;
  const cached = obs.cachedPreflight;
  return {
    requestHeaders: obs.request.headers ? 'recorded' : 'not-recorded',
    outcome:
      obs.outcome.kind === 'failed'
        ? { kind: 'failed', error: redactor.text(obs.outcome.error) }
        : obs.outcome,
    ...(obs.resourceType !== undefined ? { resourceType: obs.resourceType } : {}),
    ...(obs.mode !== undefined ? { mode: obs.mode } : {}),
    ...(obs.credentials !== undefined ? { credentials: obs.credentials } : {}),
    ...(obs.browser !== undefined ? { browser: obs.browser } : {}),
    ...(obs.now !== undefined ? { now: obs.now } : {}),
    ...(obs.readResponseHeaders !== undefined
      ? { readResponseHeaders: obs.readResponseHeaders }
      : {}),
    ...(cached ? { cachedPreflight: { ...cached, url: redactor.url(cached.url) } } : {}),
    ...(obs.targetAddressSpace !== undefined ? { targetAddressSpace: obs.targetAddressSpace } : {}),
    ...(obs.page ? { page: scrubPage(obs.page, redactor) } : {}),
  };
}

export function corsFieldsOf(
  exchange: Exchange,
  redactor: Redactor,
  preflightEntryIndex: number | undefined,
): HarCorsRequest {
  const { verdict, observation } = exchange;
  const failure = verdict.failure;
  return {
    exchangeId: exchange.id,
    verdict: verdict.status,
    initiatorOrigin: observation.initiatorOrigin,
    preflight: {
      needed: verdict.preflight.needed,
      reasons: verdict.preflight.reasons.map((r) => scrubReason(r, redactor)),
      seen: verdict.preflight.seen,
      ...(preflightEntryIndex !== undefined ? { entryIndex: preflightEntryIndex } : {}),
    },
    ...(failure
      ? {
          failure: {
            corsError: failure.corsError,
            firefoxReason: failure.firefoxReason,
            stage: failure.stage,
            header: failure.header,
            failedParameter: redactor.text(failure.failedParameter),
            summary: redactor.text(failure.summary),
            fix: scrubFix(failure.fix, redactor),
          },
        }
      : {}),
    ...(verdict.cause
      ? {
          cause: {
            ...verdict.cause,
            error: redactor.text(verdict.cause.error),
            meaning: redactor.text(verdict.cause.meaning),
            steps: verdict.cause.steps.map((step) => redactor.text(step)),
            url: redactor.url(verdict.cause.url),
            ...(verdict.cause.header
              ? {
                  header: {
                    name: verdict.cause.header.name,
                    value:
                      verdict.cause.header.name === 'Location'
                        ? redactor.url(verdict.cause.header.value)
                        : redactor.text(verdict.cause.header.value),
                  },
                }
              : {}),
            ...(verdict.cause.send
              ? {
                  send: {
                    name: verdict.cause.send.name,
                    value: redactor.text(verdict.cause.send.value),
                  },
                }
              : {}),
          },
        }
      : {}),
    warnings: verdict.warnings.map((w) => ({ id: w.id, message: redactor.text(w.message) })),
    observation: observationFields(exchange, redactor),
  };
}
