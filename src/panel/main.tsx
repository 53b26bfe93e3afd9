import { render } from 'preact';
import { PANEL_PORT_NAME } from '../protocol/messages';
import { sourceOpener } from '../platform/devtools';
import { connectToBackground } from '../platform/ports';
import { listWebTabs, openPanelWindow } from '../platform/tabs';
import { App } from './App';
import { SourceOpenerContext } from './card/source-opener';
import { keepConnected, type BackgroundLink } from './connection';
import { createPanelStore } from './store';
import { applyTheme } from './theme';
import { parseTabId } from './tab-id';
import { TabPicker } from './TabPicker';
import './panel.css';

applyTheme(document.documentElement, location.search, matchMedia('(prefers-color-scheme: dark)'));

const tabId = parseTabId(location.search);
// The store asks the link for whole exchanges; the link is made with the store.
let link: BackgroundLink | null = null;
const store = createPanelStore(tabId, (ids) =>
  link ? link.fetchExchanges(ids) : Promise.reject(new Error('no tab is inspected')),
);

link =
  tabId === null
    ? null
    : keepConnected({
        tabId,
        store,
        connect: () => connectToBackground(PANEL_PORT_NAME),
        logger: console,
      });

const root = document.getElementById('app');
if (!root) throw new Error('CORS Lens panel: #app element missing from index.html');
const openSource = sourceOpener();
render(
  link ? (
    <SourceOpenerContext.Provider value={openSource}>
      <App
        store={store}
        send={link.send}
        openInWindow={(id) => {
          openPanelWindow(id).catch((error: unknown) => {
            console.warn('[cors-lens] could not open the panel window', error);
          });
        }}
      />
    </SourceOpenerContext.Provider>
  ) : (
    <TabPicker listTabs={listWebTabs} />
  ),
  root,
);
