/** calculator: exact results with units and big numbers, and hostile input refused quickly with a clear message. */

import { describe, expect, it } from 'vitest';
import { createCalculatorTool } from '@/lib/tools/calculator';
import { CalculatorError, evaluateExpression } from '@/lib/tools/calculator-engine';

/** Runs the expression and returns the CalculatorError message, with the time it took. */
function refusal(expression: string, timeoutMs?: number): { message: string; ms: number } {
  const started = Date.now();
  try {
    evaluateExpression(expression, { timeoutMs });
  } catch (error) {
    expect(error).toBeInstanceOf(CalculatorError);
    return { message: (error as Error).message, ms: Date.now() - started };
  }
  throw new Error(`${expression} was not refused`);
}

describe('normal use', () => {
  it.each([
    ['2 + 3 * 4', '14', 'number'],
    ['0.1 + 0.2', '0.3', 'number'],
    ['1/3', `0.${'3'.repeat(60)}`, 'number'],
    ['(1/3) * 3', '1', 'number'],
    ['2^200', '1606938044258990275541962092341162602522202993782792835301376', 'number'],
    ['10!', '3628800', 'number'],
    ['sqrt(2)', '1.41421356237309504880168872420969807856967187537694807317668', 'number'],
    ['12.5% * 80', '10', 'number'],
    ['2 inch to cm', '5.08 cm', 'unit'],
    ['100 km/h to m/s', `27.${'7'.repeat(57)}8 m / s`, 'unit'],
    ['60 mi/h to km/h', '96.56064 km / h', 'unit'],
    ['12 km / 3 h', '4 km / h', 'unit'],
    ['sqrt(-4)', '2i', 'complex'],
    ['det([1, 2; 3, 4])', '-2', 'number'],
    ['[1, 2; 3, 4] * [5; 6]', '[[17], [39]]', 'matrix'],
    ['a = 3; b = 4; sqrt(a^2 + b^2)', '5', 'number'],
    ['sin(30 deg)', '0.5', 'number'],
    ['combinations(52, 5)', '2598960', 'number'],
    ['mean([1, 2, 3, 4])', '2.5', 'number'],
    ['3 > 2', 'true', 'boolean'],
  ])('%s = %s', (expression, result, type) => {
    expect(evaluateExpression(expression)).toEqual({ expression, result, type });
  });

  it('shows very large and very small numbers in exponent form', () => {
    expect(evaluateExpression('factorial(100)').result).toMatch(
      /^9\.33262154439441526816992388562667\d+e\+157$/,
    );
    expect(evaluateExpression('1e-20 * 3').result).toBe('3e-20');
  });

  it('works as an AI SDK tool', async () => {
    const calculator = createCalculatorTool();
    const output = await calculator.execute?.({ expression: '6 * 7' }, { toolCallId: 'c1', messages: [] });
    expect(output).toEqual({ expression: '6 * 7', result: '42', type: 'number' });
  });
});

describe('hostile and broken input', () => {
  it('refuses huge exponents (9^9^9^9) as an overflow, at once', () => {
    const { message, ms } = refusal('9^9^9^9');
    expect(message).toMatch(/infinite: it is too large to represent/);
    expect(ms).toBeLessThan(500);
  });

  it('refuses input longer than 1,000 characters', () => {
    expect(refusal(`1${'+1'.repeat(500)}`).message).toBe(
      'The expression is 1,001 characters long; the calculator accepts at most 1,000.',
    );
    expect(evaluateExpression(`1${'+1'.repeat(499)}`).result).toBe('500');
  });

  it('refuses function definitions', () => {
    expect(refusal('f(x) = x^2; f(3)').message).toMatch(/Defining functions \(f\(…\) = …\) is not allowed/);
  });

  it.each([
    'import({x: 1}, {override: true})',
    'createUnit("foo", "3 m")',
    'evaluate("1 + 1")',
    'parse("1 + 1")',
    'compile("1 + 1")',
    'simplify("x + x")',
    'derivative("x^2", "x")',
    'resolve("x", {x: 1})',
    'config({precision: 100000})',
    'f = evaluate; f("2")',
  ])('refuses %s', (expression) => {
    expect(refusal(expression).message).toMatch(/^The function \w+ is disabled in the calculator\.$/);
  });

  it.each([
    [
      'zeros(1e6, 1e6)',
      /zeros\(…\) would have 1,000,000,000,000 elements; the calculator allows at most 100,000/,
    ],
    ['ones([1e4, 1e4])', /ones\(…\) would have 100,000,000 elements/],
    ['identity(1e4)', /identity\(…\) would have 100,000,000 elements/],
    ['1:1e9', /The range would have 1,000,000,000 elements/],
    ['range(0, 1e8, 0.5)', /The range would have 200,000,001 elements/],
    ['random([1e5, 1e5])', /random\(…\) would have/],
    ['resize([1], [1e5, 1e5])', /resize\(…\) would have/],
    ['diag(ones(1000))', /diag\(…\) would have 1,000,000 elements/],
    ['ones(1e5, 1) + ones(1, 1e5)', /The result of add would have 10,000,000,000 elements/],
    ['ones(1e5, 1) == ones(1, 1e5)', /The result of equal would have/],
    ['A = ones(300, 300); [A, A]', /The matrix would have 180,000 elements/],
    ['A = ones(300, 300); concat(A, A)', /concat\(…\) would have 180,000 elements/],
    ['setPowerset(1:40)', /setPowerset\(…\) would have/],
    ['subset([1], index(1e7), 1)', /The matrix would have 10,000,000 elements/],
  ])('refuses the memory bomb %s before allocating', (expression, message) => {
    const { message: got, ms } = refusal(expression);
    expect(got).toMatch(message);
    expect(ms).toBeLessThan(500);
  });

  it('refuses element assignment and method calls', () => {
    expect(refusal('A = [1]; A[1e8] = 1').message).toMatch(/Only plain variable assignments/);
    expect(refusal('A = [1, 2]; A.resize([1e5, 1e5])').message).toMatch(/method calls are not allowed/);
  });

  it('bounds precision arguments and exact powers', () => {
    expect(refusal('format(pi, 1e9)').message).toMatch(/format\(…\) accepts numeric arguments up to 1,000/);
    expect(refusal('bigint(9) ^ bigint(99999999)').message).toMatch(/Exact powers .* up to 10,000/);
  });

  it('stops a long computation at the time limit, and the next call works', () => {
    const { message, ms } = refusal('factorial(1e7)', 300);
    expect(message).toBe('The calculation took longer than 300 ms and was stopped.');
    expect(ms).toBeLessThan(1500);
    expect(evaluateExpression('1 + 1').result).toBe('2');
  });

  it('explains results that are not values', () => {
    expect(refusal('0/0').message).toMatch(/not a number \(NaN\)/);
    expect(refusal('1/0').message).toMatch(/infinite/);
    expect(refusal('sqrt').message).toMatch(/is a function, not a value/);
    expect(refusal('a = 5;').message).toMatch(/no visible result/);
    expect(refusal('   ').message).toBe('The expression is empty.');
  });

  it('explains syntax errors and unknown names', () => {
    expect(refusal('2 +').message).toMatch(/^The expression could not be read: Unexpected end of expression/);
    expect(refusal('5 apples').message).toMatch(/Undefined symbol apples/);
  });

  it('makes the AI SDK tool throw the readable message', async () => {
    const calculator = createCalculatorTool();
    await expect(
      calculator.execute?.({ expression: 'zeros(1e6, 1e6)' }, { toolCallId: 'c2', messages: [] }),
    ).rejects.toThrow(/would have 1,000,000,000,000 elements/);
  });
});
