/**
 * Origins of URLs, for deciding which requests are cross-origin: the engine's own
 * definitions, so capture and engine can never disagree on what is same-origin.
 */
export { isHttpScheme as isHttpUrl, isSameOrigin } from '../cors/url';
