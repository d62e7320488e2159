import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { startAnswer, startApp } from './fixtures/app-process';
import { freePort } from './fixtures/free-port';

type Stored = {
  messages: { role: string; metadata?: { status?: string }; parts: { type: string; text?: string }[] }[];
};

async function stored(url: string, id: string): Promise<Stored['messages']> {
  const response = await fetch(`${url}/api/conversations/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as Stored).messages;
}

const textOf = (message: Stored['messages'][number]) =>
  message.parts.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');

const longAnswer = `::rate 25\n::echo\n${Array.from({ length: 300 }, (_, i) => `w${i + 1}`).join(' ')}`;

test.describe('the server dies or stops mid-answer', () => {
  test('kill -9, restart: the answer is there as last checkpointed, marked interrupted; the file is sound', async () => {
    test.setTimeout(180_000);
    const port = await freePort();
    const app = await startApp(port);
    const { answer } = await startAnswer(app, 'crash-conversation-1', longAnswer, /w40 /);
    // Past a checkpoint (about one a second) with tokens still coming.
    await expect
      .poll(async () => textOf((await stored(app.url, 'crash-conversation-1'))[1]).length)
      .toBeGreaterThan(0);
    app.child.kill('SIGKILL');
    await app.exited;

    const again = await startApp(port, {}, app.databasePath);
    const [question, reply] = await stored(again.url, 'crash-conversation-1');
    expect(question.role).toBe('user');
    expect(reply.metadata?.status).toBe('interrupted');
    const kept = textOf(reply);
    expect(kept.length).toBeGreaterThan(0);
    // What was kept is what had been streamed (at most a checkpoint behind what was sent).
    expect(answer.startsWith(kept) || kept.startsWith(answer.slice(0, kept.length))).toBe(true);
    again.child.kill('SIGTERM');
    await again.exited;

    const db = new Database(app.databasePath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      (db.prepare("select count(*) n from messages where status = 'streaming'").get() as { n: number }).n,
    ).toBe(0);
    db.close();
  });

  test('SIGTERM: running answers get the grace period, then are saved as interrupted; the process exits', async () => {
    test.setTimeout(180_000);
    const port = await freePort();
    const app = await startApp(port, { SHUTDOWN_GRACE_MS: '1500' });
    await startAnswer(app, 'term-conversation-1', longAnswer, /w10 /);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.output()).toMatch(/saved as interrupted/);

    const db = new Database(app.databasePath, { readonly: true });
    const row = db.prepare("select status, parts from messages where role = 'assistant'").get() as {
      status: string;
      parts: string;
    };
    expect(row.status).toBe('interrupted');
    expect(row.parts).toContain('w10');
    db.close();
  });
});
