/**
 * Go net/http with github.com/rs/cors, built offline against Debian's source package
 * (golang-github-rs-cors-dev, in /usr/share/gocode) through a go.mod `replace`. One binary
 * holds every app, one file each, so the stack compiles once.
 */
import { existsSync } from 'node:fs';
import type { AppSpec, Stack } from './types';

const GO = process.env.SNIPPETS_GO ?? '/usr/bin/go';
const RS_CORS = '/usr/share/gocode/src/github.com/rs/cors';

const goString = (value: string) => JSON.stringify(value);
const ident = (app: AppSpec) => app.name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

/**
 * The snippet's import lines go at the top of the file, where Go requires them; its
 * statements, unchanged, form the body of the function that builds the app's handler.
 */
function appFile(app: AppSpec): string {
  const lines = app.snippet.code.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const headers = app.responseHeaders
    .map(([name, value]) => `\t\tw.Header().Set(${goString(name)}, ${goString(value)})`)
    .join('\n');
  return `package main

import "net/http"

// ---- snippet, as the card shows it: its import ----
${imports.join('\n')}

func init() {
	apps = append(apps, app{${goString(app.name)}, ${app.port}, ${ident(app)}})
}

func ${ident(app)}() http.Handler {
	routes := http.NewServeMux()
	routes.HandleFunc(${goString(app.path)}, func(w http.ResponseWriter, r *http.Request) {
${headers}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(\`{"ok":true}\`))
	})
	var mux http.Handler = routes
${app.auth && !app.authFirst ? '\t// The auth check wraps the routes; the snippet wraps it.\n\tmux = requireAuth(routes)\n' : ''}
	// ---- snippet, as the card shows it: its statements ----
${body.map((l) => (l === '' ? l : `\t${l}`)).join('\n')}
	// ---- end of snippet ----
${app.auth && app.authFirst ? '\t// The pitfall: the auth check outside the CORS handler.\n\thandler = requireAuth(handler)\n' : ''}	return handler
}
`;
}

const MAIN = `package main

import (
	"fmt"
	"net/http"
	"os"
)

type app struct {
	name    string
	port    int
	handler func() http.Handler
}

var apps []app

func requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			w.Header().Set("WWW-Authenticate", "Bearer")
			http.Error(w, \`{"error":"unauthorized"}\`, http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	for _, a := range apps {
		go func(a app) {
			err := http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", a.port), a.handler())
			fmt.Fprintln(os.Stderr, a.name, err)
		}(a)
	}
	select {}
}
`;

export const goRsCors: Stack = {
  id: 'go-rs-cors',
  requires: [
    { what: 'Go', present: () => existsSync(GO), apt: ['golang-go'] },
    {
      what: 'rs/cors sources',
      present: () => existsSync(RS_CORS),
      apt: ['golang-github-rs-cors-dev'],
    },
  ],
  showsAuthPitfall: true,
  programs: (apps) => {
    const files = Object.fromEntries(apps.map((app) => [`app_${ident(app)}.go`, appFile(app)]));
    return [
      {
        files: {
          ...files,
          'main.go': MAIN,
          'go.mod': `module snippets\n\ngo 1.19\n\nrequire github.com/rs/cors v1.7.0\n\nreplace github.com/rs/cors => ${RS_CORS}\n`,
        },
        // go run builds, then runs the binary as its child: the process group stops both.
        command: GO,
        args: ['run', '.'],
        // Offline: no module proxy, no checksum database; the replace needs neither.
        env: { GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GO111MODULE: 'on' },
        startTimeoutMs: 90_000,
        hosts: apps.map((app) => app.name),
      },
    ];
  },
};
