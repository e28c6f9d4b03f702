/**
 * Checks a response body against the OpenAPI document's schema for it: required properties
 * present, no property the schema does not declare, types and enums, through $ref, oneOf,
 * arrays and additionalProperties (the subset @nestjs/swagger emits). So a service that adds,
 * drops or retypes a field without its DTO fails the end-to-end test that calls it.
 */
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

/** Every way `value` departs from `schema`: missing required fields, fields the schema does not have, wrong types. */
export function shapeErrors(document: OpenAPIObject, schema: Schema, value: unknown, at = '$', name?: string): string[] {
  if (schema.$ref) {
    const ref = schema.$ref.replace('#/components/schemas/', '');
    return shapeErrors(document, document.components!.schemas![ref] as Schema, value, at, ref);
  }
  if (schema.oneOf) {
    const tries = schema.oneOf.map((s) => shapeErrors(document, s, value, at));
    return tries.some((errors) => errors.length === 0) ? [] : [`${at}: matches none of oneOf (${tries.map((e) => e[0]).join(' | ')})`];
  }
  if (schema.allOf) return schema.allOf.flatMap((s) => shapeErrors(document, s, value, at));
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: expected a string, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: expected a number, got ${JSON.stringify(value)}`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: expected an integer, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected an array`];
      return schema.items ? value.flatMap((item, i) => shapeErrors(document, schema.items!, item, `${at}[${i}]`)) : [];
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const errors: string[] = [];
    for (const key of schema.required ?? []) {
      if (!(key in object)) errors.push(`${at}.${key}: required, missing`);
    }
    for (const [key, item] of Object.entries(object)) {
      if (properties[key]) errors.push(...shapeErrors(document, properties[key], item, `${at}.${key}`));
      else if (typeof schema.additionalProperties === 'object') errors.push(...shapeErrors(document, schema.additionalProperties, item, `${at}.${key}`));
      else if (!schema.additionalProperties) errors.push(`${at}.${key}: not in the schema${name ? ` ${name}` : ''}`);
    }
    return errors;
  }
  return [];
}

/** The schema of an operation's answer with that status, from the document. */
export function responseSchema(document: OpenAPIObject, method: string, path: string, status: number): Schema | undefined {
  const operation = (document.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }> | undefined)?.[method];
  return operation?.responses[String(status)]?.content?.['application/json']?.schema;
}
