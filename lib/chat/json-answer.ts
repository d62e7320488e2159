import { type ResponseFormat, validateAgainstSchema } from './settings';
import type { JsonCheck } from './types';
import { unfence } from './unfence';

export { unfence };

/** Checks an answer written under a JSON response format: parses, and fits the schema. */
export function checkJsonAnswer(text: string, format: ResponseFormat): JsonCheck | undefined {
  if (format.type === 'text') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch (error) {
    return {
      format: format.type,
      valid: false,
      ...(format.type === 'json_schema' ? { schemaValid: false } : {}),
      error: error instanceof Error ? error.message : 'Not JSON',
    };
  }
  if (format.type === 'json_object') return { format: 'json_object', valid: true };
  const problems = validateAgainstSchema(value, format.schema);
  return problems.length
    ? { format: 'json_schema', valid: true, schemaValid: false, error: problems.join('; ') }
    : { format: 'json_schema', valid: true, schemaValid: true };
}
