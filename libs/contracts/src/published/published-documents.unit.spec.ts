import { Parser } from '@asyncapi/parser';
import fs from 'node:fs';
import path from 'node:path';
import { ContractRegistry } from '../registry';
import { deadLetterTopic, Topics } from '../topics';
import { asyncApiDocument, ASYNCAPI_PATH } from './asyncapi-document';
import { breakingChanges, JsonSchema } from './compatibility';
import { SCHEMAS_DIR } from './json-schema-files';
import { publishedDocuments } from './published-documents';

const ROOT = path.resolve(__dirname, '../../../..');
const REFRESH = 'run `npm run contracts:refresh` and commit what it writes';
const committed = (file: string): string | undefined => (fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : undefined);

describe('the documents published from the contracts', () => {
  const documents = publishedDocuments();

  it('change no committed schema in a way that breaks it (a breaking change is a new version)', () => {
    const breaking = documents
      .filter((document) => document.path.startsWith(SCHEMAS_DIR) && committed(document.path) !== undefined)
      .flatMap(({ path: file, text }) => breakingChanges(JSON.parse(committed(file) as string) as JsonSchema, JSON.parse(text) as JsonSchema).map((change) => `${file}: ${change}`));
    expect(breaking).toEqual([]);
  });

  it.each(documents.map((document) => [document.path, document.text]))('%s is committed as generated', (file, text) => {
    if (committed(file) !== text) throw new Error(`${file} is stale or missing: ${REFRESH}`);
  });

  it('leave no schema file of an event the registry no longer has', () => {
    const generated = new Set(documents.map((document) => document.path));
    const strays = fs.readdirSync(path.join(ROOT, SCHEMAS_DIR)).map((name) => `${SCHEMAS_DIR}/${name}`).filter((file) => !generated.has(file));
    expect(strays).toEqual([]);
  });

  it('describe every topic, its dead-letter topic and every event of the registry', () => {
    const document = asyncApiDocument() as { channels: Record<string, { address: string }>; components: { messages: Record<string, unknown> } };
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    for (const topic of Object.values(Topics)) expect(addresses).toEqual(expect.arrayContaining([topic, deadLetterTopic(topic)]));
    const events = Object.values(ContractRegistry).flatMap((schemas) => schemas.map((schema) => String(schema.$id)));
    expect(Object.keys(document.components.messages)).toEqual(expect.arrayContaining(events));
  });

  it(`${ASYNCAPI_PATH} is a valid AsyncAPI 3 document`, async () => {
    const { document, diagnostics } = await new Parser().parse(committed(ASYNCAPI_PATH) ?? '');
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
    expect(document?.channels().all().map((channel) => channel.address())).toEqual(expect.arrayContaining(Object.values(Topics)));
  });
});
