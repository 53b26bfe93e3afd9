/**
 * CORS Lens report: the HAR 1.2 export with `_cors` fields and its import, Markdown for a
 * ticket, the curl pair, redaction, and the `cors-lens` command's logic. Pure.
 */
export { exportHar, type ExportOptions } from './har-export';
export { importHar, type ImportStage } from './har-import';
export type { HarSource, ImportedExchange, ImportResult } from './import-types';
export type * from './har-types';
export { harFileName } from './filename';
export {
  markdownForExchange,
  markdownReport,
  type JudgedExchange,
  type MarkdownOptions,
  type ReportOptions,
} from './markdown';
export { curlPair, type CurlOptions, type CurlPair } from './curl';
export { redactHeader, redactUrl, isSecretHeader } from '../secrets';
export { countVerdicts, describeCounts, VERDICT_ORDER } from './summary';
export { runCli, parseCliArgs, USAGE, type CliResult, type CliOptions } from './cli';
