/**
 * Reads the commands out of README.md for scripts/readme-commands.ts, which runs them as
 * written so the README cannot drift from the product. Pure: text in, commands out.
 *
 * A command is a line of a shell code block (```sh, ```bash, ```shell) in one of the
 * checked sections. An HTML comment just above a block, invisible on GitHub, says where
 * the block runs when it is not the repo: `<!-- readme-commands: backend -->` is a folder
 * holding only the report and the CLI tarball, as a backend team has it.
 */

/** The `## ` sections whose commands are run; each must exist. */
export const CHECKED_SECTIONS = [
  'Try it',
  "Reports for the server's team",
  'The CLI',
  'Tests',
] as const;

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh']);
export const PLACES = ['repo', 'backend'] as const;
export type Place = (typeof PLACES)[number];

export interface ReadmeCommand {
  readonly section: string;
  /** The line as written (continuations joined), comments included: sh reads them. */
  readonly command: string;
  /** The command without its trailing `# comment`, for matching. */
  readonly bare: string;
  readonly place: Place;
  /** Which block of the section (0-based): commands of one block share a backend folder. */
  readonly block: number;
  /** 1-based line in README.md, for messages. */
  readonly line: number;
}

/** Drops a trailing `# comment` outside quotes, as sh would. */
export function withoutComment(command: string): string {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"') i++;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '\\') i++;
    else if (char === '#' && (i === 0 || /\s/.test(command[i - 1] ?? ''))) {
      return command.slice(0, i).trimEnd();
    }
  }
  return command.trimEnd();
}

const DIRECTIVE = /^<!--\s*readme-commands:\s*(\S+)\s*-->$/;

/** Every command of the checked sections, in document order. */
export function readmeCommands(
  markdown: string,
  sections: readonly string[] = CHECKED_SECTIONS,
): ReadmeCommand[] {
  const lines = markdown.split(/\r?\n/);
  const found = new Set<string>();
  const commands: ReadmeCommand[] = [];
  let section: string | null = null;
  let blocks = 0;
  let pendingPlace: Place | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading?.[1] !== undefined) {
      section = sections.includes(heading[1]) ? heading[1] : null;
      if (section) found.add(section);
      blocks = 0;
      pendingPlace = null;
      continue;
    }
    const directive = DIRECTIVE.exec(line.trim());
    if (directive) {
      const place = directive[1] as Place;
      if (!PLACES.includes(place)) {
        throw new Error(`README.md:${i + 1}: unknown place "${directive[1] ?? ''}"`);
      }
      pendingPlace = place;
      continue;
    }
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!fence) {
      // A directive belongs to the very next block: anything but blank lines cancels it.
      if (line.trim() !== '') pendingPlace = null;
      continue;
    }
    const [, indent = '', marker = '```', language = ''] = fence;
    // The block's body, up to the closing fence of the same kind and at least its length.
    const body: Array<{ text: string; line: number }> = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const inner = lines[j] ?? '';
      if (inner.trim().startsWith(marker) && inner.trim().replace(/[`~]/g, '') === '') break;
      body.push({
        text: inner.startsWith(indent) ? inner.slice(indent.length) : inner,
        line: j + 1,
      });
    }
    if (j >= lines.length) throw new Error(`README.md:${i + 1}: code block never closed`);
    i = j;
    const place = pendingPlace ?? 'repo';
    pendingPlace = null;
    if (!section || !SHELL_LANGUAGES.has(language)) continue;
    const block = blocks++;
    for (let k = 0; k < body.length; k++) {
      const start = body[k];
      if (!start) continue;
      let command = start.text.trim();
      // A trailing backslash continues the command on the next line, as in sh.
      while (command.endsWith('\\') && k + 1 < body.length) {
        command = `${command.slice(0, -1).trimEnd()} ${(body[++k]?.text ?? '').trim()}`;
      }
      const bare = withoutComment(command);
      if (bare === '') continue;
      commands.push({ section, command, bare, place, block, line: start.line });
    }
  }
  const missing = sections.filter((name) => !found.has(name));
  if (missing.length > 0) {
    throw new Error(`README.md has no section ${missing.map((s) => `"## ${s}"`).join(', ')}`);
  }
  return commands;
}

/**
 * Why a command could run a package nobody chose, or undefined when it cannot. npx, `npm
 * exec` and `npm x` look a bare name up in the registry when it is not installed (npx even
 * with --no-install: it asks before refusing), and whoever owns that name there decides what
 * runs; `npm install` of a name is the same. Only a package named by its file is safe.
 */
export function registryFallThrough(bare: string): string | undefined {
  const words = bare.split(/\s+/);
  const fileSpec = (spec: string) => /^(\.{1,2}\/|\/|file:)/.test(spec);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1] ?? '';
    const isExec = word === 'npx' || (word === 'npm' && (next === 'exec' || next === 'x'));
    if (isExec) {
      const rest = words.slice(word === 'npx' ? i + 1 : i + 2);
      const packages = rest
        .map((arg, n) =>
          arg.startsWith('--package=')
            ? arg.slice('--package='.length)
            : arg === '--package' || arg === '-p'
              ? (rest[n + 1] ?? '')
              : null,
        )
        .filter((spec): spec is string => spec !== null);
      if (packages.length === 0) {
        return `\`${bare}\`: ${word === 'npx' ? 'npx' : `npm ${next}`} without --package=./<file> looks the command up in the registry when it is not installed`;
      }
      const named = packages.find((spec) => !fileSpec(spec));
      if (named !== undefined) return `\`${bare}\`: --package=${named} is a registry name`;
    }
    if (word === 'npm' && ['install', 'i', 'add'].includes(next)) {
      const specs = words.slice(i + 2).filter((arg) => !arg.startsWith('-'));
      const named = specs.find((spec) => !fileSpec(spec));
      if (named !== undefined)
        return `\`${bare}\`: npm install ${named} fetches a registry package`;
    }
  }
  return undefined;
}

/** The commands a CI script runs: its lines, trimmed, without comments or blank lines. */
export function scriptCommands(script: string): string[] {
  return script
    .split(/\r?\n/)
    .map((line) => withoutComment(line.trim()))
    .filter((line) => line !== '');
}
