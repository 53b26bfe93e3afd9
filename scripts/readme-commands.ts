/**
 * `npm run test:readme`: runs the commands of README.md's Try it, Reports, The CLI and
 * Tests sections exactly as written, in a clean copy of the repo, so the README cannot
 * drift from the product (scripts/readme-blocks.ts says what counts as a command).
 *
 * The clean environment: the files git would commit (tracked and new, not ignored; the
 * working tree's versions, so an edited README is checked before its commit) copied to a
 * temporary folder; no node_modules, no dist; a fresh HOME (no ~/.npmrc, no global
 * packages); npm's global prefix in the temporary folder (`npm install -g` installs there
 * and its bin is on PATH); nothing of an outer `npm run` (npm_* variables, node_modules/.bin
 * on PATH); no DISPLAY. npm reuses the machine's package cache, preferring it to the network,
 * so `npm ci` does not download again what is already there.
 *
 * What each command must do:
 *   - `npm start` opens a browser and waits for Ctrl-C: it runs with CORS_LENS_START_CHECK=1,
 *     which makes scripts/start.ts verify the panel in DevTools lists every scenario and exit
 *     0. Commands that launch Chromium hold /tmp/cors-lens-browser.lock (two shared cores).
 *   - `npm test` is what CI runs (.ci/run) and contains nothing of this check: it is not run
 *     here (that would run the whole suite twice); .ci/run must run exactly that line.
 *   - A command reading `report.har` gets src/report/fixtures/chrome-devtools.har under that
 *     name, a real Chrome export with blocked requests: it must exit 1 (the README's "exits 1
 *     when any exchange is blocked") and say BLOCKED, or print JSON with --json.
 *   - Every other command must exit 0.
 *   - Blocks marked `<!-- readme-commands: backend -->` run in an empty folder holding only
 *     report.har and the cors-lens-cli tarball(s) an earlier command wrote to packages/.
 * No command may fall through to an unknown registry package (registryFallThrough).
 *
 *   tsx scripts/readme-commands.ts [--keep]   --keep leaves the temporary folder for a look
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import {
  readmeCommands,
  registryFallThrough,
  scriptCommands,
  type ReadmeCommand,
} from './readme-blocks';

const ROOT = resolve(import.meta.dirname, '..');
const REPORT_FIXTURE = resolve(ROOT, 'src/report/fixtures/chrome-devtools.har');
const BROWSER_LOCK = '/tmp/cors-lens-browser.lock';
/** Commands that launch Chromium, so they wait for the shared browser lock. */
const LAUNCHES_BROWSER = /\bnpm (start|test)\b|\bnpm run (test:e2e|screenshot|bench|record:)/;
/** What CI runs; the README's Tests section must name it and .ci/run must run it. */
const CI_SCRIPT = '.ci/run';
const keep = process.argv.includes('--keep');

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

interface Expectation {
  readonly exitCode: number;
  readonly check?: (stdout: string) => string | undefined;
}

function expectationFor(command: ReadmeCommand): Expectation {
  if (/(^|\s)report\.har(\s|$)/.test(command.bare)) {
    if (/\s--json(\s|$)/.test(command.bare)) {
      return {
        exitCode: 1,
        check: (stdout) => {
          try {
            const rows = JSON.parse(stdout) as Array<{ verdict?: string }>;
            return rows.some((row) => row.verdict === 'blocked')
              ? undefined
              : 'the JSON lists no blocked exchange';
          } catch {
            return 'stdout is not JSON (an npm banner? run it with --silent)';
          }
        },
      };
    }
    return {
      exitCode: 1,
      check: (stdout) => (/^BLOCKED /m.test(stdout) ? undefined : 'no BLOCKED line in the output'),
    };
  }
  return { exitCode: 0 };
}

/** The files a commit would hold, copied as they are in the working tree. */
function copyRepo(target: string): number {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  let copied = 0;
  for (const file of new Set(listed.stdout.split('\0').filter(Boolean))) {
    const from = join(ROOT, file);
    // Deleted but not yet committed, or a submodule folder: nothing to copy.
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(from, join(target, file));
    copied++;
  }
  return copied;
}

const MACHINE_NETWORK = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

