/**
 * Every payload a person submits, by key: start inputs and task forms. One definition serves
 * the API's validation, the JSON Schema the inbox renders, and the workflow's own re-check.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
// class-transformer keeps @Type metadata here; the schema generator needs it for nested payloads.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage');
import { ArchiveReceiptForm } from './common.forms';
import { DATA_TASK_FORMS } from './data.forms';
import { PRODUCT_TASK_FORMS } from './product.forms';
import {
  ObjectionDifferenceCheckForm,
  ObjectionHandlingNoteForm,
  ObjectionImportRegisterForm,
  ObjectionInitialReviewForm,
  ObjectionProviderReplyForm,
  ObjectionReplyForm,
  ObjectionVerificationLetterForm,
} from './objection.forms';
import { REPORT_TASK_FORMS } from './report.forms';

type FormClass = new () => object;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaObject = Record<string, any>;

export const TASK_FORMS: Record<string, FormClass> = {
  'archive-receipt': ArchiveReceiptForm,
  'objection-initial-review': ObjectionInitialReviewForm,
  'objection-difference-check': ObjectionDifferenceCheckForm,
  'objection-handling-note': ObjectionHandlingNoteForm,
  'objection-verification-letter': ObjectionVerificationLetterForm,
  'objection-provider-reply': ObjectionProviderReplyForm,
  'objection-import-register': ObjectionImportRegisterForm,
  'objection-reply': ObjectionReplyForm,
  // P4, P4b, P4c: ...PRODUCT_TASK_FORMS
  ...PRODUCT_TASK_FORMS,
  // P5, P6: ...DATA_TASK_FORMS
  ...DATA_TASK_FORMS,
  // P8, P9: ...REPORT_TASK_FORMS
  ...REPORT_TASK_FORMS,
};

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

/**
 * Rules that tie a form to the decision taken with it: a checklist must be all "yes" to accept
 * (otherwise the person rejects, with the reason).
 */
const DECISION_RULES: Record<string, (decision: string, data: Record<string, unknown>) => FieldError[]> = {
  'objection-initial-review': (decision, data) =>
    decision === 'accept' || decision === 'confirm'
      ? ['materialsComplete', 'documentsGenuine', 'identityGenuine', 'withinRules']
          .filter((check) => data[check] !== true)
          .map((check) => ({ field: `data.${check}`, message: `${check} must be checked to ${decision}; otherwise reject with the reason` }))
      : [],
};

/** A task without a form accepts an empty payload only; abandoning needs a reason, not a form. */
export async function validateTaskForm(formKey: string | null, data: unknown, decision?: string): Promise<FieldError[]> {
  if (decision === 'abandon') return [];
  if (!formKey) {
    const empty = data === undefined || (typeof data === 'object' && data !== null && Object.keys(data).length === 0);
    return empty ? [] : [{ field: 'data', message: 'this step takes no form data' }];
  }
  const formClass = TASK_FORMS[formKey];
  if (!formClass) return [{ field: 'data', message: `unknown form ${formKey}` }];
  const errors = await validatePayload(formClass, data ?? {}, 'data');
  if (errors.length || decision === undefined) return errors;
  return DECISION_RULES[formKey]?.(decision, data as Record<string, unknown>) ?? [];
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

export function taskFormSchema(formKey: string | null): SchemaObject {
  return formKey && TASK_FORMS[formKey] ? jsonSchemaOf(TASK_FORMS[formKey]) : { type: 'object', properties: {}, additionalProperties: false };
}

/** Nested payload classes, found by the name class-validator-jsonschema puts in its $ref. */
const NESTED_TYPES = new Map<string, FormClass>();
export function registerNestedForm(formClass: FormClass): void {
  NESTED_TYPES.set(formClass.name, formClass);
}
