import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createBridge } from './bridge';
import { createMemoryTransportPair } from './memory-transport';
import type { BackgroundToPanel, PanelToBackground } from './messages';
import { backgroundToPanel, panelToBackground, PROTOCOL_VERSION } from './messages';
import type { Transport } from './transport';

function quietLogger() {
  return { warn: vi.fn() };
}

/** A background side that answers hello with welcome, as src/background does. */
function backgroundSide(transport: Transport) {
  const logger = quietLogger();
  const hello = vi.fn();
  const bridge = createBridge<PanelToBackground, BackgroundToPanel>({
    transport,
    validators: panelToBackground,
    logger,
    handlers: {
      hello(payload) {
        hello(payload);
        bridge.send('welcome', {
          version: PROTOCOL_VERSION,
          tabId: payload.tabId,
          workerStartedAt: 1000,
        });
      },
      clearLog: vi.fn(),
      setPreserveLog: vi.fn(),
      updateSettings: vi.fn(),
      getExchanges: vi.fn(),
    },
  });
  return { bridge, hello, logger };
}

describe('bridge', () => {
  it('delivers typed messages both ways', () => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    const background = backgroundSide(backgroundEnd);
    const welcome = vi.fn();
    const panel = createBridge<BackgroundToPanel, PanelToBackground>({
      transport: panelEnd,
      validators: backgroundToPanel,
      handlers: {
        welcome,
        snapshot: vi.fn(),
        changes: vi.fn(),
        settings: vi.fn(),
        exchanges: vi.fn(),
      },
      logger: quietLogger(),
    });

    panel.send('hello', { version: PROTOCOL_VERSION, tabId: 7 });

    expect(background.hello).toHaveBeenCalledWith({ version: PROTOCOL_VERSION, tabId: 7 });
    expect(welcome).toHaveBeenCalledWith({
      version: PROTOCOL_VERSION,
      tabId: 7,
      workerStartedAt: 1000,
    });
  });

  it.each([
    ['not an object', 42],
    ['null', null],
    ['an array', [{ type: 'hello' }]],
    ['no type', { payload: { version: 1, tabId: 1 } }],
    ['a non-string type', { type: 1, payload: {} }],
    ['an unknown type', { type: 'goodbye', payload: {} }],
    ['an inherited property name', { type: 'toString', payload: {} }],
    ['__proto__', JSON.parse('{"type":"__proto__","payload":{}}') as unknown],
    ['a missing payload', { type: 'hello' }],
    ['a wrong field type', { type: 'hello', payload: { version: '1', tabId: 1 } }],
    ['a negative tab id', { type: 'hello', payload: { version: 1, tabId: -1 } }],
    ['a fractional tab id', { type: 'hello', payload: { version: 1, tabId: 1.5 } }],
  ])('ignores %s with a warning', (_label, message) => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    const background = backgroundSide(backgroundEnd);

    expect(() => {
      panelEnd.send(message);
    }).not.toThrow();
    expect(background.hello).not.toHaveBeenCalled();
    expect(background.logger.warn).toHaveBeenCalledTimes(1);
  });

  it('never throws on arbitrary input', () => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    const background = backgroundSide(backgroundEnd);
    fc.assert(
      fc.property(fc.jsonValue(), (message) => {
        panelEnd.send(message);
      }),
    );
    expect(background.logger.warn).toHaveBeenCalled();
  });

  it('stops handling after dispose', () => {
    const [panelEnd, backgroundEnd] = createMemoryTransportPair();
    const background = backgroundSide(backgroundEnd);
    background.bridge.dispose();

    panelEnd.send({ type: 'hello', payload: { version: PROTOCOL_VERSION, tabId: 1 } });

    expect(background.hello).not.toHaveBeenCalled();
  });
});
