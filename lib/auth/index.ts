import { getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { type Auth, createAuth } from './server';

const holder = globalThis as unknown as { __glmChatAuth?: Auth };

/** The process's better-auth instance, made on first use (it needs the database). */
export function getAuth(): Auth {
  holder.__glmChatAuth ??= createAuth(getDb(), getConfig());
  return holder.__glmChatAuth;
}
