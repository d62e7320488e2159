import vm from 'node:vm';
import { all, create, type MathJsInstance, type MathNode } from 'mathjs';
import { CALCULATOR_MAX_INPUT_CHARS } from './calculator';

/**
 * calculator: evaluates a math expression (numbers, units, matrices, complex numbers) with mathjs.
 *
 * The instance is restricted the way mathjs's security guide recommends (no import, createUnit,
 * evaluate/parse/compile from inside an expression, no symbolic algebra), and hardened further
 * because mathjs evaluation is synchronous and runs in the server process:
 * - input is capped at 1,000 characters, function definitions, element assignment and method
 *   calls are refused before anything is evaluated;
 * - functions that allocate from a size argument (zeros, ones, range, `1:n`, resize, concat,
 *   matrix literals, broadcasting operators, …) check the size first (at most 100,000 elements);
 * - functions with caches or precision arguments (format, bernoulli, stirlingS2, …) take bounded arguments;
 * - the whole evaluation runs under a `node:vm` timeout (1 s), which stops even a single long
 *   built-in call such as factorial(1e7); after a timeout the instance is rebuilt.
 */

export const CALCULATOR_MAX_ELEMENTS = 100_000;
export const CALCULATOR_DEFAULT_TIMEOUT_MS = 1000;
const MAX_RESULT_CHARS = 10_000;
const PRECISION = 64;
/**
 * Non-integers are shown with 60 of the 64 digits: the last digits carry rounding from intermediate
 * steps (60 mi/h to km/h is 96.56063999…9 at 64 digits, 96.56064 at 60). Integers show all 64.
 */
const DISPLAY_PRECISION = 60;

/** Functions disabled inside expressions (mathjs security guide, plus symbolic and config helpers). */
const DISABLED_FUNCTIONS = [
  'import',
  'createUnit',
  'reviver',
  'replacer',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'rationalize',
  'derivative',
  'resolve',
  'symbolicEqual',
  'leafCount',
  'config',
  'help',
] as const;
const DISABLED = new Set<string>(DISABLED_FUNCTIONS);

export class CalculatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalculatorError';
  }
}

export interface CalculatorResult {
  expression: string;
  /** The value as text: integers with up to 64 digits, other numbers with 60 significant digits. */
  result: string;
  /** number, complex, unit, matrix, fraction, boolean, string or object. */
  type: string;
  /** Present when the formatted result was longer than 10,000 characters and was cut. */
  truncated?: true;
}

export interface CalculatorOptions {
  /** Wall-clock budget of one evaluation; default 1000 ms. */
  timeoutMs?: number;
}

type AnyFn = (...args: unknown[]) => unknown;
type Guard = (args: unknown[], math: MathJsInstance) => void;

interface MathInternals {
  expression: { transform: Record<string, AnyFn | undefined>; mathWithTransform: Record<string, unknown> };
}

interface Engine {
  math: MathJsInstance;
  /** mathjs's own format, kept before the guarded one replaces it in the namespace. */
  format: MathJsInstance['format'];
  parse: (expression: string) => MathNode;
  sandbox: { run?: () => unknown };
  context: vm.Context;
  script: vm.Script;
}

// ---------------------------------------------------------------------------------------------
// Size guards

function tooLarge(what: string, count: number): CalculatorError {
  const n = Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : 'too many';
  return new CalculatorError(
    `${what} would have ${n} elements; the calculator allows at most ${CALCULATOR_MAX_ELEMENTS.toLocaleString('en-US')}.`,
  );
}

function numeric(math: MathJsInstance, v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (math.isBigNumber(v)) return v.toNumber();
  if (math.isFraction(v)) return Number(v.valueOf());
  return undefined;
}

/** Elements in a (possibly nested) array or matrix; scalars count 1; stops counting past the limit. */
function elementCount(math: MathJsInstance, v: unknown, limit = CALCULATOR_MAX_ELEMENTS): number {
  if (math.isMatrix(v)) return v.size().reduce((a, b) => a * b, 1);
  if (Array.isArray(v)) {
    let total = 0;
    for (const item of v) {
      total += elementCount(math, item, limit);
      if (total > limit) return total;
    }
    return total;
  }
  if (typeof v === 'string') return Math.max(1, v.length);
  return 1;
}

