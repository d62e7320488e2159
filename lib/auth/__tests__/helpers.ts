import type { Db } from '@/db/client';
import { parseConfig } from '@/lib/config';
import { type Auth, createAuth, INVITE_HEADER } from '../server';

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery';
/** A configured secret, so tests don't each make and store one. */
export const SECRET = 'test-secret-test-secret-test-secret-0123';

/** The app's better-auth on `db`, configured from env-like settings (APP_URL defaults to the test origin). */
export function makeAuth(db: Db, env: Record<string, string | undefined> = {}): Auth {
  return createAuth(db, parseConfig({ GLM_PROVIDER: 'simulator', APP_URL: ORIGIN, ...env }));
}

/** `name=value` pairs of every cookie a response sets, ready for a Cookie header. */
export function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.includes('=') && !c.endsWith('='))
    .join('; ');
}

/** Request headers of a browser on the app's origin, signed in with `cookie` when given. */
export function browser(cookie?: string, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ origin: ORIGIN, ...extra });
  if (cookie) headers.set('cookie', cookie);
  return headers;
}

export interface Outcome<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ErrorBody {
  message?: string;
  code?: string;
}

export async function outcome<T>(response: Response): Promise<Outcome<T>> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export interface SignedUp {
  status: number;
  userId: string | undefined;
  cookie: string;
  message: string | undefined;
}

export async function signUp(
  auth: Auth,
  email: string,
  options: { password?: string; name?: string; invite?: string } = {},
): Promise<SignedUp> {
  const extra: Record<string, string> = options.invite ? { [INVITE_HEADER]: options.invite } : {};
  const response = await auth.api.signUpEmail({
    body: {
      name: options.name ?? email.split('@')[0] ?? email,
      email,
      password: options.password ?? PASSWORD,
    },
    headers: browser(undefined, extra),
    asResponse: true,
  });
  const result = await outcome<{ user?: { id: string } } & ErrorBody>(response);
  return {
    status: result.status,
    userId: result.body?.user?.id,
    cookie: cookieHeader(result.headers),
    message: result.body?.message,
  };
}

export async function signIn(
  auth: Auth,
  email: string,
  password = PASSWORD,
  extra: Record<string, string> = {},
): Promise<SignedUp> {
  const response = await auth.api.signInEmail({
    body: { email, password },
    headers: browser(undefined, extra),
    asResponse: true,
  });
  const result = await outcome<{ user?: { id: string } } & ErrorBody>(response);
  return {
    status: result.status,
    userId: result.body?.user?.id,
    cookie: cookieHeader(result.headers),
    message: result.body?.message,
  };
}

/** Who the cookie signs in, or null. */
export async function whoIs(auth: Auth, cookie: string): Promise<{ id: string; role: string | null } | null> {
  const session = await auth.api.getSession({ headers: browser(cookie) });
  if (!session) return null;
  return { id: session.user.id, role: session.user.role ?? null };
}

/** Every table of the database (SQLite's own included), by name. */
export function tableNames(db: Db): string[] {
  return db.$client
    .prepare("select name from sqlite_master where type = 'table' order by name")
    .pluck()
    .all() as string[];
}

/** How many rows of each table mention `needle` in any column; tables without such rows are left out. */
export function rowsMentioning(db: Db, needle: string): Record<string, number> {
  const sqlite = db.$client;
  const found: Record<string, number> = {};
  for (const table of tableNames(db)) {
    const columns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
    if (columns.length === 0) continue;
    const where = columns.map((c) => `instr(cast("${c}" as text), ?) > 0`).join(' or ');
    const count = sqlite
      .prepare(`select count(*) from "${table}" where ${where}`)
      .pluck()
      .get(...columns.map(() => needle)) as number;
    if (count > 0) found[table] = count;
  }
  return found;
}

/** An admin (the first account) and a plain user the admin created, signed in once. */
export async function adminAndUser(auth: Auth) {
  const admin = await signUp(auth, 'admin@example.com');
  const created = await auth.api.createUser({
    body: { email: 'user@example.com', password: PASSWORD, name: 'User' },
    headers: browser(admin.cookie),
  });
  const member = await signIn(auth, 'user@example.com');
  if (member.status !== 200) throw new Error(`the created user could not sign in: ${member.status}`);
  return { admin, adminId: admin.userId ?? '', userId: created.user.id, userCookie: member.cookie };
}
