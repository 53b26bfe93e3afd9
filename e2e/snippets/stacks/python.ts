/**
 * Flask + Flask-CORS and Django + django-cors-headers, on Debian's python3 and packages
 * (not whatever `python3` comes first on PATH: a pyenv or venv one lacks them).
 */
import { resolve } from 'node:path';
import type { AppProgram } from '../run-app';
import { runs } from '../run-app';
import type { AppSpec, Stack } from './types';

export const PYTHON = process.env.SNIPPETS_PYTHON ?? '/usr/bin/python3';

const py = (value: unknown) => JSON.stringify(value);
const moduleName = (app: AppSpec) => `app_${app.name.replace(/-/g, '_')}`;

const pasted = (app: AppSpec) =>
  `# ---- snippet, as the card shows it ----\n${app.snippet.code}\n# ---- end of snippet ----`;

/** Serves each app module's WSGI `app` on its `PORT`; one that fails to import is reported. */
const WSGI_HOST = `import importlib, sys, threading, traceback
from werkzeug.serving import make_server

sys.path.insert(0, ".")
servers = []
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
        servers.append(make_server("127.0.0.1", module.PORT, module.app, threaded=True))
    except Exception:
        print(f"{name}:", file=sys.stderr)
        traceback.print_exc()
for server in servers:
    threading.Thread(target=server.serve_forever, daemon=True).start()
print("serving", len(servers), flush=True)
threading.Event().wait()
`;

function flaskApp(app: AppSpec): string {
  const headers = py(Object.fromEntries(app.responseHeaders));
  // A per-view check: Flask answers OPTIONS itself (automatic options) without running the
  // view, so Flask-CORS can decorate the preflight. The pitfall variant is the usual global
  // before_request hook, which runs before anything else, OPTIONS included.
  const check = `def unauthorized():
    return jsonify(error="unauthorized"), 401, {"WWW-Authenticate": "Bearer"}`;
  return [
    'from flask import Flask, jsonify, request',
    '',
    `PORT = ${app.port}`,
    'app = Flask(__name__)',
    '',
    pasted(app),
    '',
    app.auth ? `${check}\n` : '',
    app.auth && app.authFirst
      ? '@app.before_request\ndef require_login():\n    if not request.headers.get("Authorization"):\n        return unauthorized()\n'
      : '',
    `@app.route(${py(app.path)}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])`,
    'def endpoint():',
    app.auth && !app.authFirst && '    if not request.headers.get("Authorization"):',
    app.auth && !app.authFirst && '        return unauthorized()',
    `    return jsonify(ok=True), 200, ${headers}`,
    '',
  ]
    .filter((line): line is string => line !== false)
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}

const pythonHas = (modules: string) => () => runs(PYTHON, ['-c', `import ${modules}`]);

export const flask: Stack = {
  id: 'flask',
  requires: [
    {
      what: 'Flask and Flask-CORS for Debian python3',
      present: pythonHas('flask, flask_cors'),
      apt: ['python3-flask', 'python3-flask-cors'],
    },
  ],
  showsAuthPitfall: true,
  programs: (apps) => {
    const files = Object.fromEntries(apps.map((app) => [`${moduleName(app)}.py`, flaskApp(app)]));
    return [
      {
        files: { ...files, 'host.py': WSGI_HOST },
        command: PYTHON,
        args: ['host.py', ...apps.map(moduleName)],
        hosts: apps.map((app) => app.name),
      },
    ];
  },
};

/** Django: settings are process-wide, so one process per app, each with its own settings module. */
function djangoSettings(app: AppSpec): string {
  // The snippet's `...` entries stand for the project's own apps and middleware: this
  // project's are its auth check, which the pitfall variant puts above CorsMiddleware.
  const project = app.auth && !app.authFirst ? ['"auth_check.AuthCheck"'] : [];
  return `# The project around the snippet.
PORT = ${app.port}
CASE_PATH = ${py(app.path)}
SECRET_KEY = "snippet-suite"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "urls"
USE_TZ = True

${pasted(app)}

def expand(entries, project):
    return [name for entry in entries for name in (project if entry is ... else [entry])]


INSTALLED_APPS = expand(INSTALLED_APPS, [])
MIDDLEWARE = ${app.auth && app.authFirst ? '["auth_check.AuthCheck"] + ' : ''}expand(MIDDLEWARE, [${project.join(', ')}])
`;
}

const DJANGO_FILES = {
  'urls.py': `from django.conf import settings
from django.http import JsonResponse
from django.urls import path


def endpoint(request):
    response = JsonResponse({"ok": True})
    for name, value in settings.RESPONSE_HEADERS:
        response[name] = value
    return response


urlpatterns = [path(settings.CASE_PATH.lstrip("/"), endpoint)]
`,
  'auth_check.py': `from django.http import JsonResponse


class AuthCheck:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.headers.get("Authorization"):
            response = JsonResponse({"error": "unauthorized"}, status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        return self.get_response(request)
`,
  // The system checks first: they are what refuses a malformed CORS_ALLOWED_ORIGINS.
  'serve.py': `import os, sys

sys.path.insert(0, ".")
os.environ["DJANGO_SETTINGS_MODULE"] = sys.argv[1]
import django
from django.conf import settings
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from werkzeug.serving import make_server

django.setup()
call_command("check", fail_level="ERROR")
make_server("127.0.0.1", settings.PORT, get_wsgi_application(), threaded=True).serve_forever()
`,
};

export const django: Stack = {
  id: 'django',
  requires: [
    {
      what: 'Django and django-cors-headers for Debian python3 (werkzeug serves them)',
      present: pythonHas('django, corsheaders, werkzeug'),
      apt: ['python3-django', 'python3-django-cors-headers', 'python3-werkzeug'],
    },
  ],
  showsAuthPitfall: true,
  programs: (apps, dir) =>
    apps.map((app): AppProgram => {
      const settings = `settings_${moduleName(app)}`;
      return {
        files: {
          ...DJANGO_FILES,
          [`${settings}.py`]: `${djangoSettings(app)}RESPONSE_HEADERS = ${py(app.responseHeaders)}\n`,
        },
        command: PYTHON,
        args: [resolve(dir, 'serve.py'), settings],
        hosts: [app.name],
      };
    }),
};
