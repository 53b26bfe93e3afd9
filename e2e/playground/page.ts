import type { Origins } from './scenarios';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The playground page. Scenario texts are inserted by the script with textContent, never as HTML. */
export function renderPage(origins: Origins): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CORS Lens playground</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1f1f1f; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  p { margin: .25rem 0 1rem; color: #555; }
  ol { padding: 0; list-style: none; display: grid; gap: .35rem; }
  li { display: grid; grid-template-columns: 24rem 1fr; gap: .75rem; align-items: center; }
  button { text-align: left; padding: .35rem .6rem; font: inherit; cursor: pointer; }
  output { font-family: ui-monospace, monospace; font-size: 12px; color: #555; }
  output[data-state="ok"] { color: #137333; }
  output[data-state="error"] { color: #b3261e; }
  .group { font-weight: 600; margin-top: 1rem; }
  @media (prefers-color-scheme: dark) { body { background: #202124; color: #e8eaed; } p, output { color: #9aa0a6; } }
</style>
</head>
<body data-api="${escapeHtml(origins.api)}" data-third="${escapeHtml(origins.third)}">
<h1>CORS Lens playground</h1>
<p>This page (${escapeHtml(origins.page)}) calls an API on another origin (${escapeHtml(origins.api)}).
Each button fires one cross-origin exchange; open DevTools → <b>CORS</b> to see why it passed or failed.</p>
<button id="run-all" type="button">Run every scenario</button>
<ol id="scenarios"></ol>
<script type="module" src="/playground.js"></script>
</body>
</html>`;
}

/**
 * Makes one scenario's call, with fetch() or XHR. The same source runs in the page, in a
 * dedicated worker and in iframes, so each caller behaves the same.
 */
const PERFORM_SOURCE = String.raw`
async function perform(api, id, call) {
  const url = call.url ?? api + '/s/' + id + (call.suffix ?? '');
  const results = [];
  if (call.withCookie) await fetch(api + '/login', { credentials: 'include' }).catch(() => undefined);
  for (let i = 0; i < (call.repeat ?? 1); i++) {
    if (call.via === 'xhr') {
      results.push(await new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open(call.method ?? 'GET', url);
        xhr.withCredentials = call.credentials === 'include';
        for (const [name, value] of Object.entries(call.headers ?? {})) xhr.setRequestHeader(name, value);
        xhr.onload = () => resolve({ ok: true, status: xhr.status });
        xhr.onerror = () => resolve({ ok: false, error: 'XMLHttpRequest error' });
        xhr.send(call.body ?? null);
      }));
      continue;
    }
    const init = { method: call.method ?? 'GET', headers: call.headers ?? {}, credentials: call.credentials ?? 'same-origin' };
    if (call.mode) init.mode = call.mode;
    if (call.redirect) init.redirect = call.redirect;
    if (call.body !== undefined) init.body = call.body;
    try {
      const response = await fetch(url, init);
      results.push({ ok: true, status: response.status });
    } catch (error) {
      results.push({ ok: false, error: String(error) });
    }
  }
  return results;
}
`;

/** A dedicated worker that makes the call it is sent. */
export const WORKER_SCRIPT = `${PERFORM_SOURCE}
onmessage = async (event) => {
  const { api, id, call } = event.data;
  postMessage(await perform(api, id, call));
};
`;

/** An iframe page (cross-origin, or sandboxed to origin null) that makes the call it is sent. */
export const FRAME_PAGE = `<!doctype html><meta charset="utf-8"><title>caller frame</title><script>
${PERFORM_SOURCE}
addEventListener('message', async (event) => {
  const { api, id, call, nonce } = event.data;
  parent.postMessage({ nonce, results: await perform(api, id, call) }, '*');
});
parent.postMessage({ ready: true }, '*');
</script>`;

/** Runs in the page: builds the buttons and fires each scenario from its caller. */
export const PAGE_SCRIPT = String.raw`
${PERFORM_SOURCE}
const api = document.body.dataset.api;
const third = document.body.dataset.third;
const list = document.getElementById('scenarios');
const scenarios = await (await fetch('/scenarios.json')).json();
const outputs = new Map();

function inWorker(id, call) {
  return new Promise((resolve) => {
    const worker = new Worker('/worker.js');
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.postMessage({ api, id, call });
  });
}

function inFrame(id, call, sandboxed) {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    const nonce = Math.random().toString(36).slice(2);
    frame.hidden = true;
    if (sandboxed === true) frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = sandboxed === 'csp' ? '/frame-csp' : sandboxed ? '/frame' : third + '/frame';
    const onMessage = (event) => {
      if (event.source !== frame.contentWindow) return;
      if (event.data.ready) frame.contentWindow.postMessage({ api, id, call, nonce }, '*');
      else if (event.data.nonce === nonce) {
        removeEventListener('message', onMessage);
        frame.remove();
        resolve(event.data.results);
      }
    };
    addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

async function runScenario(id, change) {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error('no scenario ' + id);
  // A fix in the page's own call (its fetch() options) is applied over the scenario's.
  const call = { ...scenario.call, ...(change ?? {}) };
  const results =
    call.via === 'worker' ? await inWorker(id, call)
    : call.via === 'cross-origin-iframe' ? await inFrame(id, call, false)
    : call.via === 'sandboxed-iframe' ? await inFrame(id, call, true)
    : call.fromCspFrame ? await inFrame(id, call, 'csp')
    : await perform(api, id, call);
  const output = outputs.get(id);
  output.dataset.state = results.every((r) => r.ok) ? 'ok' : 'error';
  output.textContent = results.map((r) => (r.ok ? 'HTTP ' + r.status : r.error)).join(' · ');
  return results;
}

for (const scenario of scenarios) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.scenario = scenario.id;
  button.textContent = scenario.title;
  const output = document.createElement('output');
  output.id = 'result-' + scenario.id;
  output.textContent = scenario.chromium === 'allowed' ? 'expected: allowed' : 'expected: ' + scenario.chromium.corsError;
  outputs.set(scenario.id, output);
  button.addEventListener('click', () => runScenario(scenario.id));
  item.append(button, output);
  list.append(item);
}
document.getElementById('run-all').addEventListener('click', async () => {
  for (const scenario of scenarios) await runScenario(scenario.id);
});
window.runScenario = runScenario;
window.playgroundReady = true;
`;
