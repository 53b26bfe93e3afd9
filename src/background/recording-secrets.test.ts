import { describe, expect, it, vi } from 'vitest';
import type { WebRequestEvent } from '../capture/events';
import {
  API,
  TAB,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
} from '../capture/testing/chromium-events';
import { keyedSnapshotStore } from './keyed-snapshot-store';
import { Recording } from './recording';
import { memoryArea } from './testing/memory-area';

const COOKIE = 'CANARYatRestCookie01';
const BEARER = 'CANARYatRestBearer02';
const SET_COOKIE = 'CANARYatRestSetCookie03';
const API_KEY = 'CANARYatRestApiKey04';
const CANARIES = [COOKIE, BEARER, SET_COOKIE, API_KEY];

/** A credentialed GET whose request and response carry every kind of secret header. */
function credentialedGet(): WebRequestEvent[] {
  const t = new Timeline();
  t.request({ url: `${API}/api/me?page=1` })
    .before()
    .sendHeaders(
      corsRequestHeaders([
        ['Cookie', `sid=${COOKIE}`],
        ['Authorization', `Bearer ${BEARER}`],
        ['X-Api-Key', API_KEY],
      ]),
    )
    .respond(200, [allowOrigin(), ['Set-Cookie', `sid=${SET_COOKIE}; Path=/; Secure`]]);
  return t.events;
}

async function record(keepSecretValues: boolean) {
  const area = memoryArea();
  const tasks: Array<() => void> = [];
  const rec = new Recording({
    store: keyedSnapshotStore(area),
    now: () => 0,
    defer: (task) => {
      tasks.push(task);
      return () => undefined;
    },
    logger: { warn: vi.fn() },
    keepSecretValues: () => keepSecretValues,
  });
  await rec.restore();
  for (const event of credentialedGet()) rec.handle(event);
  for (const task of tasks.splice(0)) task();
  await vi.waitFor(() => expect(rec.debug().saved).toBe(true));
  return {
    memory: JSON.stringify(rec.view(TAB)),
    stored: JSON.stringify(area.contents()),
    exchange: rec.view(TAB).exchanges[0],
  };
}

const found = (text: string) => CANARIES.filter((canary) => text.includes(canary));

describe('secrets at rest', () => {
  it('by default keeps no secret value in memory or in storage.session', async () => {
    const { memory, stored } = await record(false);
    expect(found(memory)).toEqual([]);
    expect(found(stored)).toEqual([]);
  });

  it('keeps their presence and length, so the verdict is the same', async () => {
    const redacted = await record(false);
    const kept = await record(true);
    // The same judgement; only the sentences that quote a value quote its marker.
    const judgement = (x: typeof kept.exchange) => ({
      status: x?.verdict.status,
      failure: x?.verdict.failure?.corsError,
      credentials: x?.verdict.credentials,
      reasons: x?.verdict.preflight.reasons.map((r) => [r.kind, 'name' in r ? r.name : '']),
      warnings: x?.verdict.warnings.map((w) => w.id),
    });
    expect(judgement(redacted.exchange)).toEqual(judgement(kept.exchange));
    expect(JSON.stringify(redacted.exchange?.verdict)).toContain('<redacted:20 chars>');
    const sent = redacted.exchange?.observation.request.headers ?? [];
    expect(sent.find((h) => h.name === 'Cookie')?.value).toBe(
      `sid=<redacted:${COOKIE.length} chars>`,
    );
    expect(sent.find((h) => h.name === 'Authorization')?.value).toBe(
      `Bearer <redacted:${BEARER.length} chars>`,
    );
  });

  it('keeps the values as sent when the user turned that on', async () => {
    const { memory, stored } = await record(true);
    expect(found(memory)).toEqual(CANARIES);
    expect(found(stored)).toEqual(CANARIES);
  });
});
