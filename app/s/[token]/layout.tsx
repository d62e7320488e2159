import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { pageOrigin } from '@/lib/share/page';

/** Absolute preview URLs (og:image, og:url) on the address the visitor used, or APP_URL. */
export async function generateMetadata(): Promise<Metadata> {
  await connection();
  return { metadataBase: await pageOrigin() };
}

export default function SharedLayout({ children }: { children: ReactNode }) {
  return children;
}
