/**
 * `@ApiProperty(JSON_OBJECT)`: a free-form JSON object (form data, a JSON Schema, case data).
 * Without `additionalProperties` the generated web types would read `{ type: 'object' }` as an empty object.
 */
export const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;
