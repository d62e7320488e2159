import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // Migrations are read from ./drizzle at boot; make sure the standalone trace carries them.
  outputFileTracingIncludes: { '/*': ['./drizzle/**/*'] },
  typedRoutes: false,
};

export default nextConfig;
