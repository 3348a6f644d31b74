import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
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

export const ApiOkFrom = (schema: TSchema, description?: string): MethodDecorator =>
  ApiOkResponse({ description, schema: openApi(schema) });

export const ApiBodyFrom = (schema: TSchema): MethodDecorator => ApiBody({ schema: openApi(schema) });