function cleanEnv(work: string): NodeJS.ProcessEnv {
  const cache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
  const prefix = join(work, 'npm-global');
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !dir.includes('node_modules'));
  const env: NodeJS.ProcessEnv = {
    PATH: [join(prefix, 'bin'), ...path].join(delimiter),
    HOME: join(work, 'home'),
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: process.env.LANG ?? 'C.UTF-8',
    npm_config_prefix: prefix,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    CORS_LENS_START_CHECK: '1',
  };
  if (cache) env.npm_config_cache = cache;
  // The machine's own npm settings (its CA file, a registry mirror) stay: they are how this
  // machine reaches the network, not state of the project or of the user. They live next to
  // npm's prefix, which moves to the temporary folder, so name the file.
  const globalConfig = spawnSync('npm', ['config', 'get', 'globalconfig'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (globalConfig && existsSync(globalConfig)) env.npm_config_globalconfig = globalConfig;
  // Likewise the trust store and proxy the network needs (names only; values pass through).
  for (const name of MACHINE_NETWORK) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (process.env.CHROMIUM_PATH) env.CHROMIUM_PATH = process.env.CHROMIUM_PATH;
  if (process.env.CI) env.CI = process.env.CI;
  mkdirSync(env.HOME ?? '', { recursive: true });
  mkdirSync(join(prefix, 'bin'), { recursive: true });
  return env;
}

const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).status === 0;

/**
 * Whether a process above this one already holds the browser lock (someone ran
 * `flock /tmp/cors-lens-browser.lock npm run test:readme`): taking it again from a child
 * would wait for ourselves forever. Linux's /proc/locks names each holder's pid and inode.
 */
function browserLockHeldAbove(): boolean {
  try {
    const inode = statSync(BROWSER_LOCK).ino;
    const holders = new Set(
      readFileSync('/proc/locks', 'utf8')
        .split('\n')
        // "1: FLOCK  ADVISORY  WRITE <pid> <maj:min:inode> 0 EOF"; "1: -> FLOCK …" is a waiter.
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[1] === 'FLOCK' && fields[5]?.endsWith(`:${inode}`))
        .map((fields) => Number(fields[4])),
    );
    for (let pid = process.pid; pid > 1;) {
      if (holders.has(pid)) return true;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "<pid> (<comm>) <state> <ppid> …": comm may hold spaces, so read after its ")".
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // No lock file yet, or no /proc: nothing above us holds it.
  }
  return false;
}

const takeBrowserLock = hasFlock && !browserLockHeldAbove();

