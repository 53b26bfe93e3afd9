/**
 * CORS Lens capture: webRequest events → judged cross-origin exchanges, per tab,
 * bounded, serializable. Pure: no browser API, no clock of its own.
 */
export { Recorder, type TabView } from './recorder';
export type { RecorderOptions } from './options';
export { DEFAULT_OPTIONS } from './options';
export {
  isWebRequestEvent,
  isTerminalEvent,
  WEB_REQUEST_EVENT_NAMES,
  type WebRequestEvent,
  type WebRequestEventName,
} from './events';
export type {
  Exchange,
  ExchangeKind,
  ExchangeState,
  PreflightSummary,
  RequestTimings,
} from './exchange';
export type { ChangeBatch } from './changes';
export type { NavigationMarker, TabStats } from './tab-log';
export { SNAPSHOT_VERSION, type RecorderSnapshot } from './snapshot';
export { classifyRequest, type RequestClass } from './classify';
