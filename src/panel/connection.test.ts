import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { servePanel } from '../background/panel-session';
import {
  emptyView,
  fakeSettings,
  fakeTabLogs,
  recordedExchanges,
  type FakeTabLogs,
} from '../background/testing/fake-tab-logs';
import { createMemoryTransportPair } from '../protocol/memory-transport';
import type { ConnectionTransport } from '../protocol/transport';
import { keepConnected } from './connection';
import { createPanelStore } from './store';

/** A fake background: each connect() gives a fresh port served by servePanel; `drop` disconnects it. */
function fakeBackground(workerStartedAt = 99, logs: FakeTabLogs = fakeTabLogs()) {
  const drops: Array<() => void> = [];
  const connect = vi.fn((): ConnectionTransport => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    servePanel(backgroundEnd, {
      workerStartedAt,
      logger: { warn: vi.fn() },
      logs,
      settings: fakeSettings(),
    });
    const disconnectListeners = new Set<() => void>();
    drops.push(() => {
      for (const listener of disconnectListeners) listener();
    });
    return {
      ...panelEnd,
      onDisconnect(listener) {
        disconnectListeners.add(listener);
        return () => disconnectListeners.delete(listener);
      },
      disconnect: vi.fn(),
    };
  });
  return { connect, drop: () => drops.at(-1)?.() };
}

describe('fetching whole exchanges', () => {
  it('gathers the slices of one answer; a lost port fails what waits', async () => {
    const exchanges = recordedExchanges(5, 600);
    const logs = fakeTabLogs({ 5: { ...emptyView(5), exchanges } });
    const background = fakeBackground(1, logs);
    const store = createPanelStore(5);
    const link = keepConnected({
      tabId: 5,
      store,
      connect: background.connect,
      logger: { warn: vi.fn() },
    });
    const ids = exchanges.map((e) => e.id);
    const answer = await link.fetchExchanges([...ids, '5:gone']);
    expect(answer.exchanges.map((e) => e.id)).toEqual(ids);
    expect(answer.missing).toEqual(['5:gone']);

    // The worker takes its time (restoring), and the port goes meanwhile.
    let ready: () => void = () => undefined;
    logs.whenReady = () => new Promise<void>((resolve) => (ready = resolve));
    const waiting = link.fetchExchanges([ids[0] ?? '']);
    background.drop();
    ready();
    await expect(waiting).rejects.toThrow(/lost/);
    link.stop();
  });
});

describe('keepConnected', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says hello and is connected once welcomed', () => {
    const store = createPanelStore(5);
    const background = fakeBackground(1234);

    keepConnected({ tabId: 5, store, connect: background.connect, logger: { warn: vi.fn() } });

    expect(store.getState().connection).toEqual({ kind: 'connected', workerStartedAt: 1234 });
  });

  it('shows the disconnection and reconnects', () => {
    const store = createPanelStore(5);
    const background = fakeBackground();
    keepConnected({
      tabId: 5,
      store,
      connect: background.connect,
      logger: { warn: vi.fn() },
      retryDelayMs: () => 50,
    });

    background.drop();
    expect(store.getState().connection).toEqual({ kind: 'disconnected' });

    vi.advanceTimersByTime(50);
    expect(background.connect).toHaveBeenCalledTimes(2);
    expect(store.getState().connection.kind).toBe('connected');
  });

  it('retries when connecting throws', () => {
    const store = createPanelStore(5);
    const background = fakeBackground();
    const connect = vi
      .fn<() => ConnectionTransport>()
      .mockImplementationOnce(() => {
        throw new Error('Extension context invalidated.');
      })
      .mockImplementation(background.connect);
    const logger = { warn: vi.fn() };

    keepConnected({ tabId: 5, store, connect, logger, retryDelayMs: () => 10 });
    expect(store.getState().connection.kind).toBe('disconnected');
    expect(logger.warn).toHaveBeenCalledOnce();

    vi.advanceTimersByTime(10);
    expect(store.getState().connection.kind).toBe('connected');
  });

  it('stops reconnecting once stopped', () => {
    const store = createPanelStore(5);
    const background = fakeBackground();
    const { stop } = keepConnected({
      tabId: 5,
      store,
      connect: background.connect,
      logger: { warn: vi.fn() },
      retryDelayMs: () => 10,
    });

    background.drop();
    stop();
    vi.advanceTimersByTime(1000);

    expect(background.connect).toHaveBeenCalledTimes(1);
  });
});