/** The numbers held by a size argument (array or matrix of numbers). */
function sizeValues(math: MathJsInstance, v: unknown): number[] {
  const flat: unknown[] = math.isMatrix(v)
    ? (v.toArray() as unknown[]).flat(8)
    : Array.isArray(v)
      ? v.flat(8)
      : [v];
  return flat.map((x) => numeric(math, x) ?? Number.NaN);
}

function shapeOf(math: MathJsInstance, v: unknown): number[] | undefined {
  if (math.isMatrix(v)) return v.size();
  if (Array.isArray(v)) return math.size(v as number[]) as unknown as number[];
  return undefined;
}

function checkCount(what: string, count: number): void {
  if (!(count <= CALCULATOR_MAX_ELEMENTS)) throw tooLarge(what, count);
}

const product = (xs: number[]) => xs.reduce((a, b) => a * Math.max(0, Math.ceil(Math.abs(b))), 1);

/** zeros(m, n), ones([m, n]), identity(n): sizes given as numbers or as one array. */
const sizeArgsGuard =
  (name: string, square: boolean): Guard =>
  (args, math) => {
    const dims: number[] = [];
    for (const arg of args) {
      if (typeof arg === 'string') continue;
      dims.push(...sizeValues(math, arg));
    }
    if (square && dims.length === 1) dims.push(dims[0]);
    checkCount(`${name}(…)`, product(dims));
  };

/** random([m, n]), randomInt([m, n], …), resize(x, [m, n]), matrixFromFunction([m, n], f). */
const sizeAtGuard =
  (name: string, index: number): Guard =>
  (args, math) => {
    const size = args[index];
    if (math.isMatrix(size) || Array.isArray(size)) checkCount(`${name}(…)`, product(sizeValues(math, size)));
  };

function rangeGuard(args: unknown[], math: MathJsInstance): void {
  let bounds: (number | undefined)[];
  if (typeof args[0] === 'string') {
    const parts = args[0].split(':').map((p) => Number(p.trim()));
    bounds = parts.length === 3 ? [parts[0], parts[2], parts[1]] : [parts[0], parts[1], 1];
  } else {
    bounds = [numeric(math, args[0]), numeric(math, args[1]), args.length > 2 ? numeric(math, args[2]) : 1];
  }
  const [start, end, step] = bounds;
  if (start === undefined || end === undefined || step === undefined) return;
  if (step === 0) return; // mathjs reports a zero step itself
  checkCount('The range', Math.floor(Math.abs((end - start) / step)) + 1);
}

function diagGuard(args: unknown[], math: MathJsInstance): void {
  const shape = shapeOf(math, args[0]);
  if (shape?.length !== 1) return;
  const k = Math.abs(numeric(math, args[1]) ?? 0);
  checkCount('diag(…)', (shape[0] + k) ** 2);
}

const productOfCountsGuard =
  (name: string): Guard =>
  (args, math) => {
    let total = 1;
    for (const arg of args) {
      if (math.isMatrix(arg) || Array.isArray(arg)) total *= elementCount(math, arg);
    }
    checkCount(`${name}(…)`, total);
  };

const sumOfCountsGuard =
  (name: string): Guard =>
  (args, math) => {
    let total = 0;
    for (const arg of args) total += elementCount(math, arg);
    checkCount(`${name}(…)`, total);
  };

function matrixGuard(args: unknown[], math: MathJsInstance): void {
  checkCount('The matrix', elementCount(math, args[0]));
}

function powersetGuard(args: unknown[], math: MathJsInstance): void {
  checkCount('setPowerset(…)', 2 ** elementCount(math, args[0]));
}

/** subset(x, index, replacement): replacing can grow the matrix to the largest index. */
function subsetGuard(args: unknown[], math: MathJsInstance): void {
  if (args.length < 3) return;
  const index = args[1] as { max?: () => unknown } | undefined;
  if (typeof index?.max !== 'function') return;
  const max = sizeValues(math, index.max());
  const current = shapeOf(math, args[0]) ?? [];
  checkCount(
    'The matrix',
    max.reduce((acc, m, i) => acc * Math.max(m + 1, current[i] ?? 0), 1),
  );
}

