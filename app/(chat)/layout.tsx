import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { getDb } from '@/db/client';
import { listConversationPage } from '@/db/queries/conversations';
import { requireViewer } from '@/lib/auth/page';
import { encodeCursor } from '@/lib/conversations/input';
import { getGlm } from '@/lib/glm';

export default async function ChatLayout({ children }: { children: ReactNode }) {
  await connection();
  const viewer = await requireViewer();
  const glm = getGlm();
  const firstPage = listConversationPage(getDb(), viewer.id);
  return (
    <AppShell
      initialConversations={firstPage.conversations}
      initialCursor={encodeCursor(firstPage.nextCursor)}
      viewer={viewer}
      provider={{ isSimulator: glm.isSimulator, label: glm.label }}
    >
      {children}
    </AppShell>
  );
}
