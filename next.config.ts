import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // Migrations are read from ./drizzle at boot; make sure the standalone trace carries them.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*'] },
  typedRoutes: false,
  experimental: {
    // Next.js loads every route's modules when the server starts by default; a self-hosted chat
    // serves a handful of them most of the time (bench B7: 9 MB less idle memory, and the server is
    // ready sooner). scripts/start.mjs renders the first page once in the background instead.
    preloadEntriesOnStart: false,
    // The stylesheet in the HTML instead of a render-blocking request (bench B6: the first sidebar
    // row paints without waiting for it). It is Tailwind's, small, and the same for every page.
    inlineCss: true,
  },
  // The build checks the app's own code; tests are checked by `npm run typecheck` (tsc on everything).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // Fixed at build time, so only what never depends on the environment: the page CSP (a nonce per
  // request) and HSTS (APP_URL) are set in proxy.ts and lib/http/route.ts.
  async headers() {
    return [
      { source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] },
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }],
      },
      // A shared page's address holds its token: never send it on to sites its links point at.
      { source: '/s/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

// UI strings (messages/*.json) through next-intl, without locale routing: see i18n/request.ts.
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
