import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { AdminConsole } from '@/components/admin/admin-console';
import { requireViewer } from '@/lib/auth/page';
import { getConfig } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('admin') };
}

export default async function AdminPage() {
  await connection();
  const viewer = await requireViewer('/admin');
  if (viewer.role !== 'admin' || viewer.singleUser) notFound();
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-4 p-4 sm:p-6">
        <h1 className="text-2xl font-semibold">{(await getTranslations('admin'))('heading')}</h1>
        <AdminConsole selfId={viewer.id} signupMode={getConfig().auth.signup} />
      </div>
    </main>
  );
}
