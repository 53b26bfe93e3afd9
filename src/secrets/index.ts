/**
 * What counts as a secret in a recorded exchange, and what stands in for it: one set of
 * rules for every output (the HAR report, Markdown, curl, the CLI) and for what the
 * worker keeps at rest. Pure: no browser API, tested in Node.
 */
export { redactHeader, type RedactedHeader } from './header-values';
export {
  charCount,
  isUrlMarker,
  redactionMarker,
  urlRedactionMarker,
  type Redacted,
} from './markers';
export { isSecretHeader, isSecretName, isStandardHeader } from './names';
export { isTokenShaped, looksRandom, redactShapes } from './shapes';
export { decodeComponent, redactUrl, type RedactedUrl } from './urls';
