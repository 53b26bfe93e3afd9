/** CORS Lens engine: a pure re-implementation of the Fetch standard's CORS rules as Chromium and Firefox apply them. */
export { judge } from './judge';
export { fixCheck, judgeWithChanges, passesAsIs } from './fix-check';
export { applyResponseChanges, type ResponseChange } from './fix-apply';
export { CORS_ERRORS, CORS_ERROR_NAMES } from './catalogue';
export {
  cacheEntryFromPreflight,
  lookupPreflightCache,
  parseMaxAge,
  MAX_AGE_CAP_SECONDS,
} from './preflight-cache';
export {
  corsUnsafeHeaders,
  judgeRequestHeader,
  isSafelistedMethod,
  accessControlRequestHeaders,
} from './safelist';
export { requestedHeaderNames, requestedMethod } from './preflight-reasons';
export { serverSnippets, snippetInputFor } from './snippets';
export type * from './types';
