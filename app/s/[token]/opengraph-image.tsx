import { notFound } from 'next/navigation';
import { ImageResponse } from 'next/og';
import { sharedSnapshotOf } from '@/lib/share/page';
import { previewText } from '@/lib/share/preview';
import { excerptOf } from '@/lib/share/snapshot';

export const alt = 'A conversation shared from GLM Chat';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

/** The link preview: title and the first words of the first message, in the bundled font only. */
export default async function Image({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const snapshot = sharedSnapshotOf(token);
  if (!snapshot) notFound();
  const title = previewText(snapshot.title, 90) || 'Shared conversation';
  const excerpt = previewText(excerptOf(snapshot.messages, 400), 220);
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: '#1c1d21',
        color: '#fcfcfd',
      }}
    >
      <div style={{ display: 'flex', fontSize: 30, color: '#a1a1aa' }}>GLM Chat · shared conversation</div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 28 }}>
        <div style={{ display: 'flex', fontSize: 64, lineHeight: 1.15 }}>{title}</div>
        {excerpt && <div style={{ display: 'flex', fontSize: 32, color: '#d4d4d8' }}>{excerpt}</div>}
      </div>
      <div style={{ display: 'flex', fontSize: 26, color: '#a1a1aa' }}>GLM-4.7-Flash</div>
    </div>,
    size,
  );
}
