import fs from 'node:fs';
import path from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from '../locales';

/**
 * Every locale has every key of English, no other keys, and the same placeholders and tags in each
 * message (a translation that drops `{count}` or renames `<code>` fails here, not in front of a
 * reader). Every message must be valid ICU MessageFormat.
 */
type Tree = { [key: string]: string | Tree };

const messagesDir = path.resolve(import.meta.dirname, '../../../messages');
const load = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join(messagesDir, `${locale}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** The arguments (`{name}`, `{count, plural, …}`) and tags (`<code>`) a message uses. */
function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(`{${element.value}}`);
          break;
        case TYPE.plural:
        case TYPE.select:
          found.add(`{${element.value}}`);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>`);
          walk(element.children);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = flatten(load(DEFAULT_LOCALE));

describe('UI messages', () => {
  it('has a message file for every locale and no file for a locale it does not offer', () => {
    const files = fs
      .readdirSync(messagesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    expect(files).toEqual([...LOCALES].sort());
  });

  it('parses every English message as ICU MessageFormat', () => {
    for (const [key, message] of english) expect(() => placeholdersOf(message), key).not.toThrow();
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    describe(locale, () => {
      const translated = flatten(load(locale));

      it('has every key of English and no other', () => {
        const missing = [...english.keys()].filter((k) => !translated.has(k));
        const extra = [...translated.keys()].filter((k) => !english.has(k));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('uses the same placeholders and tags as English in every message', () => {
        const differing: string[] = [];
        for (const [key, message] of translated) {
          const source = english.get(key);
          if (source === undefined) continue;
          const expected = placeholdersOf(source).join(' ');
          const actual = placeholdersOf(message).join(' ');
          if (expected !== actual)
            differing.push(`${key}: expected ${expected || '(none)'}, got ${actual || '(none)'}`);
        }
        expect(differing).toEqual([]);
      });

      it('is translated: not left in English', () => {
        // Names, commands and units may stay as they are; whole sentences may not.
        const untranslated = [...translated].filter(
          ([key, message]) => message === english.get(key) && /\s\p{L}+\s\p{L}+\s/u.test(message),
        );
        expect(untranslated.map(([key]) => key)).toEqual([]);
      });
    });
  }
});
