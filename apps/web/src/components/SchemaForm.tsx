// A form rendered from JSON Schema by react-jsonschema-form's Ant Design theme, with
// validation messages in the current language. The page owns the buttons: it calls
// `validate()` through the ref before it sends the data.
import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import {
  englishStringTranslator,
  TranslatableString,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
} from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeZh from 'ajv-i18n/localize/zh';
import type { JsonObject } from '../api';
import { useI18n, type I18n, type MessageKey } from '../i18n';

const validators = {
  zh: customizeValidator({}, localizeZh),
  en: customizeValidator(),
};

const stringNames = new Map<string, string>(
  Object.entries(TranslatableString).map(([name, value]) => [value as string, name]),
);

const ownMessages = new Set([
  'required', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'maximum',
  'pattern', 'format', 'enum', 'const',
]);

function errorTransformer({ t }: I18n): ErrorTransformer {
  return (errors: RJSFValidationError[]) =>
    errors.map((e) => {
      const message = e.name && ownMessages.has(e.name)
        ? t(`validation.${e.name}` as MessageKey, {
            limit: e.params?.limit ?? '',
            format: e.params?.format ?? '',
          })
        : (e.message ?? '');
      const where = e.title || e.property?.replace(/^\./, '') || '';
      return { ...e, message, stack: where ? `${where}: ${message}` : message };
    });
}

/**
 * A property with a `format` but no `type` (the API sends date fields so) is a string: JSON
 * Schema's formats apply to strings only. rjsf cannot render a type-less field, so say so.
 */
export function withStringFormats(schema: RJSFSchema): RJSFSchema {
  const fix = (s: unknown): unknown => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const node = s as RJSFSchema;
    const out: RJSFSchema = { ...node };
    if (typeof node.format === 'string' && node.type === undefined && !node.oneOf && !node.anyOf && !node.$ref && !node.enum) {
      out.type = 'string';
    }
    if (node.properties) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, fix(v)])) as RJSFSchema['properties'];
    }
    if (node.items && typeof node.items === 'object') out.items = fix(node.items) as RJSFSchema['items'];
    return out;
  };
  return fix(schema) as RJSFSchema;
}

export interface SchemaFormHandle {
  /** Validates, shows the field errors, and says whether the data is valid. */
  validate: () => boolean;
  /** The data as the form holds it, with the schema's defaults (prefilled values) filled in. */
  value: () => JsonObject | undefined;
}

interface Props {
  schema: RJSFSchema;
  formData: JsonObject;
  onChange: (data: JsonObject) => void;
  disabled?: boolean;
  ref?: Ref<SchemaFormHandle>;
}

const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
const formContext = { labelAlign: 'left', colon: false, rowGutter: 12 };

export default function SchemaForm({ schema, formData, onChange, disabled, ref }: Props) {
  const i18n = useI18n();
  const form = useRef<CoreForm<JsonObject>>(null);

  useImperativeHandle(
    ref,
    () => ({
      validate: () => form.current?.validateForm() ?? true,
      value: () => form.current?.state.formData,
    }),
    [],
  );

  const fixedSchema = useMemo(() => withStringFormats(schema), [schema]);
  const transformErrors = useMemo(() => errorTransformer(i18n), [i18n]);
  const translateString = useMemo(
    () => (str: TranslatableString, params?: string[]) => {
      const name = stringNames.get(str);
      const own = name ? i18n.label('rjsf', name) : undefined;
      return own && own !== name ? own : englishStringTranslator(str, params);
    },
    [i18n],
  );

  return (
    <Form
      // a new language re-creates the form so the messages follow it
      key={i18n.lang}
      ref={form}
      schema={fixedSchema}
      uiSchema={uiSchema}
      formContext={formContext}
      formData={formData}
      onChange={(e) => onChange((e.formData ?? {}) as JsonObject)}
      validator={validators[i18n.lang]}
      transformErrors={transformErrors}
      translateString={translateString}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError
      // the page shows its own summary; rjsf would also log to the console
      onError={() => undefined}
      disabled={disabled}
    />
  );
}
