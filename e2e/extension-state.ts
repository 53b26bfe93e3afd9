/** Waiting on the extension's worker, shared by the specs that run their own servers. */
import type { Worker } from '@playwright/test';
import type { Server } from 'node:http';
import type { TabLogView } from '../src/protocol/messages';
import { expect } from './fixtures';

export type Logged = TabLogView['exchanges'][number];

/** The page probe is registered as the worker starts: pages opened after this have it. */
export async function probeRegistered(worker: Worker): Promise<void> {
  await expect
    .poll(() =>
      worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length),
    )
    .toBe(2);
}

/** The id of the tab showing `url`, as the extension knows it. */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(
    async (u) => (await chrome.tabs.query({})).find((tab) => tab.url === u)?.id,
    url,
  );
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The tab's exchange whose first URL is `url`, once it is judged (not pending). */
export async function settledExchange(worker: Worker, tabId: number, url: string): Promise<Logged> {
  const find = async () =>
    (await worker.evaluate((tab) => globalThis.corsLensLog(tab), tabId)).exchanges.find(
      (x) => x.observation.request.url === url && x.verdict.status !== 'pending',
    );
  await expect.poll(find, { message: url }).toBeDefined();
  const found = await find();
  if (!found) throw new Error(`no exchange for ${url}`);
  return found;
}

export async function closeServers(servers: readonly Server[]): Promise<void> {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
