import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // Migrations are read from ./drizzle at boot; make sure the standalone trace carries them.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*'] },
  typedRoutes: false,
  // The build checks the app's own code; tests are checked by `npm run typecheck` (tsc on everything).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // A shared page's address holds its token: never send it on to sites its links point at.
  async headers() {
    return [{ source: '/s/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] }];
  },
};

export default nextConfig;
