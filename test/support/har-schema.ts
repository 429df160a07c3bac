/** Validates a HAR against the HAR 1.2 JSON Schema (har-schema, the schemas behind har-validator), with Ajv. */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemas = require('har-schema') as Record<string, { $id: string }>;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;

// ajv-formats is CommonJS whose default export TypeScript's NodeNext typing sees one level too deep.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let validate: ValidateFunction | undefined;

/** The schema's complaints, one line each; empty for a valid HAR. */
export function harProblems(har: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addMetaSchema(draft06);
    addFormats(ajv);
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
    validate = ajv.getSchema('har.json#')!;
  }
  return validate(har) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
