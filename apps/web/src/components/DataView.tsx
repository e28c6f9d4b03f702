// A case's input data as label/value pairs, labelled by the schema's titles when known.
import { Descriptions } from 'antd';
import type { RJSFSchema } from '@rjsf/utils';
import type { JsonObject } from '../api';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(show).join('；');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // an evidence entry {name, ref?} reads best as "name (ref)"
    if (typeof o.name === 'string' && Object.keys(o).every((k) => k === 'name' || k === 'ref')) {
      return o.ref ? `${o.name} (${String(o.ref)})` : o.name;
    }
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  return String(v);
}

function titleOf(schema: RJSFSchema | undefined, key: string): string {
  const prop = schema?.properties?.[key];
  return prop && typeof prop === 'object' && typeof prop.title === 'string' ? prop.title : key;
}

export default function DataView({
  data,
  schema,
  narrow = false,
}: {
  data: JsonObject | undefined;
  schema?: RJSFSchema;
  /** one column, for a side panel */
  narrow?: boolean;
}) {
  const entries = Object.entries(data ?? {});
  if (!entries.length) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={narrow ? 1 : { xs: 1, sm: 1, md: 2 }}
      items={entries.map(([k, v]) => ({ key: k, label: titleOf(schema, k), children: show(v) }))}
    />
  );
}
