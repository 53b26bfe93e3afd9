/**
 * `npm run bench`: every figure is a ratio or a scaling measured in this run, against a
 * baseline measured in this run (these machines are noisy). Prints a table, writes
 * bench-results/<timestamp>.json and latest.json, and bench/latest.md for the README.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'prettier';
import { benchFlood, benchOverhead, RUNG_LABELS, RUNGS, type Rung } from './capture';
import { benchEngine } from './engine';
import { benchFuzz } from './fuzz';
import { benchImport } from './import';
import { launch } from './launch';
import { benchPanel } from './panel';

const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');

function log(message: string) {
  console.log(`[bench] ${message}`);
}

log('engine vs structured clone…');
const engine = benchEngine(quick ? 5_000 : 20_000);
log('fuzzing (engine and capture)…');
const fuzz = benchFuzz(quick ? 5_000 : 50_000, quick ? 5_000 : 50_000);
log('opening large reports (import of a browser HAR, the CLI on 50 MB)…');
const imports = benchImport(quick ? [1_000, 4_000] : [1_000, 4_000, 8_000, 16_000], {
  rounds: quick ? 1 : 3,
  craftedPairs: 4_000,
  cliBytes: (quick ? 10 : 50) * 2 ** 20,
});
log('panel at 1k, 10k, 100k…');
const panelContext = await launch(true);
const panel = await benchPanel(panelContext, quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
await panelContext.close();
log('capture overhead: the ladder from no extension to CORS Lens with its panel open…');
const overhead = await benchOverhead(quick ? 1 : 5, quick ? 300 : 1_000);
log('memory under a flood…');
const flood = await benchFlood(quick ? [6_000, 10_000] : [10_000, 50_000]);

const goal = (met: boolean) => (met ? 'met' : '**missed**');
const rows: Array<[string, string, string, string]> = [
  ...RUNGS.filter((rung) => rung !== 'none').map((rung): [string, string, string, string] => {
    const goals: Partial<Record<Rung, [string, boolean]>> = {
      permission: ['the floor: the browser’s price of the permission', true],
      inspectedOnly: [
        '≈ the permission’s price',
        overhead.ratio.inspectedOnly <= overhead.ratio.permission + 0.05,
      ],
      probeOff: ['≤ 1.25×', overhead.ratio.probeOff <= 1.25],
      panelClosed: ['≤ 1.25×', overhead.ratio.panelClosed <= 1.25],
      panelOpen: ['≤ 1.05× panel closed', overhead.panelOpenOverClosed <= 1.05],
    };
    const [target, met] = goals[rung] ?? ['a control, not ours to change', true];
    const extra = rung === 'panelOpen' ? `; ${overhead.panelOpenOverClosed}× panel closed` : '';
    return [
      `Page load with ${RUNG_LABELS[rung]} (${overhead.requests} requests, median of ${overhead.rounds} rounds)`,
      `${overhead.ratio[rung]}× no extension (${overhead.medianMs[rung]} ms vs ${overhead.medianMs.none} ms)${extra}`,
      target,
      goals[rung] ? goal(met) : '',
    ];
  }),
  ...panel.sizes.map((s): [string, string, string, string] => [
    `Panel, ${s.exchanges.toLocaleString('en')} exchanges`,
    `first rows ${s.firstRowsMs} ms; whole log ${s.firstRenderMs} ms (${s.parseMs} ms of it JSON.parse); keystroke ${s.keystrokeMs} ms (max ${s.keystrokeMaxMs}); filter results ${s.filterResultMs} ms; longest task ${s.longestTaskMs} ms; heap ${s.heapMB} MB`,
    'no frame > 100 ms',
    goal(s.longestTaskMs <= 100 && s.keystrokeMaxMs <= 100),
  ]),
  [
    'Panel scaling 10k → 100k, per exchange',
    `the panel's handling ${panel.handleScaling}×, keystroke ${panel.keystrokeScaling}×, heap ${panel.heapScaling}×; whole log ${panel.firstRenderScaling}× (JSON.parse ${panel.parseScaling}×)`,
    '≤ 1.0× (linear)',
    goal(panel.handleScaling <= 1.1 && panel.keystrokeScaling <= 1.1 && panel.heapScaling <= 1.1),
  ],
  [
    `Import of a browser HAR, ${imports.sizes.map((s) => `${s.entries / 1000}k`).join(' / ')} entries`,
    `${imports.sizes.map((s) => `${s.ms} ms (${s.perEntryUs} µs/entry)`).join(' / ')}; per entry ${imports.scaling}× the ${imports.sizes[0]?.entries.toLocaleString('en')}-entry file`,
    'per entry ≤ 1.3× at 16k',
    goal(imports.scaling <= 1.3),
  ],
  [
    `Import of the old importer's worst case (${imports.crafted.pairs.toLocaleString('en')} preflights and requests, ${(imports.crafted.bytes / 2 ** 20).toFixed(1)} MB)`,
    `${imports.crafted.ms} ms: ${imports.crafted.perEntryOverFirst}× per entry the ${imports.sizes[0]?.entries.toLocaleString('en')}-entry file (was 40.8 s)`,
    'per entry ≤ 1.3× (no pair compared with every other)',
    goal(imports.crafted.perEntryOverFirst <= 1.3),
  ],
  [
    `\`cors-lens --json\` on a ${Math.round(imports.cli.bytes / 2 ** 20)} MB HAR (${imports.cli.entries.toLocaleString('en')} entries)`,
    `${(imports.cli.ms / 1000).toFixed(1)} s, exit ${imports.cli.exitCode}`,
    '≤ 5 s',
    goal(imports.cli.ms <= 5_000 && imports.cli.exitCode !== 2),
  ],
  [
    `Engine (${engine.exchanges.toLocaleString('en')} exchanges)`,
    `${engine.judgedPerSecond.toLocaleString('en')} judged/s; ${engine.engineToClone}× the clone (${engine.clonedPerSecond.toLocaleString('en')} cloned/s); cloning the verdicts alone ${engine.verdictCloneToClone}× (${Math.round(engine.verdictBytesShare * 100)}% of the bytes)`,
    '≤ 0.5× the clone',
    goal(engine.engineToClone <= 0.5),
  ],
  [
    `Memory after ${flood.points.at(-1)?.requests.toLocaleString('en')} requests (cap ${flood.perTabCap.toLocaleString('en')}/tab)`,
    `${flood.points.map((p) => `${p.requests / 1000}k: heap ${p.workerHeapMB} MB, storage ${(p.sessionBytes / 2 ** 20).toFixed(1)} MB (${p.stored.toLocaleString('en')} of ${p.kept.toLocaleString('en')} exchanges)`).join('; ')}; ${flood.bytesPerKeptExchange} B/exchange stored`,
    'flat beyond the cap',
    goal(flood.heapGrowthBeyondCap <= 1.1 && flood.storageGrowthBeyondCap <= 1.05),
  ],
  [
    'Fuzzing (engine + capture)',
    `${(fuzz.engineCases + fuzz.captureCases).toLocaleString('en')} cases, ${fuzz.failures} failures, ${fuzz.seconds} s`,
    'no exception, no stuck exchange',
    goal(fuzz.failures === 0),
  ],
];

const when = new Date();
const table = [
  '| Measure | Result | Goal | |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const machine = `Node ${process.version}, ${(await import('node:os')).cpus().length} cores, Chromium (headless)`;
const markdown = `<!-- Written by \`npm run bench\`; do not edit. -->\n_${when.toISOString()}, ${machine}${quick ? ', --quick' : ''}_\n\n${table}\n`;

console.log(`\n${table}\n`);
const results = {
  when: when.toISOString(),
  machine,
  quick,
  engine,
  fuzz,
  imports,
  panel,
  overhead,
  flood,
};
mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
writeFileSync(
  resolve(ROOT, 'bench-results', `${when.toISOString().replace(/[:.]/g, '-')}.json`),
  json,
);
writeFileSync(resolve(ROOT, 'bench-results', 'latest.json'), json);
// Formatted as `npm run lint` wants it: the file is committed.
writeFileSync(resolve(ROOT, 'bench', 'latest.md'), await format(markdown, { parser: 'markdown' }));
log('wrote bench-results/latest.json and bench/latest.md');
if (fuzz.failures > 0) process.exitCode = 1;
