/**
 * The column kinds the entities are made of, each one TypeORM `@Column` with the project's
 * conventions (snake_case names given explicitly, instants as timestamptz), so an entity reads
 * as a list of typed fields.
 */
import { Column, ColumnOptions } from 'typeorm';

type Options = Omit<ColumnOptions, 'name' | 'type' | 'array'>;
type PropertyDecorator = (target: object, propertyKey: string) => void;

/** `@Varchar('order_no')`, `@Varchar({ nullable: true })` or `@Varchar('closed_by', { nullable: true })`. */
function kind(type: ColumnOptions['type'], array = false) {
  return (nameOrOptions?: string | Options, options: Options = {}): PropertyDecorator => {
    const [name, rest] = typeof nameOrOptions === 'string' ? [nameOrOptions, options] : [undefined, nameOrOptions ?? {}];
    return Column({ ...(name && { name }), type, ...(array && { array }), ...rest });
  };
}

export const Varchar = kind('varchar');
export const Text = kind('text');
export const TextArray = kind('text', true);
export const Int = kind('int');
export const Bigint = kind('bigint');
export const Bool = kind('boolean');
/** An instant, with its time zone (STYLE.md: date columns are timestamptz). */
export const Timestamp = kind('timestamptz');
/** A calendar date without a time. */
export const DateOnly = kind('date');
export const Jsonb = kind('jsonb');
