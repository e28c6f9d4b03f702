/**
 * The web's API types are the API's: apps/web/src/api-types.ts is what openapi-typescript makes
 * of the OpenAPI document now. A DTO or response decorator changed without `npm run api:types`
 * fails here (and the web's type check then shows what the change breaks).
 */
import { readFileSync } from 'fs';
import { buildOpenApiDocument } from '../app.factory';
import { generateWebApiTypes, WEB_API_TYPES_FILE } from './web-api-types';

it('apps/web/src/api-types.ts is generated from the current OpenAPI document (run `npm run api:types`)', async () => {
  const generated = await generateWebApiTypes();
  const checkedIn = readFileSync(WEB_API_TYPES_FILE, 'utf8');
  if (generated !== checkedIn) {
    const a = generated.split('\n');
    const b = checkedIn.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    throw new Error(
      `apps/web/src/api-types.ts is stale: run \`npm run api:types\` and commit it.\n` +
        `first difference at line ${line + 1}:\n  generated:  ${a[line]}\n  checked in: ${b[line]}`,
    );
  }
});

it('declares a success response and the error body for every endpoint', async () => {
  const document = await buildOpenApiDocument();
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const statuses = Object.keys(operation.responses ?? {});
      const ok = statuses.filter((s) => s.startsWith('2'));
      const errors = statuses.filter((s) => /^[45]/.test(s));
      if (ok.length === 0) missing.push(`${method.toUpperCase()} ${path}: no 2xx response`);
      for (const status of ok.filter((s) => s !== '204')) {
        const content = (operation.responses[status] as { content?: Record<string, { schema?: unknown }> }).content;
        if (!content?.['application/json']?.schema) missing.push(`${method.toUpperCase()} ${path}: ${status} has no JSON schema`);
      }
      if (errors.length === 0) missing.push(`${method.toUpperCase()} ${path}: no error responses`);
      for (const status of errors) {
        const schema = (operation.responses[status] as { content?: Record<string, { schema?: { $ref?: string } }> }).content?.['application/json']?.schema;
        if (!/\/(ApiErrorBody|HealthDownResponse)$/.test(schema?.$ref ?? '')) missing.push(`${method.toUpperCase()} ${path}: ${status} is not the error body`);
      }
    }
  }
  expect(missing).toEqual([]);
});

it('describes the process-type labels and a task’s reasonRequired', async () => {
  const { components } = await buildOpenApiDocument();
  const schemas = components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }>;
  expect(schemas.ProcessTypeDto.required).toContain('labels');
  for (const map of ['steps', 'statuses', 'outcomes', 'decisions']) {
    expect(schemas.ProcessTypeLabelsDto.properties[map]).toMatchObject({ type: 'object', additionalProperties: { $ref: '#/components/schemas/LabelDto' } });
  }
  expect(schemas.LabelDto.required).toEqual(['zh', 'en']);
  expect(schemas.TaskDto.properties.reasonRequired).toMatchObject({ type: 'array', items: { type: 'string' } });
  expect(schemas.TaskDto.required).toContain('reasonRequired');
});
