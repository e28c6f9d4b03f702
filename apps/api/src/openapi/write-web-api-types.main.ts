/** `npm run api:types`: writes apps/web/src/api-types.ts from the API's OpenAPI document (no database or Temporal needed). */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../../../../libs/project-root';
import { generateWebApiTypes, WEB_API_TYPES_FILE } from './web-api-types';

async function main(): Promise<void> {
  const text = await generateWebApiTypes();
  const before = (() => {
    try {
      return readFileSync(WEB_API_TYPES_FILE, 'utf8');
    } catch {
      return undefined;
    }
  })();
  const name = path.relative(PROJECT_ROOT, WEB_API_TYPES_FILE);
  if (before === text) {
    console.log(`${name} is up to date`);
    return;
  }
  writeFileSync(WEB_API_TYPES_FILE, text);
  console.log(`wrote ${name}`);
}

main().catch((error) => {
  console.error('api:types failed:', error);
  process.exit(1);
});
