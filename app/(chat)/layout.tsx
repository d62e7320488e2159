import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { getDb } from '@/db/client';
import { listConversations } from '@/db/queries/conversations';
import { requireViewer } from '@/lib/auth/page';
import { getGlm } from '@/lib/glm';

export default async function ChatLayout({ children }: { children: ReactNode }) {
  await connection();
  const viewer = await requireViewer();
  const glm = getGlm();
  return (
    <AppShell
      initialConversations={listConversations(getDb(), viewer.id)}
      viewer={viewer}
      provider={{ isSimulator: glm.isSimulator, label: glm.label }}
    >
      {children}
    </AppShell>
  );
}
