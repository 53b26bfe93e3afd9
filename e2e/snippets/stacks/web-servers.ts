/**
 * nginx and Apache httpd in front of an app that knows nothing of CORS (./backend.ts). The
 * snippet goes where its comments say (nginx: a server block; Apache: a VirtualHost); the
 * rest of each configuration is the least that runs the server unprivileged in a folder.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppProgram } from '../run-app';
import { backendProgram } from './backend';
import type { AppSpec, Stack } from './types';

const NGINX = '/usr/sbin/nginx';
const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');

/**
 * One nginx per app: every nginx snippet proxies to an upstream named `backend`, so each app
 * needs its own http block. nginx starts in milliseconds.
 */
function nginxConfig(app: AppSpec, dir: string): string {
  const temp = (name: string) => resolve(dir, 'temp', name);
  return `# The server around the snippet: foreground, everything in this folder.
worker_processes 1;
error_log stderr notice;
pid ${resolve(dir, `${app.name}.pid`)};
events {}
http {
    access_log off;
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};

    upstream backend {
        server 127.0.0.1:${app.backendPort};
    }

    server {
        listen 127.0.0.1:${app.port};

        # ---- snippet, as the card shows it ----
${indent(app.snippet.code, '        ')}
        # ---- end of snippet ----
    }
}
`;
}

export const nginx: Stack = {
  id: 'nginx',
  requires: [{ what: 'nginx', present: () => existsSync(NGINX), apt: ['nginx'] }],
  showsAuthPitfall: false,
  programs: (apps, dir) => [
    backendProgram(apps),
    ...apps.map((app): AppProgram => ({
      files: {
        [`${app.name}.conf`]: nginxConfig(app, dir),
        'temp/.keep': '',
      },
      command: NGINX,
      args: ['-p', dir, '-c', resolve(dir, `${app.name}.conf`), '-g', 'daemon off;'],
      hosts: [app.name],
    })),
  ],
};

const APACHE_MODULE_NAMES = [
  'mpm_event',
  'authz_core',
  'headers',
  'rewrite',
  'proxy',
  'proxy_http',
];

/** One Apache for every app: each is a VirtualHost on its own port. */
function apacheConfig(apps: readonly AppSpec[], dir: string): string {
  const hosts = apps.map(
    (app) => `Listen 127.0.0.1:${app.port}
<VirtualHost 127.0.0.1:${app.port}>
    # ---- snippet, as the card shows it ----
${indent(app.snippet.code, '    ')}
    # ---- end of snippet ----

    # The app behind Apache.
    ProxyPass "/" "http://127.0.0.1:${app.backendPort}/"
</VirtualHost>
`,
  );
  return `# The server around the snippets: foreground, everything in this folder.
${APACHE_MODULE_NAMES.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n')}
ServerName localhost
ServerRoot ${dir}
DefaultRuntimeDir ${dir}
PidFile ${resolve(dir, 'httpd.pid')}
Mutex file:${dir} default
ErrorLog ${resolve(dir, 'error.log')}
LogLevel warn
# Apache refuses to serve as root: its children switch to this user (ignored unprivileged).
User www-data
Group www-data

${hosts.join('\n')}`;
}

export const apache: Stack = {
  id: 'apache',
  requires: [{ what: 'Apache httpd', present: () => existsSync(APACHE), apt: ['apache2'] }],
  showsAuthPitfall: false,
  programs: (apps, dir) => [
    backendProgram(apps),
    {
      files: { 'httpd.conf': apacheConfig(apps, dir) },
      command: APACHE,
      args: ['-DFOREGROUND', '-f', resolve(dir, 'httpd.conf')],
      logs: ['error.log'],
      hosts: apps.map((app) => app.name),
    },
  ],
};
