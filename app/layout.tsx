import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'GLM Chat', template: '%s · GLM Chat' },
  description: 'A self-hosted chat for GLM-4.7-Flash',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fcfcfd' },
    { media: '(prefers-color-scheme: dark)', color: '#1c1d21' },
  ],
};

/**
 * Every page is rendered per request, the not-found page too: the Content-Security-Policy carries a
 * fresh nonce (proxy.ts) that Next.js must put on the page's scripts, which a prerendered page lacks.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
