/**
 * SSE framing and body chunking: turns planned output items into the byte chunks of the response body,
 * optionally splitting frames (mid-JSON, mid-`\n\n`, mid-UTF-8) and coalescing neighbours.
 */

export type OutputItem =
  | { kind: 'data'; payload: string; paced: boolean }
  | { kind: 'comment'; text: string }
  | { kind: 'drop' }
  | { kind: 'hang' }
  | { kind: 'hold' };

/** One body chunk (or fault) with the token tick at which it is due. */
export type Write =
  | { kind: 'bytes'; bytes: Uint8Array; tick: number }
  | { kind: 'drop'; tick: number }
  | { kind: 'hang'; tick: number }
  | { kind: 'hold'; tick: number };

export interface ChunkingOptions {
  /** Split every frame in several pieces and coalesce some neighbours. */
  split: boolean;
  /** Split frames inside a multi-byte UTF-8 character whenever they contain one. */
  utf8Split: boolean;
}

const encoder = new TextEncoder();

export function frameText(item: OutputItem): string {
  if (item.kind === 'data') return `data: ${item.payload}\n\n`;
  if (item.kind === 'comment') return `: ${item.text}\n\n`;
  return '';
}

/** Index of the first byte that continues a multi-byte UTF-8 character (a cut there splits the character). */
export function midCharacterIndex(bytes: Uint8Array): number {
  for (let i = 1; i < bytes.length; i++) {
    if ((bytes[i] & 0xc0) === 0x80) return i;
  }
  return -1;
}

function cutPoints(bytes: Uint8Array, options: ChunkingOptions): number[] {
  const cuts = new Set<number>();
  const mid = midCharacterIndex(bytes);
  if (mid > 0 && (options.split || options.utf8Split)) cuts.add(mid);
  if (options.split) {
    cuts.add(Math.floor(bytes.length / 2));
    cuts.add(bytes.length - 1);
  }
  return [...cuts].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
}

interface Piece {
  bytes: Uint8Array;
  tick: number;
  frame: number;
  last: boolean;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function toWrites(items: OutputItem[], options: ChunkingOptions): Write[] {
  const writes: Write[] = [];
  let tick = 0;
  let frame = 0;
  const pieces: Piece[] = [];
  const flushPieces = (): void => {
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      const next = pieces[i + 1];
      if (options.split && piece.last && next && next.frame === piece.frame + 1 && piece.frame % 3 === 1) {
        writes.push({ kind: 'bytes', bytes: concat(piece.bytes, next.bytes), tick: next.tick });
        i++;
        continue;
      }
      writes.push({ kind: 'bytes', bytes: piece.bytes, tick: piece.tick });
    }
    pieces.length = 0;
  };
  for (const item of items) {
    if (item.kind === 'drop' || item.kind === 'hang' || item.kind === 'hold') {
      flushPieces();
      writes.push({ kind: item.kind, tick });
      continue;
    }
    if (item.kind === 'data' && item.paced) tick++;
    const bytes = encoder.encode(frameText(item));
    // Every third frame is kept whole and coalesced with the start of the next one (see flushPieces).
    const cuts = options.split && frame % 3 === 1 ? [] : cutPoints(bytes, options);
    let start = 0;
    for (const end of [...cuts, bytes.length]) {
      pieces.push({ bytes: bytes.subarray(start, end), tick, frame, last: end === bytes.length });
      start = end;
    }
    frame++;
  }
  flushPieces();
  return writes;
}
