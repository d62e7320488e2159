/**
 * Merges text deltas that have already arrived, before the AI SDK parses them.
 *
 * The AI SDK parses and validates every upstream SSE event on its own (JSON parse, a zod schema,
 * several stream stages per event). When the app keeps up with the upstream, each network read
 * carries one event and nothing here changes anything. When it falls behind (many streams, or a
 * very fast one), a read carries many events; consecutive events that are plain text deltas of
 * choice 0 of the same kind (answer text, or reasoning) with the same envelope (id, model, …) are
 * then merged into one event whose text is theirs joined, so the SDK parses fewer, larger chunks
 * and the app catches up. The SDK's resulting text, reasoning, tool calls, usage and finish reason
 * are the same (lib/glm/__tests__/coalesce.test.ts proves it on every backend's framing).
 *
 * Nothing is held back waiting for more: only the bytes of one read are merged, and the only bytes
 * kept for the next read are those of an event that read did not finish (which the SDK could not
 * have parsed anyway). Anything not recognised passes through untouched.
 */

type Json = Record<string, unknown>;

/** Delta fields that carry text; each merged field is the concatenation of the events' values. */
const TEXT_FIELDS = ['content', 'reasoning_content', 'reasoning'] as const;
/** Delta fields allowed beside the text ones in a mergeable event. */
const DELTA_FIELDS = new Set<string>(['role', ...TEXT_FIELDS]);
/** Choice fields allowed in a mergeable event (finish_reason / logprobs only when null). */
const CHOICE_FIELDS = new Set([
  'index',
  'delta',
  'finish_reason',
  'logprobs',
  'stop_reason',
  // vLLM / Workers AI `token_ids:null`, SGLang `matched_stop:null` (recorded traces): only when null.
  'token_ids',
  'matched_stop',
]);
/** Top-level fields allowed in a mergeable event (`usage` only when null). */
const TOP_FIELDS = new Set(['id', 'object', 'created', 'model', 'system_fingerprint', 'choices', 'usage']);

/** Bound on an event kept for the next read: a longer one is passed on as it is. */
const MAX_CARRY_CHARS = 2_000_000;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Mergeable {
  /** Everything but the text, as text: events with equal keys merge. */
  key: string;
  chunk: Json;
  delta: Json;
}

/**
 * The event's parsed form when it is a plain text delta of choice 0 (only answer text, or only
 * reasoning, never both; no tool calls, finish reason, usage or logprobs), else undefined.
 */
export function mergeable(payload: string): Mergeable | undefined {
  let chunk: unknown;
  try {
    chunk = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (!isRecord(chunk)) return undefined;
  for (const key in chunk) {
    if (!TOP_FIELDS.has(key)) return undefined;
  }
  if (chunk.usage != null) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice = choices[0];
  if (!isRecord(choice) || choice.index !== 0) return undefined;
  for (const key in choice) {
    if (!CHOICE_FIELDS.has(key)) return undefined;
  }
  if (
    choice.finish_reason != null ||
    choice.logprobs != null ||
    choice.stop_reason != null ||
    choice.token_ids != null ||
    choice.matched_stop != null
  ) {
    return undefined;
  }
  const delta = choice.delta;
  if (!isRecord(delta)) return undefined;
  for (const key in delta) {
    if (!DELTA_FIELDS.has(key)) return undefined;
  }
  if (delta.role != null && typeof delta.role !== 'string') return undefined;
  // Per text field: absent, null, empty or text. The SDK reads `reasoning_content ?? reasoning`,
  // so an empty or null field means something: only events with the same states merge.
  let states = '';
  let answer = false;
  let reasoning = false;
  for (const field of TEXT_FIELDS) {
    const value = delta[field];
    if (value === undefined) states += 'a';
    else if (value === null) states += 'n';
    else if (typeof value !== 'string') return undefined;
    else if (value === '') states += 'e';
    else {
      states += 't';
      if (field === 'content') answer = true;
      else reasoning = true;
    }
  }
  // Answer and reasoning in one event: merging two of them would reorder the parts.
  if (answer === reasoning) return undefined;
  // Every other field is one of the few allowed above: the key lists them (which null ones are
  // present too, to stay byte-faithful to the first event's shape).
  const key = JSON.stringify([
    chunk.id,
    chunk.object,
    chunk.created,
    chunk.model,
    chunk.system_fingerprint,
    'usage' in chunk,
    'finish_reason' in choice,
    'logprobs' in choice,
    'stop_reason' in choice,
    'token_ids' in choice,
    'matched_stop' in choice,
    delta.role,
    states,
  ]);
  return { key, chunk, delta };
}

/** One SSE event (its lines, without the blank line that ends it): the payload of a lone `data:` line. */
function dataPayload(event: string): string | undefined {
  if (!event.startsWith('data:') || event.includes('\n')) return undefined;
  return event.charCodeAt(5) === 32 ? event.slice(6) : event.slice(5);
}

/**
 * The coalescer of one response body: `push` each read's bytes, pass on what it returns (the same
 * array when nothing was merged and nothing is carried), `end` at the end of the body.
 */
export function deltaCoalescer() {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = '';

  /** The events of `text` (each ending in a blank line), with runs of mergeable ones merged. */
  function coalesce(text: string): string {
    const events = text.slice(0, -2).split('\n\n'); // text ends with a blank line
    let out = '';
    let run: Mergeable | undefined;
    let runText = '';
    let runLength = 0;
    let texts: Record<string, string> = {};
    const flush = () => {
      if (!run) return;
      if (runLength === 1) out += runText;
      else {
        const delta = { ...run.delta, ...texts };
        const [choice] = run.chunk.choices as Json[];
        out += `data: ${JSON.stringify({ ...run.chunk, choices: [{ ...choice, delta }] })}\n\n`;
      }
      run = undefined;
    };
    for (const event of events) {
      const payload = dataPayload(event);
      const parsed = payload === undefined ? undefined : mergeable(payload);
      if (!parsed) {
        flush();
        out += `${event}\n\n`;
        continue;
      }
      if (run && run.key === parsed.key) {
        runLength++;
        for (const field of TEXT_FIELDS) {
          const value = parsed.delta[field];
          if (typeof value === 'string') texts[field] = (texts[field] ?? '') + value;
        }
        continue;
      }
      flush();
      run = parsed;
      runText = `${event}\n\n`;
      runLength = 1;
      texts = {};
      for (const field of TEXT_FIELDS) {
        const value = parsed.delta[field];
        if (typeof value === 'string') texts[field] = value;
      }
    }
    flush();
    return out;
  }

  return {
    push(bytes: Uint8Array): Uint8Array {
      const carried = carry !== '';
      const text = carry + decoder.decode(bytes, { stream: true });
      // Events end with a blank line. CR line ends (rare) and endless events pass on unmerged.
      if (text.includes('\r') || text.length > MAX_CARRY_CHARS) {
        carry = '';
        return !carried && text.length === bytes.length ? bytes : encoder.encode(text);
      }
      const end = text.lastIndexOf('\n\n');
      if (end === -1) {
        carry = text;
        return EMPTY;
      }
      const complete = text.slice(0, end + 2);
      carry = text.slice(end + 2);
      // One event, nothing carried in or out: the read as it came.
      if (complete.indexOf('\n\n') === end) {
        if (carry === '' && complete.length === bytes.length) return bytes;
        return encoder.encode(complete);
      }
      return encoder.encode(coalesce(complete));
    },
    end(): Uint8Array {
      const rest = carry + decoder.decode();
      carry = '';
      return rest === '' ? EMPTY : encoder.encode(rest);
    },
  };
}

const EMPTY = new Uint8Array(0);
