/**
 * Runs one app built around a snippet as its own program, the way its stack runs in
 * production (node, python, a Go binary, nginx…), on a port chosen here, and stops it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';

/** Inside node_modules, so the Node apps resolve express, fastify and koa as the repo does. */
export const APPS_DIR = resolve(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '.cache',
  'cors-lens-snippets',
);

export interface AppProgram {
  /** Files to write in the app's folder, by relative path. */
  readonly files: Readonly<Record<string, string>>;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Log files it writes (relative paths), shown with its output when something fails. */
  readonly logs?: readonly string[];
  /** Ports it listens on besides its apps' (a backend's): waited for before any app counts as up. */
  readonly alsoListens?: readonly number[];
  /** The names of the apps it runs (AppSpec.name). */
  readonly hosts: readonly string[];
  /** How long it may take to accept connections (a compiled app builds first). */
  readonly startTimeoutMs?: number;
}

export interface RunningProgram {
  readonly command: string;
  /** What it printed so far, for failure messages. */
  output(): string;
  /** Undefined while it runs, then its exit code (null when killed by a signal). */
  exitCode(): number | null | undefined;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now (the app binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** A fresh, empty folder. */
export function freshDir(name: string): string {
  const dir = resolve(APPS_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function startProgram(dir: string, program: AppProgram): RunningProgram {
  for (const [path, text] of Object.entries(program.files)) {
    const file = resolve(dir, path);
    // Programs of one stack share files (Django's urls.py): rewriting one while another
    // program's interpreter reads it would hand that one an empty file.
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  // Its own process group, so stopping it also stops the workers nginx and Apache fork.
  const child = spawn(program.command, program.args, {
    cwd: dir,
    env: { ...process.env, ...program.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((done) => {
    child.once('exit', (code) => {
      exited = code;
      done();
    });
    child.once('error', (error) => {
      output += String(error);
      exited = -1;
      done();
    });
  });
  const signal = (name: NodeJS.Signals) => {
    if (exited !== undefined || child.pid === undefined) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  return {
    command: `${program.command} ${program.args.join(' ')} (in ${dir})`,
    output: () =>
      [
        output,
        ...(program.logs ?? []).map((log) => {
          const file = resolve(dir, log);
          return existsSync(file) ? `--- ${log} ---\n${readFileSync(file, 'utf8')}` : '';
        }),
      ].join('\n'),
    exitCode: () => exited,
    stop: async () => {
      if (exited !== undefined) return;
      signal('SIGTERM');
      const killer = setTimeout(() => signal('SIGKILL'), 3000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** Waits until something accepts connections on the port, or fails with the program's output. */
export async function waitForPort(
  port: number,
  program: RunningProgram,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    const code = program.exitCode();
    if (code !== undefined || Date.now() > deadline) {
      throw new Error(
        `${program.command} ${code !== undefined ? `exited (${String(code)})` : 'is not listening'} on port ${port}:\n${program.output()}`,
      );
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Whether a command can run here (a runtime, a server binary, a Python module…). */
export function runs(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}
