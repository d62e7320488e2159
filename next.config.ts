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
