import { z } from 'zod';
import { parseWith } from '@/lib/http/body';

/**
 * The shapes of the better-auth requests this app makes, checked before better-auth sees them.
 * better-auth validates most of its input, but not all: `update-user` stored a number as a name and
 * failed with a 500 on an object for `image`, and `admin/list-users` took any query. A field of the
 * wrong type is a 400 here; endpoints not listed go to better-auth as they are (an unknown one is its
 * 404).
 */

const text = (max: number) => z.string().max(max);
const email = z.string().min(3).max(320);
const password = text(256);
const userId = z.string().min(1).max(128);
const role = z.union([text(32), z.array(text(32)).max(8)]);

const POST_BODIES: Record<string, z.ZodType> = {
  'sign-in/email': z.looseObject({
    email,
    password,
    rememberMe: z.boolean().optional(),
    callbackURL: text(2048).optional(),
  }),
  'sign-up/email': z.looseObject({
    name: text(200),
    email,
    password,
    image: text(2048).optional(),
    rememberMe: z.boolean().optional(),
    callbackURL: text(2048).optional(),
  }),
  'change-password': z.looseObject({
    currentPassword: password,
    newPassword: password,
    revokeOtherSessions: z.boolean().optional(),
  }),
  'update-user': z.strictObject({
    name: text(200).min(1).optional(),
    image: text(2048).nullable().optional(),
  }),
  'delete-user': z.looseObject({
    password: password.optional(),
    token: text(512).optional(),
    callbackURL: text(2048).optional(),
  }),
  'revoke-session': z.looseObject({ token: text(512) }),
  'admin/create-user': z.looseObject({
    email,
    password,
    name: text(200),
    role: role.optional(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
  'admin/set-role': z.looseObject({ userId, role }),
  'admin/ban-user': z.looseObject({
    userId,
    banReason: text(500).optional(),
    banExpiresIn: z.number().int().positive().optional(),
  }),
  'admin/unban-user': z.looseObject({ userId }),
  'admin/remove-user': z.looseObject({ userId }),
  'admin/set-user-password': z.looseObject({ userId, newPassword: password }),
  'admin/impersonate-user': z.looseObject({ userId }),
  'admin/revoke-user-session': z.looseObject({ sessionToken: text(512) }),
  'admin/revoke-user-sessions': z.looseObject({ userId }),
  'admin/list-user-sessions': z.looseObject({ userId }),
};

const digits = z.string().regex(/^\d{1,6}$/, 'a whole number');
const GET_QUERIES: Record<string, z.ZodType> = {
  'admin/list-users': z.strictObject({
    searchValue: text(320).optional(),
    searchField: z.enum(['email', 'name']).optional(),
    searchOperator: z.enum(['contains', 'starts_with', 'ends_with']).optional(),
    limit: digits.optional(),
    offset: digits.optional(),
    sortBy: z
      .string()
      .regex(/^[A-Za-z]{1,32}$/, 'a field name')
      .optional(),
    sortDirection: z.enum(['asc', 'desc']).optional(),
    filterField: z
      .string()
      .regex(/^[A-Za-z]{1,32}$/, 'a field name')
      .optional(),
    filterValue: text(320).optional(),
    filterOperator: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains']).optional(),
  }),
};

/** The endpoint of an /api/auth/… address, e.g. `sign-in/email`. */
function endpointOf(url: URL): string {
  return url.pathname.replace(/^\/api\/auth\/?/, '').replace(/\/+$/, '');
}

/** Throws a 400 naming the field when a request to a known better-auth endpoint is malformed. */
export function checkAuthRequest(method: string, url: URL, body: string): void {
  const endpoint = endpointOf(url);
  if (method === 'GET') {
    const schema = GET_QUERIES[endpoint];
    if (schema) parseWith(schema, Object.fromEntries(url.searchParams), 'query');
    return;
  }
  const schema = POST_BODIES[endpoint];
  if (!schema) return;
  let json: unknown;
  try {
    json = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return; // better-auth answers invalid JSON with its own 400
  }
  parseWith(schema, json, 'body');
}
