import { describe, expect, it } from 'vitest';
import { dominantScript, languageInstruction } from '../language';

describe('dominantScript', () => {
  it('finds the script most of the letters are in', () => {
    expect(dominantScript('How do I sort a list in Python?').script).toBe('latin');
    expect(dominantScript('今天北京的天气怎么样？').script).toBe('han');
    expect(dominantScript('مرحبا، كيف حالك اليوم؟').script).toBe('arabic');
    expect(dominantScript('Привет, как дела?').script).toBe('cyrillic');
    expect(dominantScript('안녕하세요, 반갑습니다').script).toBe('hangul');
  });
  it('calls Han with kana Japanese', () => {
    expect(dominantScript('東京の天気はどうですか？').script).toBe('japanese');
  });
  it('keeps a Chinese question Chinese when it quotes some English', () => {
    expect(dominantScript('为什么 React 的 useEffect 会执行两次？').script).toBe('han');
  });
  it('keeps an Arabic question Arabic when it names an English product', () => {
    expect(dominantScript('ما هو أفضل إطار عمل للويب: Next.js أم Remix؟').script).toBe('arabic');
  });
  it('is unknown for text without letters', () => {
    expect(dominantScript('1 + 2 = 3 ✓')).toEqual({ script: 'unknown', share: 0 });
  });
});

describe('languageInstruction', () => {
  it('asks for the conversation language and names it when the script tells', () => {
    const line = languageInstruction('请帮我写一首关于秋天的诗');
    expect(line).toMatch(/language of the conversation/);
    expect(line).toMatch(/Chinese/);
    expect(languageInstruction('日本語で説明してください')).toMatch(/Japanese/);
    expect(languageInstruction('اشرح لي الجاذبية')).toMatch(/Arabic/);
  });
  it('names no language for Latin script (English, Spanish and French look alike)', () => {
    const line = languageInstruction('¿Cómo estás? Explícame la fotosíntesis.');
    expect(line).toMatch(/language of the conversation/);
    expect(line).not.toMatch(/The conversation is in/);
  });
});
