import { describe, expect, it } from 'vitest';
import {
  conversationPatchSchema,
  encodeCursor,
  parseListQuery,
  parseSearchQuery,
} from '@/lib/conversations/input';
import { ValidationError } from '@/lib/errors';

const url = (query: string) => new URL(`http://localhost/api/x?${query}`);

describe('sidebar and search input', () => {
  it('a page cursor goes out and comes back unchanged; a forged one is a 400', () => {
    const cursor = { pinned: true, updatedAt: 1_700_000_000_000, id: 'conv-abcdef12' };
    expect(parseListQuery(url(`archived=1&cursor=${encodeCursor(cursor)}`))).toEqual({
      archived: true,
      cursor,
      limit: undefined,
    });
    expect(() => parseListQuery(url('cursor=not-base64-json'))).toThrow(ValidationError);
    const bad = Buffer.from(JSON.stringify({ pinned: 1, updatedAt: 'x', id: '../..' })).toString('base64url');
    expect(() => parseListQuery(url(`cursor=${bad}`))).toThrow(ValidationError);
    expect(() => parseListQuery(url('limit=5000'))).toThrow(ValidationError);
  });

  it('a title is trimmed, one line, 1–120 characters (counted as characters, not UTF-16 units)', () => {
    expect(conversationPatchSchema.parse({ title: '  Trip\n to   Kyoto ' })).toEqual({
      title: 'Trip to Kyoto',
    });
    expect(conversationPatchSchema.safeParse({ title: '   ' }).success).toBe(false);
    expect(conversationPatchSchema.safeParse({ title: '😀'.repeat(120) }).success).toBe(true);
    expect(conversationPatchSchema.safeParse({ title: 'x'.repeat(121) }).success).toBe(false);
    expect(conversationPatchSchema.safeParse({}).success).toBe(false);
    expect(conversationPatchSchema.safeParse({ pinned: true, ownerId: 'someone' }).success).toBe(false);
  });

  it('search parameters: query length bounded, filters as flags, cursor a positive integer', () => {
    expect(parseSearchQuery(url('q=%E4%BD%A0%E5%A5%BD&pinned=1&shared=true'))).toEqual({
      q: '你好',
      filters: { pinned: true, archived: false, shared: true },
      cursor: null,
    });
    expect(() => parseSearchQuery(url(`q=${'a'.repeat(201)}`))).toThrow(ValidationError);
    expect(() => parseSearchQuery(url('q=x&cursor=-3'))).toThrow(ValidationError);
    expect(() => parseSearchQuery(url('q=x&pinned=maybe'))).toThrow(ValidationError);
  });
});
