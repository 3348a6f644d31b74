/**
 * `npm run contracts:refresh`: writes what is generated from libs/contracts for other teams —
 * one JSON Schema per event and version under libs/contracts/schemas/, docs/asyncapi.yaml — and
 * each service's OpenAPI document under docs/openapi/ (built without running the services).
 * A schema whose change would break its committed version is not written: a breaking change is
 * a new version of the event, published beside the old one.
 */
import { breakingChanges, JsonSchema, publishedDocuments, SCHEMAS_DIR } from '@faultline/contracts/published';
import fs from 'node:fs';
import path from 'node:path';
import { apiDescriptionFiles } from './api-descriptions';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const documents = [...publishedDocuments(), ...(await apiDescriptionFiles())];
  const breaking = documents.filter((document) => document.path.startsWith(SCHEMAS_DIR)).flatMap(({ path: file, text }) => {
    const committed = path.join(ROOT, file);
    if (!fs.existsSync(committed)) return [];
    const changes = breakingChanges(JSON.parse(fs.readFileSync(committed, 'utf8')) as JsonSchema, JSON.parse(text) as JsonSchema);
    return changes.map((change) => `${file}: ${change}`);
  });
  if (breaking.length > 0) {
    process.stderr.write(`contracts: not written, these changes break published versions (publish a new version instead):\n  ${breaking.join('\n  ')}\n`);
    process.exit(1);
  }
  const generated = new Set(documents.map((document) => document.path));
  for (const { path: file, text } of documents) {
    const target = path.join(ROOT, file);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    process.stdout.write(`contracts: wrote ${file}\n`);
  }
  for (const name of fs.readdirSync(path.join(ROOT, SCHEMAS_DIR))) {
    const file = `${SCHEMAS_DIR}/${name}`;
    if (generated.has(file)) continue;
    fs.rmSync(path.join(ROOT, file));
    process.stdout.write(`contracts: removed ${file} (no longer in the registry)\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`contracts: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
