import { describe, expect, it, vi } from 'vitest';
import { createMemoryTransportPair } from '../protocol/memory-transport';
import { isExchangeRow, rowOf } from '../protocol/exchange-row';
import { backgroundToPanel, PROTOCOL_VERSION } from '../protocol/messages';
import { EXCHANGES_SLICE, SNAPSHOT_SLICE, servePanel } from './panel-session';
import { emptyView, fakeSettings, fakeTabLogs, recordedExchanges } from './testing/fake-tab-logs';

function connect(logs = fakeTabLogs(), logger = { warn: vi.fn() }) {
  const [panelEnd, backgroundEnd] = createMemoryTransportPair();
  servePanel(backgroundEnd, { workerStartedAt: 1234, logger, logs, settings: fakeSettings() });
  const received: Array<{ type: string; payload: unknown }> = [];
  panelEnd.onMessage((m) => received.push(m as { type: string; payload: unknown }));
  return { panelEnd, received, logs, logger };
}

const changes = { cleared: false, removed: [], upserts: [], markers: [], stats: null };
const never = (): never => {
  throw new Error('missing');
};

describe('servePanel', () => {
  it('answers hello with welcome, then the tab’s whole log', async () => {
    const { panelEnd, received } = connect();
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 42 } });
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received).toEqual([
      { type: 'welcome', payload: { version: PROTOCOL_VERSION, tabId: 42, workerStartedAt: 1234 } },
      {
        type: 'settings',
        payload: {
          recordOnlyWithPanelOpen: false,
          maxExchangesPerTab: 5000,
          keepSecretValues: false,
          pageProbe: true,
        },
      },
      { type: 'snapshot', payload: { tabId: 42, ...emptyView(42) } },
    ]);
  });

  it('sends a long log in slices: the snapshot holds the first, `changes` the rest, in order', async () => {
    const count = SNAPSHOT_SLICE * 2 + 5;
    const exchanges = recordedExchanges(9, count);
    const view = { ...emptyView(9), exchanges };
    const { panelEnd, received } = connect(fakeTabLogs({ 9: view }));
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 9 } });
    await vi.waitFor(() => expect(received).toHaveLength(5));
    expect(received.map((m) => m.type)).toEqual([
      'welcome',
      'settings',
      'snapshot',
      'changes',
      'changes',
    ]);
    const ids = received.slice(2).flatMap((m) => {
      const payload = m.payload as {
        exchanges?: Array<{ id: string }>;
        upserts?: Array<{ id: string }>;
      };
      return (payload.exchanges ?? payload.upserts ?? []).map((e) => e.id);
    });
    expect(ids).toEqual(exchanges.map((e) => e.id));
    expect((received[2]?.payload as { stats: unknown }).stats).toEqual(view.stats);
    // Rows, not whole exchanges: what the list shows, and valid as the panel checks them.
    const first = (received[2]?.payload as { exchanges: unknown[] }).exchanges[0];
    expect(first).toEqual(rowOf(exchanges[0] ?? never()));
    expect(isExchangeRow(first)).toBe(true);
    expect(first).not.toHaveProperty('observation.request.headers');
    expect(first).not.toHaveProperty('verdict.warnings');
  });

  it('answers getExchanges with whole exchanges in slices, and names the ids it lacks', async () => {
    const count = EXCHANGES_SLICE + 3;
    const exchanges = recordedExchanges(4, count);
    const { panelEnd, received } = connect(fakeTabLogs({ 4: { ...emptyView(4), exchanges } }));
    const ids = [...exchanges.map((e) => e.id).reverse(), '4:gone'];
    panelEnd.send({ type: 'getExchanges', payload: { tabId: 4, requestId: 11, ids } });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.every((m) => m.type === 'exchanges')).toBe(true);
    const payloads = received.map((m) => m.payload as Record<string, unknown>);
    expect(payloads.every((p) => backgroundToPanel.exchanges(p))).toBe(true);
    expect(payloads.map((p) => [p.requestId, p.last])).toEqual([
      [11, false],
      [11, true],
    ]);
    const sent = payloads.flatMap((p) => p.exchanges as Array<{ id: string }>);
    expect(sent.map((e) => e.id)).toEqual(ids.slice(0, -1));
    expect(sent[0]).toEqual(exchanges.at(-1));
    expect(payloads.flatMap((p) => p.missing)).toEqual(['4:gone']);
  });

  it('asks nothing of another tab: an id of tab 5 is missing in tab 4', async () => {
    const logs = fakeTabLogs({ 5: { ...emptyView(5), exchanges: recordedExchanges(5, 1) } });
    const { panelEnd, received } = connect(logs);
    panelEnd.send({ type: 'getExchanges', payload: { tabId: 4, requestId: 1, ids: ['5:0'] } });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.payload).toEqual({
      tabId: 4,
      requestId: 1,
      exchanges: [],
      missing: ['5:0'],
      last: true,
    });
  });

  it('forwards batches for its tab only, and stops when the panel goes away', async () => {
    const { panelEnd, received, logs } = connect();
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 7 } });
    await vi.waitFor(() => expect(logs.listenerCount(7)).toBe(1));
    logs.emit(7, { ...changes, cleared: true });
    logs.emit(8, changes);
    expect(received.map((m) => m.type)).toEqual(['welcome', 'settings', 'snapshot', 'changes']);
    expect(received[3]?.payload).toEqual({ tabId: 7, ...changes, cleared: true });

    panelEnd.disconnect();
    expect(logs.listenerCount(7)).toBe(0);
  });

  it('a second hello (reconnection) does not double the subscription', async () => {
    const { panelEnd, logs, received } = connect();
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 7 } });
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 7 } });
    await vi.waitFor(() => expect(received.filter((m) => m.type === 'snapshot')).toHaveLength(2));
    expect(logs.listenerCount(7)).toBe(1);
  });

  it('sends the log only once it is restored: a panel may be what woke the worker', async () => {
    let restore: () => void = () => undefined;
    const logs = {
      ...fakeTabLogs(),
      whenReady: () => new Promise<void>((resolve) => (restore = resolve)),
    };
    const { panelEnd, received } = connect(logs);
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 7 } });
    await Promise.resolve();
    expect(received.map((m) => m.type)).toEqual(['welcome']);
    restore();
    await vi.waitFor(() =>
      expect(received.map((m) => m.type)).toEqual(['welcome', 'settings', 'snapshot']),
    );
  });

  it('passes Clear and Preserve log to the recording', () => {
    const { panelEnd, logs } = connect();
    panelEnd.send({ type: 'clearLog', payload: { tabId: 3 } });
    panelEnd.send({ type: 'setPreserveLog', payload: { tabId: 3, preserve: true } });
    expect(logs.cleared).toEqual([3]);
    expect(logs.preserve).toEqual([[3, true]]);
  });

  it('changes settings and tells every panel', async () => {
    const { panelEnd, received } = connect();
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 3 } });
    await vi.waitFor(() => expect(received).toHaveLength(3));
    panelEnd.send({ type: 'updateSettings', payload: { recordOnlyWithPanelOpen: true } });
    expect(received.at(-1)).toEqual({
      type: 'settings',
      payload: {
        recordOnlyWithPanelOpen: true,
        maxExchangesPerTab: 5000,
        keepSecretValues: false,
        pageProbe: true,
      },
    });
  });

  it('answers a panel from another protocol version with welcome only, and a warning', () => {
    const { panelEnd, received, logger } = connect();
    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION + 1, tabId: 3 } });
    expect(received.map((m) => m.type)).toEqual(['welcome']);
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
