/**
 * How a payload a person submits is validated and described: one class-validator definition
 * serves the API's validation, the JSON Schema the inbox renders, and the workflow's own
 * re-check. Which forms exist is each procedure module's (libs/procedures).
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
// class-transformer keeps @Type metadata here; the schema generator needs it for nested payloads.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage');

export type FormClass = new () => object;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaObject = Record<string, any>;

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Flattens class-validator's tree into one entry per field (dotted paths for nested fields):
 * a missing field says only that it is required; other failures are joined.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own =
      messages.length === 0
        ? []
        : error.value === undefined && !error.constraints?.whitelistValidation
          ? [{ field, message: `${error.property} is required` }]
          : [{ field, message: messages.join('; ') }];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export async function validatePayload(formClass: FormClass, payload: unknown, fieldPrefix = ''): Promise<FieldError[]> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return [{ field: fieldPrefix || 'data', message: `${fieldPrefix || 'data'} must be an object` }];
  }
  const instance = plainToInstance(formClass, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors, fieldPrefix);
}

const schemaCache = new Map<FormClass, SchemaObject>();

/** JSON Schema of a form class, nested classes inlined so a client needs no $ref resolution. */
export function jsonSchemaOf(formClass: FormClass): SchemaObject {
  const cached = schemaCache.get(formClass);
  if (cached) return cached;
  const inline = (cls: FormClass): SchemaObject => {
    const schema = targetConstructorToSchema(cls, { classTransformerMetadataStorage: defaultMetadataStorage }) as SchemaObject;
    const properties = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, prop]) => [name, resolveNested(cls, name, prop as SchemaObject)]),
    );
    return { ...schema, properties, additionalProperties: false };
  };
  const resolveNested = (cls: FormClass, name: string, prop: SchemaObject): SchemaObject => {
    // A format given explicitly (e.g. date-time) replaces the generator's date|date-time choice.
    if (prop.format && prop.oneOf) {
      const { oneOf: _choice, ...rest } = prop;
      return { type: 'string', ...rest };
    }
    const ref = (prop.items as { $ref?: string } | undefined)?.$ref ?? (prop as { $ref?: string }).$ref;
    if (!ref) return prop;
    const nested = NESTED_TYPES.get(ref.split('/').pop()!);
    if (!nested) return prop;
    return prop.items ? { ...prop, items: inline(nested) } : inline(nested);
  };
  const schema = inline(formClass);
  schemaCache.set(formClass, schema);
  return schema;
}

/** Nested payload classes, found by the name class-validator-jsonschema puts in its $ref. */
const NESTED_TYPES = new Map<string, FormClass>();
export function registerNestedForm(formClass: FormClass): void {
  NESTED_TYPES.set(formClass.name, formClass);
}
