// openapi-typescript as a filter: an OpenAPI document (JSON) on stdin, its TypeScript types on stdout.
// A plain ES module run by node in its own process, because openapi-typescript needs ESM-only
// packages that jest's module registry cannot load (web-api-types.ts runs it).
/* global process, Buffer */
import openapiTS, { astToString } from 'openapi-typescript';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(astToString(await openapiTS(document, { silent: true })));
