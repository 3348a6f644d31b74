import { PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldErrors, validate } from '@faultline/contracts';
import { RequestValidationError } from './problem';
import { misspelledValues } from './query-text';

/**
 * Validates one part of a request against its API schema. Query strings arrive as text, so
 * values are converted to the schema's types (and defaults applied) before checking.
 */
export class SchemaPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  constructor(
    private readonly schema: S,
    private readonly part: 'query' | 'body' | 'params',
  ) {}

  transform(value: unknown): Static<S> {
    if (this.part !== 'body') {
      const misspelled = misspelledValues(this.schema, value, this.part);
      if (misspelled.length > 0) throw new RequestValidationError(misspelled);
    }
    const input = this.part === 'body' ? value : Value.Default(this.schema, Value.Convert(this.schema, value ?? {}));
    const result = validate(this.schema, input);
    if (result.ok) return result.value;
    throw new RequestValidationError(
      fieldErrors(this.schema, input).map(({ path, message }) => ({
        pointer: `/${this.part}${path === '/' ? '' : path}`,
        detail: message,
      })),
    );
  }
}
