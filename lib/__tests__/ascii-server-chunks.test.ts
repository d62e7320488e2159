import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiChunk } from '../../scripts/ascii-server-chunks.mjs';

/** Runs a chunk-like script and returns what it assigns to `module.exports`. */
function run(source: string): unknown {
  const module = { exports: undefined as unknown };
  vm.runInNewContext(source, { module });
  return module.exports;
}

function rewrite(source: string): string {
  const result = asciiChunk('chunk.js', source);
  if (result.reason !== undefined) throw new Error(result.reason);
  return result.text;
}

describe('server chunks rewritten to Latin-1 (V8 then stores their source one byte per character)', () => {
  it('leaves a Latin-1 chunk alone', () => {
    const source = 'module.exports=["café ±",1];';
    expect(asciiChunk('chunk.js', source)).toEqual({ text: source, changed: false });
  });

  it('escapes strings, untagged templates and identifiers without changing a value', () => {
    const source =
      'const ĳ="…—’",x=`你好 ${ĳ} 🌏`;module.exports=[ĳ,x,JSON.parse(\'{"a":"→"}\').a,"a\\—b","\\\\—"];';
    const out = rewrite(source);
    expect(out).not.toMatch(/[\u0100-\uffff]/);
    expect(run(out)).toEqual(run(source));
    expect(run(out)).toEqual(['…—’', '你好 …—’ 🌏', '→', 'a—b', '\\—']);
  });

  it('keeps a line continuation a line continuation', () => {
    const source = 'module.exports="a\\\u2028b";';
    const out = rewrite(source);
    expect(run(out)).toBe('ab');
    expect(out).not.toMatch(/[\u0100-\uffff]/);
  });

  it('escapes regular expressions so they match the same text', () => {
    const source = 'module.exports=[/[’…]+/g,/[\\p{L}’]+/gu,/𝔄|\\—/u.source.length>0?/𝔄|x/u:null,/[😀]/];';
    const out = rewrite(source);
    expect(out).not.toMatch(/[\u0100-\uffff]/);
    const [a, b, c, d] = run(out) as RegExp[];
    expect('x’…y'.match(a)?.[0]).toBe('’…');
    expect('ab’c d'.match(b)?.[0]).toBe('ab’c');
    expect(c.test('𝔄')).toBe(true);
    expect(d.test('😀')).toBe(true);
  });

  it('leaves a chunk alone where escaping would change what code can see', () => {
    expect(asciiChunk('chunk.js', 'module.exports=String.raw`…`;').reason).toMatch(/tagged template/);
    expect(asciiChunk('chunk.js', '/* © Jörg — */module.exports=1;').reason).toMatch(/outside a literal/);
  });
});
