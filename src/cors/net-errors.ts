import type { UnexplainedFailure } from './types';

/** Errors with which both browsers report a CORS failure (docs/cors-reference.md §6.3, §7). */
export function isCorsFailureError(error: string): boolean {
  return error === 'net::ERR_FAILED' || error === 'NS_ERROR_DOM_BAD_URI';
}

/** An honest account of a failure that nothing names (failure-causes.ts names the rest). */
export function explainUnexplained(
  error: string,
  context: { responseSeen: boolean; preflightMissing: boolean },
): UnexplainedFailure {
  if (isCorsFailureError(error)) {
    const causes: string[] = [];
    if (context.preflightMissing) {
      causes.push(
        'The preflight was not visible to the extension (it was made before recording started, or by another profile).',
      );
    }
    if (!context.responseSeen) {
      causes.push(
        'The response headers were not visible, so the CORS check could not be replayed.',
      );
    }
    causes.push(
      'Local Network Access: a public page calling a private or loopback address without permission.',
      'Another extension rewrote the request or response headers.',
      'A Cross-Origin-Resource-Policy or Content-Security-Policy decision reported as a generic failure.',
    );
    return {
      error,
      meaning:
        'The browser failed the request, but the headers the extension saw pass every CORS check.',
      likelyCauses: causes,
    };
  }
  return {
    error,
    meaning: 'The browser reported a network error that is not a CORS failure.',
    likelyCauses: ['Look the error up in the Network panel; the server may never have answered.'],
  };
}
