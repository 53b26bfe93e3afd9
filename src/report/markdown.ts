/**
 * Copy as Markdown (design.md §1.5): a ticket for the server's owner. What failed in one
 * line, the header lines that prove it, the exact headers to send, the snippet for their
 * stack, and the curl pair to check the fix. Plain Markdown, no HTML.
 */
import type { ExchangeObservation, Fix, FixCheck, HeaderLine, Verdict } from '../cors';
import { fixCheck } from '../cors/fix-check';
import { callFixText, responseFixTitle } from '../cors/fix-text';
import {
  isVerifiedStack,
  serverSnippets,
  snippetInputFor,
  verificationText,
} from '../cors/snippets';
import type { SnippetId, SnippetLanguage } from '../cors/snippets';
import { showControls } from './controls';
import { curlPair } from './curl';
import { evidence } from './markdown-evidence';
import { codeBlock, heading, inlineCode, plain } from './markdown-text';
import { Redactor } from './redactor';
import { countVerdicts, describeCounts } from './summary';

/** What the Markdown needs of an exchange: the panel's Exchange and an imported one both fit. */
export interface JudgedExchange {
  readonly observation: ExchangeObservation;
  readonly verdict: Verdict;
  /** The final response's status line, when recorded (`HTTP/1.1 502 Bad Gateway`). */
  readonly statusLine?: string;
}

export interface MarkdownOptions {
  /** The server stack whose snippet to include; without it the stacks are listed. */
  readonly stack?: SnippetId;
  /** Replace cookies, credentials and token-like values by markers. Default true. */
  readonly redact?: boolean;
  /** Level of the exchange's heading. Default 2. */
  readonly headingLevel?: number;
}

const FENCE_LANGUAGE: Readonly<Record<SnippetLanguage, string>> = {
  js: 'js',
  python: 'python',
  java: 'java',
  csharp: 'csharp',
  go: 'go',
  ruby: 'ruby',
  nginx: 'nginx',
  apache: 'apache',
};

const TITLE_LABEL: Readonly<Record<JudgedExchange['verdict']['status'], string>> = {
  blocked: 'Blocked',
  failed: 'Failed, not CORS',
  unexplained: 'Failed',
  allowed: 'Allowed',
  pending: 'Pending',
  'not-applicable': 'Not CORS',
};

function title(x: JudgedExchange, r: Redactor): string {
  const { request } = x.observation;
  const status = x.verdict.status;
  const label = TITLE_LABEL[status];
  return `${label}: ${request.method} ${r.url(request.url)}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function facts(x: JudgedExchange, r: Redactor): string[] {
  const { verdict, observation } = x;
  const failure = verdict.failure;
  const lines: string[] = [];
  if (failure) {
    const firefox = failure.firefoxReason ? `, Firefox: ${inlineCode(failure.firefoxReason)}` : '';
    const parameter =
      failure.failedParameter === ''
        ? ''
        : ` (failed parameter ${inlineCode(r.text(failure.failedParameter))})`;
    lines.push(`- Check: Chromium ${inlineCode(failure.corsError)}${parameter}${firefox}`);
    if (failure.httpStatus !== null && failure.httpStatus >= 400) {
      lines.push(
        `- The server's real answer was HTTP ${failure.httpStatus}: the "CORS error" hides it.`,
      );
    }
  }
  lines.push(
    `- Request from ${inlineCode(observation.initiatorOrigin)}` +
      (verdict.requestOrigin !== observation.initiatorOrigin
        ? ` (the server saw ${inlineCode(`Origin: ${verdict.requestOrigin}`)} after a redirect)`
        : '') +
      `; credentials ${verdict.credentials.value === 'include' ? 'included' : 'not included'}: ${sentence(plain(verdict.credentials.source))}`,
  );
  const site = observation.page?.callSite;
  if (site) {
    lines.push(`- Called from ${inlineCode(`${r.url(site.url)}:${site.line}:${site.column}`)}`);
  }
  const pf = verdict.preflight;
  if (pf.needed || pf.seen !== 'none') {
    const why = pf.reasons.map((reason) => plain(r.text(reason.text))).join(' ');
    const seen =
      pf.seen === 'sent' ? 'sent' : pf.seen === 'cached' ? 'not sent (cached)' : 'not sent';
    lines.push(`- Preflight: ${seen}. ${why}`.trimEnd());
    if (pf.cache) lines.push(`  ${plain(pf.cache.note)}`);
  }
  return lines;
}