/** Element-wise operators broadcast their operands: check the size of the broadcast result. */
const broadcastGuard =
  (name: string): Guard =>
  (args, math) => {
    const shapes = args.map((a) => shapeOf(math, a)).filter((s): s is number[] => s !== undefined);
    if (shapes.length < 2) return;
    if (name === 'multiply') {
      // matrix product: rows of the first times columns of the last
      const first = shapes[0];
      const last = shapes[shapes.length - 1];
      checkCount('The matrix product', (first.length > 1 ? first[0] : 1) * (last.length > 1 ? last[1] : 1));
      return;
    }
    const rank = Math.max(...shapes.map((s) => s.length));
    const result: number[] = [];
    for (let i = 0; i < rank; i++) {
      result.push(Math.max(...shapes.map((s) => s[s.length - rank + i] ?? 1)));
    }
    checkCount(`The result of ${name}`, product(result));
  };

/** Numeric arguments from position `from` on (and numeric options) must be at most `max` in size. */
const boundedNumbersGuard =
  (name: string, max: number, from = 0): Guard =>
  (args, math) => {
    const values: unknown[] = [];
    for (const arg of args.slice(from)) {
      if (arg !== null && typeof arg === 'object' && Object.getPrototypeOf(arg) === Object.prototype) {
        values.push(...Object.values(arg));
      } else {
        values.push(arg);
      }
    }
    for (const v of values) {
      const n = numeric(math, v);
      if (n !== undefined && !(Math.abs(n) <= max)) {
        throw new CalculatorError(
          `${name}(…) accepts numeric arguments up to ${max.toLocaleString('en-US')}.`,
        );
      }
    }
  };

/** Exact types (fractions, bigints) grow without bound under pow: keep their exponents small. */
const MAX_EXACT_EXPONENT = 10_000;
function exactPowGuard(args: unknown[], math: MathJsInstance): void {
  const [base, exponent] = args;
  if (typeof base !== 'bigint' && !math.isFraction(base)) return;
  const n = numeric(math, exponent);
  if (n !== undefined && !(Math.abs(n) <= MAX_EXACT_EXPONENT)) {
    throw new CalculatorError(
      `Exact powers of fractions and bigints are limited to exponents up to ${MAX_EXACT_EXPONENT.toLocaleString('en-US')}; use a plain number instead.`,
    );
  }
}

const both =
  (...list: Guard[]): Guard =>
  (args, math) => {
    for (const guard of list) guard(args, math);
  };

const BROADCASTING = [
  'add',
  'subtract',
  'multiply',
  'dotMultiply',
  'dotDivide',
  'dotPow',
  'mod',
  'equal',
  'unequal',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
  'compare',
  'compareNatural',
  'compareText',
  'equalText',
  'xor',
  'bitXor',
  'leftShift',
  'rightArithShift',
  'rightLogShift',
  'atan2',
  'gcd',
  'lcm',
  'nthRoot',
  'log',
  'round',
  'floor',
  'ceil',
  'fix',
  'to',
] as const;

function guards(): Record<string, Guard> {
  const table: Record<string, Guard> = {
    zeros: sizeArgsGuard('zeros', false),
    ones: sizeArgsGuard('ones', false),
    identity: sizeArgsGuard('identity', true),
    random: sizeAtGuard('random', 0),
    randomInt: sizeAtGuard('randomInt', 0),
    resize: sizeAtGuard('resize', 1),
    matrixFromFunction: sizeAtGuard('matrixFromFunction', 0),
    range: rangeGuard,
    diag: diagGuard,
    kron: productOfCountsGuard('kron'),
    setCartesian: productOfCountsGuard('setCartesian'),
    concat: sumOfCountsGuard('concat'),
    matrixFromRows: sumOfCountsGuard('matrixFromRows'),
    matrixFromColumns: sumOfCountsGuard('matrixFromColumns'),
    matrix: matrixGuard,
    sparse: matrixGuard,
    setPowerset: powersetGuard,
    subset: subsetGuard,
    pickRandom: boundedNumbersGuard('pickRandom', CALCULATOR_MAX_ELEMENTS),
    format: boundedNumbersGuard('format', 1000, 1),
    print: boundedNumbersGuard('print', 1000, 2),
    bin: boundedNumbersGuard('bin', 1000, 1),
    oct: boundedNumbersGuard('oct', 1000, 1),
    hex: boundedNumbersGuard('hex', 1000, 1),
    pow: exactPowGuard,
    bernoulli: boundedNumbersGuard('bernoulli', 1000),
    stirlingS2: boundedNumbersGuard('stirlingS2', 500),
    bellNumbers: boundedNumbersGuard('bellNumbers', 500),
  };
  for (const name of BROADCASTING) table[name] = broadcastGuard(name);
  table.dotPow = both(broadcastGuard('dotPow'), exactPowGuard);
  return table;
}

