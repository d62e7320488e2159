import { createHash, randomBytes } from 'node:crypto';

/** 16 random bytes: 128 bits, 22 base64url characters. */
const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A new link token: 128 random bits from the OS CSPRNG, base64url without padding. */
export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A short random id for the owner's API (the token itself never travels in management URLs). */
export function newShareId(): string {
  return randomBytes(9).toString('base64url');
}

/** Whether a string has the shape of a token (a cheap refusal before any lookup; shape is public). */
export function isTokenShaped(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * What visitors are looked up by. The index compares hashes, which an attacker cannot steer, so the
 * time a lookup takes says nothing about how close a guess was to a real token.
 */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