interface Outcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const started = Date.now();
  const argv =
    LAUNCHES_BROWSER.test(command) && takeBrowserLock
      ? ['flock', BROWSER_LOCK, 'sh', '-c', command]
      : ['sh', '-c', command];
  return new Promise((done) => {
    const child = spawn(argv[0] ?? 'sh', argv.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code, signal) => {
      done({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Where the clean copy goes. `npm ci` writes some 300 MB of node_modules there and the end
 * removes it: on a shared, busy disk removing it alone took a minute, in memory a second or two.
 * So a roomy tmpfs (/dev/shm) when there is one; otherwise (Docker's 64 MB one, macOS) the
 * system's temporary folder. CORS_LENS_README_TMP names another place.
 */
function workParent(): string {
  const chosen = process.env.CORS_LENS_README_TMP;
  if (chosen) return chosen;
  const shm = '/dev/shm';
  try {
    accessSync(shm, constants.W_OK);
    const { bavail, bsize } = statfsSync(shm);
    if (bavail * bsize >= 2 * 1024 ** 3) return shm;
  } catch {
    // No /dev/shm here: the ordinary temporary folder it is.
  }
  return tmpdir();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const tail = (text: string, lines = 30) =>
  text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((line) => `      ${line}`)
    .join('\n');

async function main(): Promise<number> {
  const started = Date.now();
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const failures: string[] = [];

  for (const command of commands) {
    const why = registryFallThrough(command.bare);
    if (why) failures.push(`README.md:${command.line}: ${why}`);
  }
  const ciCommands = scriptCommands(readFileSync(join(ROOT, CI_SCRIPT), 'utf8'));
  const testCommands = commands.filter((c) => c.section === 'Tests');
  if (testCommands.length === 0) failures.push('the Tests section shows no command');
  for (const command of testCommands) {
    if (!ciCommands.includes(command.bare)) {
      failures.push(`README.md:${command.line}: ${CI_SCRIPT} does not run \`${command.bare}\``);
    }
  }
  if (failures.length > 0) {
    for (const failure of failures) say(`FAIL ${failure}`);
    return 1;
  }

  const work = mkdtempSync(join(workParent(), 'cors-lens-readme-'));
  const repo = join(work, 'repo');
  say(`Copying the repo to ${repo} (${copyRepo(repo)} files)`);
  const env = cleanEnv(work);
  say(
    takeBrowserLock
      ? `Commands that launch Chromium wait for ${BROWSER_LOCK}`
      : `${BROWSER_LOCK}: ${hasFlock ? 'already held by a process above this one' : 'no flock here'}, not taken again`,
  );
  say(`Ready in ${seconds(Date.now() - started)}`);
  copyFileSync(REPORT_FIXTURE, join(repo, 'report.har'));
  const backends = new Map<string, string>();
  // Interrupted (Ctrl-C, a CI timeout): the copy may sit in memory (/dev/shm), so remove it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (!keep) rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }

  try {
    for (const command of commands) {
      const where = `README.md:${command.line} (${command.section})`;
      if (command.section === 'Tests') {
        say(`skip ${command.command}   # ${where}: CI runs it (${CI_SCRIPT}); not run twice`);
        continue;
      }
      let cwd = repo;
      if (command.place === 'backend') {
        const key = `${command.section}#${command.block}`;
        let folder = backends.get(key);
        if (!folder) {
          folder = join(work, `backend-${backends.size + 1}`);
          mkdirSync(folder);
          copyFileSync(REPORT_FIXTURE, join(folder, 'report.har'));
          const packagesDir = join(repo, 'packages');
          const tarballs = existsSync(packagesDir)
            ? readdirSync(packagesDir).filter((name) => /^cors-lens-cli-.*\.tgz$/.test(name))
            : [];
          if (tarballs.length === 0) {
            failures.push(`${where}: no packages/cors-lens-cli-*.tgz for the backend folder`);
            break;
          }
          for (const name of tarballs) copyFileSync(join(packagesDir, name), join(folder, name));
          backends.set(key, folder);
        }
        cwd = folder;
      }
      const expected = expectationFor(command);
      const outcome = await run(command.command, cwd, env);
      const problems = [
        outcome.exitCode === expected.exitCode
          ? undefined
          : `exit ${outcome.exitCode}, expected ${expected.exitCode}`,
        outcome.exitCode === expected.exitCode ? expected.check?.(outcome.stdout) : undefined,
      ].filter((p): p is string => p !== undefined);
      const seconds = (outcome.ms / 1000).toFixed(1).padStart(5);
      const place = command.place === 'backend' ? ' [backend folder]' : '';
      if (problems.length === 0) {
        say(`ok   ${seconds} s  ${command.command}${place}   exit ${outcome.exitCode}`);
      } else {
        say(`FAIL ${seconds} s  ${command.command}${place}   ${problems.join('; ')}`);
        say(
          `    ${where}, in ${cwd}\n    stdout:\n${tail(outcome.stdout)}\n    stderr:\n${tail(outcome.stderr)}`,
        );
        failures.push(`${where}: \`${command.command}\`: ${problems.join('; ')}`);
        // Later commands build on earlier ones (npm ci first): stop at the first failure.
        break;
      }
    }
  } finally {
    if (keep) say(`Kept ${work}`);
    else {
      // node_modules is most of it: on a loaded disk, removing it takes seconds; say so.
      const removing = Date.now();
      rmSync(work, { recursive: true, force: true });
      say(`Removed the temporary folder in ${seconds(Date.now() - removing)}`);
    }
  }
  const total = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) {
    say(`\nREADME commands: ${failures.length} failure(s) in ${total} s`);
    for (const failure of failures) say(`  ${failure}`);
    return 1;
  }
  say(`\nREADME commands: all ${commands.length} as written, in ${total} s`);
  return 0;
}

process.exitCode = await main();
