/**
 * Every export against the HAR 1.2 schema, with two maintained validators from npm rather
 * than a schema of our own: @har-sdk/validator (HAR 1.2 on Ajv 8) and har-schema, the JSON
 * Schema behind har-validator, which also requires `cache`, the sizes, URI and date formats.
 */
import { loadRecordedStreams } from '../capture/testing/recorded-fixtures.node';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exportHar } from './har-export';
import { canaryExchanges, edgeCaseExchanges, replayFixture } from './testing/exchanges';
import type { RecordedFixture } from './testing/exchanges';

interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
}
type Validate = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
interface AjvInstance {
  addMetaSchema(schema: object): void;
  addSchema(schema: object): void;
  getSchema(ref: string): Validate | undefined;
}

const require = createRequire(import.meta.url);
const { HarValidator } = require('@har-sdk/validator') as {
  HarValidator: new () => { verify(doc: unknown): Promise<SchemaError[]> };
};
const Ajv = (require('ajv') as { default: new (options: object) => AjvInstance }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: AjvInstance) => void }).default;

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
addFormats(ajv);
for (const schema of Object.values(require('har-schema') as Record<string, object>)) {
  ajv.addSchema(schema);
}
const harSchema = ajv.getSchema('har.json#');
const harSdk = new HarValidator();

async function schemaErrors(har: unknown): Promise<string[]> {
  // What a file holds is its JSON: undefined fields vanish, as in the saved file.
  const json = JSON.parse(JSON.stringify(har)) as unknown;
  if (!harSchema) throw new Error('har-schema did not load');
  const errors = harSchema(json)
    ? []
    : (harSchema.errors ?? []).map((e) => `har-schema ${e.instancePath} ${e.message ?? ''}`);
  const sdk = await harSdk.verify(json);
  return [...errors, ...sdk.map((e) => `@har-sdk ${e.instancePath} ${e.message ?? ''}`)];
}

const FIXTURES = loadRecordedStreams<RecordedFixture>('chromium');

describe('every export is valid HAR 1.2', () => {
  it.each(FIXTURES.map((f) => [f.scenario, f] as const))('%s', async (_name, fixture) => {
    const exchanges = replayFixture(fixture);
    for (const redact of [true, false]) {
      const har = exportHar(exchanges, {
        redact,
        page: `${fixture.origins.page}/`,
        browser: { name: 'Chrome', version: '156.0.8078.108' },
      });
      expect(await schemaErrors(har)).toEqual([]);
    }
  });

  it('all recorded scenarios in one file', async () => {
    const exchanges = FIXTURES.flatMap(replayFixture);
    expect(await schemaErrors(exportHar(exchanges, { page: 'http://127.0.0.1:38575/' }))).toEqual(
      [],
    );
  });

  it('redacted secrets, timed-out, in-flight and orphan exchanges, preflights per hop', async () => {
    for (const exchanges of [canaryExchanges(), edgeCaseExchanges()]) {
      expect(await schemaErrors(exportHar(exchanges))).toEqual([]);
      expect(await schemaErrors(exportHar(exchanges, { redact: false }))).toEqual([]);
    }
  });

  it('an empty report (har-schema; @har-sdk wants at least one entry)', () => {
    expect(harSchema?.(JSON.parse(JSON.stringify(exportHar([]))))).toBe(true);
  });

  it('the validators do reject a broken file', async () => {
    const har = JSON.parse(JSON.stringify(exportHar(edgeCaseExchanges()))) as {
      log: { entries: Array<{ request: Record<string, unknown>; cache?: unknown }> };
    };
    const [entry] = har.log.entries;
    if (entry) {
      delete entry.request.url;
      delete entry.cache;
    }
    const errors = await schemaErrors(har);
    expect(errors.some((e) => e.startsWith('har-schema'))).toBe(true);
    expect(errors.some((e) => e.startsWith('@har-sdk'))).toBe(true);
  });
});