/** One header per line: a line break inside a value (from a crafted file) is shown escaped. */
function headerBlock(lines: readonly HeaderLine[], r: Redactor): string {
  const shown = lines.map((h) => showControls(`${h.name}: ${r.header(h.name, h.value)}`));
  return codeBlock('http', shown.join('\n'));
}

/** Each response to change, by its URL, then what the engine's own check of the fix found. */
function fixSection(fix: Fix, check: FixCheck, r: Redactor): string[] {
  const out = ['**Fix**'];
  for (const response of fix.responses) {
    out.push('', `${plain(responseFixTitle(response, r.url(response.url)))}:`);
    if (response.set.length > 0) out.push('', 'Send:', '', headerBlock(response.set, r));
    if (response.keep.length > 0) {
      out.push('', 'Already right, keep sending:', '', headerBlock(response.keep, r));
    }
    if (response.remove.length > 0) {
      out.push('', 'Remove:', '', headerBlock(response.remove, r));
    }
  }
  if (fix.byHeaders) out.push('', sentence(plain(check.explanation)));
  if (fix.call) {
    out.push('', `Change the page's call: pass ${inlineCode(callFixText(fix.call))} to fetch().`);
  }
  if (fix.steps.length > 0) out.push('', ...fix.steps.map((step) => `- ${plain(r.text(step))}`));
  return out;
}

function snippetSection(x: JudgedExchange, stack: SnippetId | undefined): string[] {
  const input = snippetInputFor(x.observation, x.verdict);
  if (!input) return [];
  const snippets = serverSnippets(input);
  const chosen = snippets.find((s) => s.id === stack);
  if (!chosen) {
    const verified = snippets.filter((s) => isVerifiedStack(s.id)).map((s) => s.name);
    return [
      `Configuration snippets are ready for ${snippets.map((s) => s.name).join(', ')}: ask for the one your server uses. Verified on real servers by CORS Lens's snippet suite: ${verified.join(', ')}.`,
    ];
  }
  return [
    `**${plain(chosen.name)}**`,
    '',
    codeBlock(FENCE_LANGUAGE[chosen.language], chosen.code),
    '',
    sentence(plain(verificationText(chosen.id))),
    '',
    `Pitfall: ${plain(chosen.pitfall)}`,
    ...(chosen.notes ?? []).map((n) => `- ${plain(n)}`),
  ];
}

function curlSection(x: JudgedExchange, redact: boolean): string[] {
  const pair = curlPair(x.observation, { redact });
  const commands = pair.preflight === null ? pair.actual : `${pair.preflight}\n\n${pair.actual}`;
  if (x.observation.page?.beforeNetwork) {
    // The refusal happened in the page: curl shows only what the server would have answered.
    return [
      '**The same request with curl**',
      '',
      'The browser refused this call before sending it: curl cannot reproduce the refusal, only show what the server would answer.',
      '',
      codeBlock('sh', commands),
    ];
  }
  return ['**Reproduce with curl**', '', codeBlock('sh', commands)];
}

