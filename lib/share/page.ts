import { headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { ownOrigin } from '@/lib/http/origin';
import { openSharedSnapshot, type SharedSnapshot } from './service';

/** One lookup per request, however many of metadata, page and image ask. */
export const sharedSnapshotOf = cache((token: string): SharedSnapshot | undefined =>
  openSharedSnapshot(getDb(), token),
);

/** The public origin for absolute preview URLs: APP_URL, or the host the visitor reached. */
export async function pageOrigin(): Promise<URL> {
  const configured = getConfig().auth.appUrl;
  if (configured) return new URL(configured);
  const list = await headers();
  const origin = ownOrigin(new Request('http://localhost/', { headers: new Headers(list) }));
  return new URL(origin ?? 'http://localhost');
}
