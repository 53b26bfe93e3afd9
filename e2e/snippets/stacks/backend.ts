/**
 * The app behind a web server snippet (nginx, Apache): it knows nothing of CORS. It answers
 * 200 JSON with the headers the page reads, and 401 without Authorization where the case has
 * an auth check, as the API behind a proxy does. One Node process serves every app's
 * backend, each on its own port.
 */
import type { AppProgram } from '../run-app';
import type { AppSpec } from './types';

const SOURCE = `import { createServer } from 'node:http';

for (const { port, auth, headers } of JSON.parse(process.argv[2])) {
  createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (auth && !request.headers.authorization) {
        response.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' });
        response.end('{"error":"unauthorized"}');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json', ...headers });
      response.end('{"ok":true}');
    });
  }).listen(port, '127.0.0.1');
}
`;

/** The backends of these apps, as one program (its `hosts` is empty: it is no app itself). */
export function backendProgram(apps: readonly AppSpec[]): AppProgram {
  const config = apps.map((app) => ({
    port: app.backendPort,
    auth: app.auth,
    headers: Object.fromEntries(app.responseHeaders),
  }));
  return {
    files: { 'backend.mjs': SOURCE },
    command: process.execPath,
    args: ['backend.mjs', JSON.stringify(config)],
    alsoListens: apps.map((app) => app.backendPort),
    hosts: [],
  };
}
