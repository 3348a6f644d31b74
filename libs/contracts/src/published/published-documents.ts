import { ASYNCAPI_PATH, asyncApiYaml } from './asyncapi-document';
import { jsonSchemaFiles } from './json-schema-files';

/** Every document generated from the contracts and committed for other teams, by path from the repository's root. */
export function publishedDocuments(): Array<{ path: string; text: string }> {
  return [...jsonSchemaFiles(), { path: ASYNCAPI_PATH, text: asyncApiYaml() }];
}
