import type { TSchema } from '@sinclair/typebox';
import { ValueError, ValueErrorType } from '@sinclair/typebox/errors';

const FORMATS: Record<string, string> = { uuid: 'a uuid', email: 'an email address', 'date-time': 'a date and time (ISO 8601, e.g. 2026-12-01T10:00:00Z)' };

/**
 * What is wrong with a field, in words a person reads in a form as well as a tool in a log
 * ("must be at least 12 characters", not "Expected string length greater or equal to 12").
 * Kinds not named here keep TypeBox's own sentence.
 */
export function fieldMessage(error: ValueError): string {
  const schema = error.schema as TSchema & Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a known field';
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringFormat:
      return `must be ${FORMATS[String(schema.format)] ?? `in the ${String(schema.format)} format`}`;
    case ValueErrorType.String:
      return 'must be text';
    case ValueErrorType.Integer:
      return 'must be a whole number';
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `must be at least ${schema.minimum}`;
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `must be at most ${schema.maximum}`;
    case ValueErrorType.ArrayMinItems:
      return `must list at least ${schema.minItems}`;
    case ValueErrorType.ArrayMaxItems:
      return `must list at most ${schema.maxItems}`;
    case ValueErrorType.Union:
      return oneOfLiterals(schema) ?? 'is none of the accepted forms';
    default:
      return error.message;
  }
}

/** "must be one of open, resolved" when every choice of the union is a constant. */
function oneOfLiterals(schema: TSchema): string | undefined {
  const choices = (schema.anyOf as Array<{ const?: unknown }> | undefined) ?? [];
  if (choices.length === 0 || choices.some((choice) => choice.const === undefined)) return undefined;
  return `must be one of ${choices.map((choice) => String(choice.const)).join(', ')}`;
}
