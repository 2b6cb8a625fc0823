/**
 * `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json (the file a test compares with
 * what GET /openapi.json serves). The document does not depend on the data, so an empty in-memory ledger
 * builds it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryLedgerStore } from '../adapters/store-memory/memory-store.ts';
import { createApi, openApiDocument } from '../interfaces/http/api.ts';
import { VERSION } from './version.ts';

export const OPENAPI_FILE = join(fileURLToPath(new URL('../..', import.meta.url)), 'docs', 'openapi.json');

/** The document as committed: pretty-printed, with a final newline. */
export function openApiText(): string {
  const api = createApi({ store: new MemoryLedgerStore(), tokens: null, version: VERSION });
  return `${JSON.stringify(openApiDocument(api, VERSION), null, 2)}\n`;
}

if (process.argv[1] !== undefined && /serve-openapi\.ts$/.test(process.argv[1])) {
  writeFileSync(OPENAPI_FILE, openApiText());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
