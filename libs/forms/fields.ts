/**
 * The field kinds every form is made of, each one set of class-validator and JSON Schema
 * decorators, so a form reads as a list of titled fields.
 */
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { subjectKindOf } from '../domain/subject-code';
import { isValidUscc } from '../domain/uscc';

type FieldDecorator = (target: object, propertyKey: string) => void;

/** Applies decorators as if stacked in this order above a property (the lowest first). */
function all(...decorators: FieldDecorator[]): FieldDecorator {
  return (target, key) => [...decorators].reverse().forEach((decorate) => decorate(target, key));
}

/** A text the person must fill in. */
export function RequiredText(title: string, maxLength = 200): FieldDecorator {
  return all(JSONSchema({ title }), IsString(), IsNotEmpty(), MaxLength(maxLength));
}

/** A text that may be left out. */
export function OptionalText(title: string, maxLength = 2000): FieldDecorator {
  return all(JSONSchema({ title }), IsOptional(), IsString(), MaxLength(maxLength));
}

/** A count of records, files, people: a whole number from 0. */
export function Count(title: string): FieldDecorator {
  return all(JSONSchema({ title }), IsInt(), Min(0));
}

@ValidatorConstraint({ name: 'uscc' })
export class UsccConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidUscc(value);
  }
  defaultMessage(): string {
    return '$property must be an 18-character unified social credit code with a correct check character (GB 32100-2015)';
  }
}

export const USCC_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

/** A unified social credit code (统一社会信用代码, GB 32100-2015), check character verified. */
export function Uscc(title = '统一社会信用代码'): FieldDecorator {
  return all(JSONSchema({ title, pattern: USCC_PATTERN }), IsString(), Validate(UsccConstraint));
}

@ValidatorConstraint({ name: 'subjectCode' })
export class SubjectCodeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && subjectKindOf(value) !== undefined;
  }
  defaultMessage(): string {
    return '$property must be an 18-character unified social credit code (GB 32100-2015) or resident identity number (GB 11643), with a correct check character';
  }
}

export const SUBJECT_CODE_PATTERN = `^(?:${USCC_PATTERN.slice(1, -1)}|\\d{17}[\\dX])$`;

/** An information subject: an organisation's unified social credit code or a natural person's resident identity number. */
export function SubjectCode(title = '统一社会信用代码/公民身份号码'): FieldDecorator {
  return all(JSONSchema({ title, pattern: SUBJECT_CODE_PATTERN }), IsString(), Validate(SubjectCodeConstraint));
}