function body(x: JudgedExchange, level: number, options: MarkdownOptions, r: Redactor): string {
  const { verdict, observation } = x;
  // Before any prose: the redactor must know this exchange's secrets to scrub them from it.
  r.learn(observation);
  const proof = evidence(observation, verdict, x.statusLine, r);
  const parts: string[][] = [[heading(level, title(x, r))]];
  const failure = verdict.failure;
  if (failure) parts.push([`**What failed:** ${sentence(plain(r.text(failure.summary)))}`]);
  else if (verdict.cause) {
    const c = verdict.cause;
    parts.push([
      `**What failed:** ${inlineCode(r.text(c.error))}: ${sentence(plain(r.text(c.meaning)))}`,
      ...(c.header
        ? [
            '',
            `Decided by: ${inlineCode(`${c.header.name}: ${c.header.name === 'Location' ? r.url(c.header.value) : r.text(c.header.value)}`)} on ${plain(r.url(c.url))}`,
          ]
        : []),
      ...(c.send
        ? [
            '',
            `Send instead, on ${plain(r.url(c.url))}:`,
            '',
            codeBlock('http', showControls(`${c.send.name}: ${r.text(c.send.value)}`)),
          ]
        : []),
      '',
      '**What to do**',
      '',
      ...c.steps.map((step) => `- ${plain(step)}`),
    ]);
  } else if (verdict.unexplained) {
    const u = verdict.unexplained;
    parts.push([
      `**What failed:** ${inlineCode(r.text(u.error))}: ${sentence(plain(r.text(u.meaning)))}`,
      '',
      ...u.likelyCauses.map((c) => `- ${plain(c)}`),
    ]);
  } else parts.push([`**Verdict:** ${sentence(plain(r.text(verdict.headline)))}`]);
  parts.push(facts(x, r));
  if (verdict.status !== 'not-applicable') {
    parts.push(['**Evidence**', '', codeBlock('http', proof)]);
  }
  if (failure) {
    parts.push(fixSection(failure.fix, fixCheck(observation, verdict), r));
    const snippet = snippetSection(x, options.stack);
    if (snippet.length > 0) parts.push(snippet);
  }
  if (verdict.warnings.length > 0) {
    parts.push([
      '**Warnings**',
      '',
      ...verdict.warnings.map((w) => `- ${inlineCode(w.id)}: ${plain(r.text(w.message))}`),
    ]);
  }
  if (verdict.status !== 'not-applicable') parts.push(curlSection(x, r.enabled));
  return parts.map((p) => p.join('\n')).join('\n\n');
}

/** One exchange, for a ticket. */
export function markdownForExchange(x: JudgedExchange, options: MarkdownOptions = {}): string {
  const redactor = new Redactor(options.redact ?? true);
  return `${body(x, options.headingLevel ?? 2, options, redactor)}\n`;
}

export interface ReportOptions extends Omit<MarkdownOptions, 'headingLevel'> {
  /** The inspected page, for the title. */
  readonly page?: string;
}

/** Failures that are the same problem: one section, with how often it happened. */
function groupKey(x: JudgedExchange): string {
  const url = x.observation.request.url.split('?')[0] ?? '';
  const f = x.verdict.failure;
  const error = f
    ? `${f.corsError}\u0000${f.failedParameter}`
    : (x.verdict.cause?.error ?? x.verdict.unexplained?.error ?? '');
  return [x.verdict.status, x.observation.request.method, url, error].join('\u0000');
}

/** The whole report: failures first (grouped), then what was allowed, with its warnings. */
export function markdownReport(
  exchanges: readonly JudgedExchange[],
  options: ReportOptions = {},
): string {
  const r = new Redactor(options.redact ?? true);
  for (const x of exchanges) r.learn(x.observation);
  const counts = countVerdicts(exchanges.map((x) => x.verdict));
  const lines: string[] = [
    heading(1, `CORS report${options.page === undefined ? '' : ` for ${r.url(options.page)}`}`),
    '',
    `${exchanges.length} exchange(s): ${describeCounts(counts)}. Recorded and judged by CORS Lens.`,
  ];
  const groups = new Map<string, JudgedExchange[]>();
  for (const x of exchanges) {
    const status = x.verdict.status;
    if (status !== 'blocked' && status !== 'failed' && status !== 'unexplained') continue;
    const key = groupKey(x);
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  if (groups.size > 0) lines.push('', heading(2, 'Failed requests'));
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    lines.push('', body(first, 3, options, r));
    if (group.length > 1) lines.push('', `Seen ${group.length} times in this report.`);
  }
  const allowed = exchanges.filter((x) => x.verdict.status === 'allowed');
  if (allowed.length > 0) {
    lines.push('', heading(2, 'Allowed requests'), '');
    for (const x of allowed) {
      const { request } = x.observation;
      lines.push(
        `- ${inlineCode(`${request.method} ${r.url(request.url)}`)}: ${plain(r.text(x.verdict.headline))}`,
      );
      for (const w of x.verdict.warnings) {
        lines.push(`  - Warning ${inlineCode(w.id)}: ${plain(r.text(w.message))}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
