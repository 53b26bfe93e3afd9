import type { VerdictStatus } from './types';

// A record, so that a status added to the type and forgotten here fails to compile.
const STATUS_SET: Record<VerdictStatus, true> = {
  allowed: true,
  blocked: true,
  failed: true,
  'not-applicable': true,
  unexplained: true,
  pending: true,
};

/** Every status a verdict can have (the fuzzers check each verdict against it). */
export const VERDICT_STATUSES = Object.keys(STATUS_SET) as readonly VerdictStatus[];
