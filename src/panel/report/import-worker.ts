/**
 * The import of a report, off the panel's main thread: a 50 MB HAR takes seconds to parse
 * and judge, and the panel must keep answering (scrolling, typing) meanwhile. Started by
 * import-off-thread.ts as a module worker; one file per worker.
 */
import { importHar } from '../../report';
import type { ImportReply, ImportRequest } from './import-messages';

/** The dedicated worker's scope, typed with what is used (the panel's types are the DOM's). */
declare const self: {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
};

self.onmessage = (event) => {
  void event.data.file.text().then((text) => {
    const result = importHar(text, (progress) => {
      self.postMessage({ kind: 'progress', progress });
    });
    self.postMessage({ kind: 'done', result });
  });
};
