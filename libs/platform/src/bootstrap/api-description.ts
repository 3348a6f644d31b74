import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { withProblemResponses } from '../http/openapi';

/** A service's OpenAPI document: what it serves at /docs-json, and what docs/openapi/ keeps. */
export function apiDescription(app: INestApplication, title: string): OpenAPIObject {
  return withProblemResponses(SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(title).setVersion('1').build()));
}

/**
 * The same document without running the service: Nest's preview mode builds the module graph
 * and reads the controllers' metadata, but creates no provider, so nothing connects anywhere.
 */
export async function previewApiDescription(module: Type | DynamicModule, title: string): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return apiDescription(app, title);
  } finally {
    await app.close();
  }
}