// ---------------------------------------------------------------------------------------------
// The restricted instance

function disabled(name: string): AnyFn {
  return () => {
    throw new CalculatorError(`The function ${name} is disabled in the calculator.`);
  };
}

function createEngine(): Engine {
  const math = create(all, { number: 'BigNumber', precision: PRECISION });
  const internals = math as unknown as MathInternals & Record<string, unknown>;
  // mathjs creates functions lazily; create them all now, so that the overrides below only change
  // what expressions see, never what one built-in function receives as a dependency.
  for (const key of Object.keys(math)) void internals[key];
  const withTransform = internals.expression.mathWithTransform;
  for (const key of Object.keys(withTransform)) void withTransform[key];

  const parse = math.parse.bind(math) as (expression: string) => MathNode;
  const format = math.format.bind(math) as MathJsInstance['format'];
  const overrides: Record<string, AnyFn> = {};
  for (const [name, guard] of Object.entries(guards())) {
    const original = internals[name];
    if (typeof original !== 'function') continue;
    const wrapped = (...args: unknown[]) => {
      guard(args, math);
      return (original as AnyFn)(...args);
    };
    const transform = internals.expression.transform[name];
    if (typeof transform === 'function' && !(transform as { rawArgs?: boolean }).rawArgs) {
      Object.assign(wrapped, {
        transform: (...args: unknown[]) => {
          guard(args, math);
          return transform(...args);
        },
      });
    }
    overrides[name] = wrapped;
  }
  for (const name of DISABLED_FUNCTIONS) overrides[name] = disabled(name);
  math.import(overrides, { override: true });

  const sandbox: Engine['sandbox'] = {};
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const engine: Engine = { math, format, parse, sandbox, context, script: new vm.Script('run()') };
  // Warm the unit tables and the BigNumber constants so the time budget goes to the user's expression.
  try {
    runExpression(engine, '(2 inch to cm) + sin(pi / 4) * 1 m + det([1, 2; 3, 4]) * 1 mm', 10_000);
  } catch {
    // a failed warm-up only costs the first call some time
  }
  return engine;
}

let current: Engine | undefined;
function engine(): Engine {
  current ??= createEngine();
  return current;
}

// ---------------------------------------------------------------------------------------------
// Policy and formatting

function nodeName(node: MathNode): string | undefined {
  return (node as { name?: unknown }).name as string | undefined;
}

function checkPolicy(root: MathNode): void {
  root.traverse((node) => {
    switch (node.type) {
      case 'FunctionAssignmentNode':
        throw new CalculatorError(
          `Defining functions (${nodeName(node)}(…) = …) is not allowed in the calculator; write the expression out instead.`,
        );
      case 'AssignmentNode': {
        const { object, index } = node as unknown as { object: MathNode; index: unknown };
        if (index || object.type !== 'SymbolNode') {
          throw new CalculatorError(
            'Only plain variable assignments such as `a = 5; a * 2` are allowed, not assignments into elements or properties.',
          );
        }
        break;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== 'SymbolNode') {
          throw new CalculatorError(
            'Only built-in functions can be called, e.g. sqrt(2); method calls are not allowed.',
          );
        }
        break;
      }
      case 'SymbolNode': {
        const name = nodeName(node) ?? '';
        if (DISABLED.has(name))
          throw new CalculatorError(`The function ${name} is disabled in the calculator.`);
        break;
      }
    }
  });
}

function describeType(math: MathJsInstance, value: unknown): string {
  const t = math.typeOf(value);
  if (t === 'BigNumber' || t === 'number' || t === 'bigint') return 'number';
  if (t === 'DenseMatrix' || t === 'SparseMatrix' || t === 'Array' || t === 'Matrix') return 'matrix';
  return t.toLowerCase();
}

