import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import rootPackage from '../package.json' with { type: 'json' };
import {
  readmeCommands,
  registryFallThrough,
  scriptCommands,
  withoutComment,
} from './readme-blocks';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

const SAMPLE = `# Title

## Try it

\`\`\`sh
npm ci
npm start   # opens Chromium
\`\`\`

\`\`\`json
{ "not": "a command" }
\`\`\`

## Elsewhere

\`\`\`sh
rm -rf /
\`\`\`

## Reports

- a bullet with an indented block:

  \`\`\`bash
  tool \\
    --flag report.har
  \`\`\`

<!-- readme-commands: backend -->

\`\`\`sh

# a comment line alone is not a command
cors-lens report.har
\`\`\`

## Tests

\`\`\`sh
npm test
\`\`\`
`;

describe('readmeCommands', () => {
  it('takes the shell lines of the checked sections only, in order', () => {
    const commands = readmeCommands(SAMPLE, ['Try it', 'Reports', 'Tests']);
    expect(
      commands.map(({ section, command, bare, place, block, line }) => ({
        section,
        command,
        bare,
        place,
        block,
        line,
      })),
    ).toEqual([
      { section: 'Try it', command: 'npm ci', bare: 'npm ci', place: 'repo', block: 0, line: 6 },
      {
        section: 'Try it',
        command: 'npm start   # opens Chromium',
        bare: 'npm start',
        place: 'repo',
        block: 0,
        line: 7,
      },
      {
        section: 'Reports',
        command: 'tool --flag report.har',
        bare: 'tool --flag report.har',
        place: 'repo',
        block: 0,
        line: 25,
      },
      {
        section: 'Reports',
        command: 'cors-lens report.har',
        bare: 'cors-lens report.har',
        place: 'backend',
        block: 1,
        line: 34,
      },
      {
        section: 'Tests',
        command: 'npm test',
        bare: 'npm test',
        place: 'repo',
        block: 0,
        line: 40,
      },
    ]);
  });

  it('fails when a checked section is gone, a place is unknown or a block never closes', () => {
    expect(() => readmeCommands(SAMPLE, ['Try it', 'Install'])).toThrow(/no section "## Install"/);
    expect(() =>
      readmeCommands('## A\n\n<!-- readme-commands: mars -->\n```sh\nx\n```\n', ['A']),
    ).toThrow(/unknown place "mars"/);
    expect(() => readmeCommands('## A\n\n```sh\nx\n', ['A'])).toThrow(/never closed/);
  });

  it('gives a place only to the block right below it', () => {
    const commands = readmeCommands(
      '## A\n\n<!-- readme-commands: backend -->\n\nSome words.\n\n```sh\nx\n```\n',
      ['A'],
    );
    expect(commands.map((c) => c.place)).toEqual(['repo']);
  });
});

describe('withoutComment', () => {
  it('drops a trailing comment, not a # inside a word or quotes', () => {
    expect(withoutComment('npm run x -- a.har   # why')).toBe('npm run x -- a.har');
    expect(withoutComment('echo "a # b" \'#c\' d#e')).toBe('echo "a # b" \'#c\' d#e');
    expect(withoutComment('# only a comment')).toBe('');
  });
});

describe('registryFallThrough', () => {
  it('accepts commands that name no package or name one by its file', () => {
    for (const command of [
      'npm ci',
      'npm start',
      'npm run cors-lens -- report.har',
      'npm install -g ./cors-lens-cli-0.1.0.tgz',
      'npm exec --yes --package=./cors-lens-cli-0.1.0.tgz -- cors-lens report.har',
      'npx --package ./x.tgz cors-lens report.har',
      'npm install',
      'cors-lens report.har',
    ]) {
      expect(registryFallThrough(command), command).toBeUndefined();
    }
  });

  it('rejects commands that can run or install whatever a registry has under a name', () => {
    for (const command of [
      'npx cors-lens report.har',
      'npx --no-install cors-lens report.har',
      'npm exec cors-lens -- report.har',
      'npm x -- cors-lens report.har',
      'npm exec --package=cors-lens -- cors-lens report.har',
      'npm install -g cors-lens',
      'npm i cors-lens-cli',
      'cd x && npx cors-lens a.har',
    ]) {
      expect(registryFallThrough(command), command).toBeDefined();
    }
  });
});

describe('the real README', () => {
  const commands = readmeCommands(README);

  it('shows only commands that cannot fall through to a registry package', () => {
    expect(commands.map((c) => registryFallThrough(c.bare)).filter(Boolean)).toEqual([]);
  });

  it('names the tarball npm run pack:cli writes, at this version', () => {
    const tarball = `cors-lens-cli-${rootPackage.version}.tgz`;
    const backend = commands.filter((c) => c.place === 'backend');
    expect(backend.length).toBeGreaterThan(0);
    expect(
      backend.filter((c) => c.bare.includes('.tgz')).every((c) => c.bare.includes(tarball)),
    ).toBe(true);
    expect(commands.some((c) => c.bare === 'npm run pack:cli')).toBe(true);
  });

  it('Tests shows exactly what .ci/run runs', () => {
    const ci = scriptCommands(readFileSync(resolve(ROOT, '.ci/run'), 'utf8'));
    const tests = commands.filter((c) => c.section === 'Tests').map((c) => c.bare);
    expect(tests).toEqual(['npm test']);
    for (const command of tests) expect(ci).toContain(command);
  });

  it('every npm run script it names exists', () => {
    const scripts = Object.keys(rootPackage.scripts);
    for (const { bare } of commands) {
      for (const match of bare.matchAll(/\bnpm run (?:--?\w+ )*([\w:-]+)/g)) {
        expect(scripts, bare).toContain(match[1]);
      }
    }
  });
});
