import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem';
import type { TObject, TSchema } from '@sinclair/typebox';

/** The API contract's schema, as OpenAPI reads it (TypeBox schemas are JSON Schema). */
const openApi = (schema: TSchema): SchemaObject => JSON.parse(JSON.stringify(schema)) as SchemaObject;

/** Documents every query parameter from the same schema the request is validated with. */
export function ApiQueryFrom(schema: TObject): MethodDecorator {
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name) && property.default === undefined, schema: openApi(property) }),
    ),
  );
}

export function ApiParamsFrom(schema: TObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, property]) =>
      ApiParam({ name, required: true, schema: openApi(property) }),
    ),
  );
}

/** Documents a success answer (200 unless the route answers otherwise) from the schema the API contract names. */
export const ApiAnswerFrom = (status: number, schema: TSchema, description?: string): MethodDecorator =>
  ApiResponse({ status, description: description ?? schema.description ?? 'Success', schema: openApi(schema) });

export const ApiOkFrom = (schema: TSchema, description?: string): MethodDecorator => ApiAnswerFrom(200, schema, description);

export const ApiBodyFrom = (schema: TSchema): MethodDecorator => ApiBody({ schema: openApi(schema) });

/** Every operation can answer with a problem (400, 401, 403, 404, 409, 422, 503…): documented once, for all. */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const problem = { description: 'A refusal or failure, as RFC 9457 problem details', content: { [PROBLEM_CONTENT_TYPE]: { schema: openApi(ProblemDetails) } } };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (typeof operation === 'object' && operation !== null && 'responses' in operation) operation.responses.default ??= problem;
    }
  }
  return document;
}
