import { describe, expect, it, vi } from 'vitest';
import { createMemoryTransportPair } from '../protocol/memory-transport';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { servePanel } from './panel-session';

describe('servePanel', () => {
  it('answers hello with welcome for the same tab', () => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    servePanel(backgroundEnd, { workerStartedAt: 1234, logger: { warn: vi.fn() } });
    const received: unknown[] = [];
    panelEnd.onMessage((m) => received.push(m));

    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 42 } });

    expect(received).toEqual([
      { type: 'welcome', payload: { version: PROTOCOL_VERSION, tabId: 42, workerStartedAt: 1234 } },
    ]);
  });

  it('still answers a panel from another protocol version, with a warning', () => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    const logger = { warn: vi.fn() };
    servePanel(backgroundEnd, { workerStartedAt: 1, logger });
    const received: unknown[] = [];
    panelEnd.onMessage((m) => received.push(m));

    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION + 1, tabId: 3 } });

    expect(received).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
