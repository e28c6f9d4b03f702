// A case's input data as label/value pairs, labelled by the schema's titles when known.
import { Descriptions } from 'antd';
import type { RJSFSchema } from '@rjsf/utils';
import type { JsonObject } from '../api';
import { useI18n } from '../i18n';

/** An ISO date-time with a time zone (as the API stores form times): shown in local time. */
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

function show(v: unknown, fmtTime: (iso: string) => string): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => show(x, fmtTime)).join('；');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // an evidence entry {name, ref?} reads best as "name (ref)"
    if (typeof o.name === 'string' && Object.keys(o).every((k) => k === 'name' || k === 'ref')) {
      return o.ref ? `${o.name} (${String(o.ref)})` : o.name;
    }
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string' && ISO_DATE_TIME.test(v)) return fmtTime(v);
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
  const { fmtTime } = useI18n();
  const entries = Object.entries(data ?? {});
  if (!entries.length) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={narrow ? 1 : { xs: 1, sm: 1, md: 2 }}
      items={entries.map(([k, v]) => ({ key: k, label: titleOf(schema, k), children: show(v, fmtTime) }))}
    />
  );
}