function checkFinite(math: MathJsInstance, value: unknown): void {
  const check = (x: unknown) => {
    const n = math.isBigNumber(x) ? x : typeof x === 'number' ? x : undefined;
    if (n === undefined) return;
    const nan = typeof n === 'number' ? Number.isNaN(n) : n.isNaN();
    const finite = typeof n === 'number' ? Number.isFinite(n) : n.isFinite();
    if (nan)
      throw new CalculatorError(
        'The result is not a number (NaN), e.g. 0/0 or a value outside a function’s domain.',
      );
    if (!finite) {
      throw new CalculatorError(
        'The result is infinite: it is too large to represent (overflow, e.g. 9^9^9^9) or a division by zero.',
      );
    }
  };
  if (math.isComplex(value)) {
    check(value.re);
    check(value.im);
  } else if (math.isUnit(value)) {
    check((value as unknown as { value: unknown }).value);
  } else if (!math.isMatrix(value) && !Array.isArray(value)) {
    check(value);
  }
}

function toResult(e: Engine, expression: string, raw: unknown): CalculatorResult {
  const { math } = e;
  let value = raw;
  if (math.isResultSet(value)) {
    const entries = value.entries;
    if (entries.length === 0) {
      throw new CalculatorError('The expression has no visible result; end it with a value (not a `;`).');
    }
    value = entries[entries.length - 1];
  }
  if (typeof value === 'function') {
    throw new CalculatorError(
      'The expression is a function, not a value; call it with arguments, e.g. sqrt(16).',
    );
  }
  if (value === undefined || value === null) throw new CalculatorError('The expression has no value.');
  checkFinite(math, value);
  if (math.isMatrix(value) || Array.isArray(value)) checkCount('The result', elementCount(math, value));
  const precision = math.isBigNumber(value) && value.isInteger() ? PRECISION : DISPLAY_PRECISION;
  let text =
    typeof value === 'string' ? value : e.format(value, { precision, lowerExp: -12, upperExp: PRECISION });
  const truncated = text.length > MAX_RESULT_CHARS;
  if (truncated) text = `${text.slice(0, MAX_RESULT_CHARS)}…`;
  return { expression, result: text, type: describeType(math, value), ...(truncated ? { truncated } : {}) };
}

function runExpression(e: Engine, expression: string, timeoutMs: number): CalculatorResult {
  e.sandbox.run = () => {
    let node: MathNode;
    try {
      node = e.parse(expression);
    } catch (error) {
      throw new CalculatorError(`The expression could not be read: ${(error as Error).message}`);
    }
    checkPolicy(node);
    const value = node.compile().evaluate(new Map<string, unknown>());
    return toResult(e, expression, value);
  };
  try {
    return e.script.runInContext(e.context, { timeout: timeoutMs }) as CalculatorResult;
  } finally {
    e.sandbox.run = undefined;
  }
}

/** Evaluates one expression; throws CalculatorError with a readable message when it cannot. */
export function evaluateExpression(expression: string, options: CalculatorOptions = {}): CalculatorResult {
  const timeoutMs = options.timeoutMs ?? CALCULATOR_DEFAULT_TIMEOUT_MS;
  const text = expression.trim();
  if (text === '') throw new CalculatorError('The expression is empty.');
  if (expression.length > CALCULATOR_MAX_INPUT_CHARS) {
    throw new CalculatorError(
      `The expression is ${expression.length.toLocaleString('en-US')} characters long; the calculator accepts at most ${CALCULATOR_MAX_INPUT_CHARS.toLocaleString('en-US')}.`,
    );
  }
  const e = engine();
  try {
    return runExpression(e, text, timeoutMs);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      // Stopped in the middle of a built-in: do not trust that instance's internal state again.
      if (current === e) current = undefined;
      throw new CalculatorError(`The calculation took longer than ${timeoutMs} ms and was stopped.`);
    }
    if (error instanceof CalculatorError) throw error;
    if (error instanceof RangeError && /array length|string length|call stack/i.test(error.message)) {
      throw new CalculatorError('The calculation needs more memory than the calculator allows.');
    }
    throw new CalculatorError(`The expression could not be evaluated: ${(error as Error).message}`);
  }
}
