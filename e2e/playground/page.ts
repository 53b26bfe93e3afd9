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

/** Runs in the page: builds the buttons and fires the calls with fetch(). */
export const PAGE_SCRIPT = String.raw`
const api = document.body.dataset.api;
const list = document.getElementById('scenarios');
const scenarios = await (await fetch('/scenarios.json')).json();
const outputs = new Map();

async function runScenario(id) {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error('no scenario ' + id);
  const call = scenario.call;
  const results = [];
  for (let i = 0; i < (call.repeat ?? 1); i++) {
    const init = { method: call.method ?? 'GET', headers: call.headers ?? {}, credentials: call.credentials ?? 'same-origin' };
    if (call.body !== undefined) init.body = call.body;
    try {
      const response = await fetch(api + '/s/' + id, init);
      results.push({ ok: true, status: response.status });
    } catch (error) {
      results.push({ ok: false, error: String(error) });
    }
  }
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
