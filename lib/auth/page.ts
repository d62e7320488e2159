import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getViewer, type Viewer } from './owner';

/** One session lookup per request, however many layouts and pages ask. */
const viewerOfRequest = cache(async () => getViewer(await headers()));

/** For pages: the signed-in viewer, or null. */
export async function currentViewer(): Promise<Viewer | null> {
  return viewerOfRequest();
}

/** For pages: the signed-in viewer, or a redirect to /sign-in that comes back here after. */
export async function requireViewer(returnTo?: string): Promise<Viewer> {
  const viewer = await viewerOfRequest();
  if (!viewer) redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : '/sign-in');
  return viewer;
}
