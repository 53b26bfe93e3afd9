/**
 * Opens a report in a worker (import-worker.ts) and reports progress; where workers are not
 * available (the panel's unit tests), in this thread.
 */
import { importHar, type ImportResult, type ImportStage } from '../../report';
import { isImportReply, type ImportRequest } from './import-messages';

export function importOffThread(
  file: Blob,
  onProgress: (progress: ImportStage) => void,
): Promise<ImportResult> {
  if (typeof Worker === 'undefined') {
    return file.text().then((text) => importHar(text, onProgress));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const reply = event.data;
      if (!isImportReply(reply)) {
        worker.terminate();
        reject(new Error('The import worker sent something that is not a reply.'));
        return;
      }
      if (reply.kind === 'progress') {
        onProgress(reply.progress);
        return;
      }
      worker.terminate();
      resolve(reply.result);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The import worker failed: ${event.message}`));
    };
    const request: ImportRequest = { file };
    worker.postMessage(request);
  });
}
