/**
 * The recorder's working state, shared by the modules that act on it
 * (pairing.ts, forget.ts, recorder-snapshot.ts). Only the Recorder class
 * exposes it, through its methods.
 */
import { ChangeLog } from './changes';
import type { ResolvedOptions } from './options';
import { PageCalls } from './page-calls';
import { PairingIndex } from './pairing-index';
import { PreflightCacheLog } from './preflight-cache-log';
import type { ExchangeRecord } from './record';
import type { Route } from './routes';
import type { TabLog } from './tab-log';

export interface RecorderState {
  /** Replaced (not mutated) when a setting changes, e.g. the per-tab bound. */
  options: ResolvedOptions;
  /** Every exchange in some tab's log, by id. */
  readonly records: Map<string, ExchangeRecord>;
  readonly tabs: Map<number, TabLog>;
  /** Where each requestId's next event goes. */
  readonly routes: Map<string, Route>;
  readonly pairing: PairingIndex;
  readonly cache: PreflightCacheLog;
  /** Exchanges that may time out. */
  readonly inFlight: Set<string>;
  /** Exchanges whose verdict must be recomputed before anything is read. */
  readonly dirty: Set<string>;
  readonly changes: ChangeLog;
  /** Exchanges changed since the last snapshot delta (what a save must write). */
  readonly unsaved: Set<string>;
  /** What page probes reported, and which exchange each call made (not saved: see page-calls.ts). */
  readonly pageCalls: PageCalls;
  /** Creation order of exchanges and navigation markers. */
  seq: number;
}

export function createState(options: ResolvedOptions): RecorderState {
  return {
    options,
    records: new Map(),
    tabs: new Map(),
    routes: new Map(),
    pairing: new PairingIndex(),
    cache: new PreflightCacheLog(),
    inFlight: new Set(),
    dirty: new Set(),
    changes: new ChangeLog(),
    unsaved: new Set(),
    pageCalls: new PageCalls(),
    seq: 0,
  };
}
