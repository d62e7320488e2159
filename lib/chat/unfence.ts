/**
 * Strips a ```json fence a model may wrap its JSON in. Its own module: the page's JSON view needs
 * it, and must not pull in the settings schema (zod, a JSON Schema validator) with `json-answer.ts`.
 */
export function unfence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return match ? match[1] : text;
}
