import { tool } from 'ai';
import { z } from 'zod';
import type { CalculatorOptions } from './calculator-engine';

/*
 * The calculator tool. Its engine (mathjs, ~70 MB resident once loaded) is in calculator-engine.ts and
 * is imported on the first calculation, not when the tool registry is built at boot.
 */

/** Longest expression accepted (checked by the input schema and again by the engine). */
export const CALCULATOR_MAX_INPUT_CHARS = 1000;

export const calculatorInputSchema = z.object({
  expression: z
    .string()
    .min(1)
    .max(CALCULATOR_MAX_INPUT_CHARS, {
      error: `The expression is too long: the calculator accepts at most ${CALCULATOR_MAX_INPUT_CHARS} characters.`,
    })
    .describe(
      'A mathjs expression, e.g. "sqrt(2) * 3^4", "12.5% * 80", "5 km/h to m/s", "60 mi/h to km/h", ' +
        '"2 inch + 3 cm in mm", "det([1, 2; 3, 4])", "combinations(52, 5)", "a = 3; b = 4; sqrt(a^2 + b^2)". ' +
        'Numbers carry 64 significant digits. Use `to`/`in` for unit conversion. No function definitions.',
    ),
});

export function createCalculatorTool(options: CalculatorOptions = {}) {
  return tool({
    description:
      'Evaluate a math expression precisely (64 significant digits) with units, big numbers, complex numbers, ' +
      'matrices and statistics: arithmetic, powers, roots, trigonometry (radians, or `deg` units), logarithms, ' +
      'percentages, unit conversion ("60 mi/h to km/h", "100 degF to degC"), factorials and combinatorics, matrix algebra. ' +
      'Use it instead of doing arithmetic in your head. Returns the result as a string.',
    inputSchema: calculatorInputSchema,
    execute: async ({ expression }) =>
      (await import('./calculator-engine')).evaluateExpression(expression, options),
  });
}
