import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { getDb } from '@/db/client';
import { listConversations } from '@/db/queries/conversations';
import { requireOwnerId } from '@/lib/auth/owner';
import { getGlm } from '@/lib/glm';

export default async function ChatLayout({ children }: { children: ReactNode }) {
  await connection();
  const ownerId = await requireOwnerId();
  const glm = getGlm();
  return (
    <AppShell
      initialConversations={listConversations(getDb(), ownerId)}
      provider={{ isSimulator: glm.isSimulator, label: glm.label }}
    >
      {children}
    </AppShell>
  );
}
