import { createHash } from 'node:crypto';

/**
 * The extension id that the "key" in manifest.json pins. Chrome derives an
 * unpacked extension's id from that key, so it is the same on every machine:
 * tests and docs can name chrome-extension://<id>/… directly.
 * e2e/panel-connects.spec.ts checks it against the key and the running worker.
 */
export const EXTENSION_ID = 'lmjfaehbcdkihjlbikkemjdbekfeijmj';

/** Chrome's rule: sha256 of the DER public key, first 32 hex digits, 0-f mapped to a-p. */
export function extensionIdFromKey(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex');
  return hex
    .slice(0, 32)
    .replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + parseInt(digit, 16)));
}
