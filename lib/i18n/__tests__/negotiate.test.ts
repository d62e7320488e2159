import { describe, expect, it } from 'vitest';
import { directionOf, isLocale } from '../locales';
import { parseAcceptLanguage, resolveLocale } from '../negotiate';

describe('parseAcceptLanguage', () => {
  it('orders tags by quality, keeping header order on ties, and drops q=0 and *', () => {
    expect(parseAcceptLanguage('fr;q=0.5, ar-EG, en;q=0.9, de;q=0, *;q=0.1')).toEqual(['ar-EG', 'en', 'fr']);
  });
  it('is empty for a missing or empty header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });
});

describe('resolveLocale', () => {
  it('takes the cookie first when it names a locale we have', () => {
    expect(resolveLocale({ cookie: 'ja', acceptLanguage: 'es-ES,es' })).toBe('ja');
  });
  it('ignores a cookie that is not one of ours', () => {
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'es-MX,es;q=0.9' })).toBe('es');
  });
  it('matches the browser language by its language when the region differs', () => {
    expect(resolveLocale({ acceptLanguage: 'zh-TW,zh;q=0.9' })).toBe('zh-CN');
    expect(resolveLocale({ acceptLanguage: 'zh-cn' })).toBe('zh-CN');
    expect(resolveLocale({ acceptLanguage: 'ar-SA' })).toBe('ar');
    expect(resolveLocale({ acceptLanguage: 'ja-JP' })).toBe('ja');
  });
  it('skips languages we do not have, then falls back to English', () => {
    expect(resolveLocale({ acceptLanguage: 'de-DE, ja;q=0.8' })).toBe('ja');
    expect(resolveLocale({ acceptLanguage: 'de-DE, fr' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
  });
});

describe('locales', () => {
  it('knows which languages are written right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he-IL')).toBe('rtl');
    expect(directionOf('zh-CN')).toBe('ltr');
    expect(directionOf('en')).toBe('ltr');
  });
  it('recognises its own locale codes only', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('zh')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
