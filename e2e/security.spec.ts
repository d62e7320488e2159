import { expect, test } from '@playwright/test';
import { assistantMessages, startConversation } from './helpers';

/** The security headers, and that the CSP leaves code highlighting, math and diagrams working. */

test('pages carry a nonce CSP that Next.js applies to its scripts, and the fixed headers', async ({
  request,
}) => {
  const first = await request.get('/');
  const second = await request.get('/');
  const csp = first.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
  expect(nonce.length).toBeGreaterThanOrEqual(16);
  expect(second.headers()['content-security-policy']).not.toContain(nonce);
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  for (const directive of [
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "connect-src 'self'",
  ]) {
    expect(csp).toContain(directive);
  }
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  for (const response of [first, await request.get('/api/health'), await request.get('/api/nope')]) {
    const headers = response.headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    // Plain HTTP here (no https APP_URL): no HSTS.
    expect(headers['strict-transport-security']).toBeUndefined();
  }
  const api = await request.get('/api/health');
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(api.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('code, math and a mermaid diagram render under the CSP with no violation', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content-Security-Policy violation: ${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  await startConversation(
    page,
    '::rate 0\n::echo\nEuler: $$e^{i\\pi} + 1 = 0$$\n\n```ts\nconst answer: number = 42;\n```',
  );
  let answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer.locator('.katex').first()).toBeVisible();
  // Shiki colours tokens with inline styles.
  await expect(answer.locator('pre span[style]').first()).toBeVisible();

  // A diagram in an answer of its own (streamdown leaves a mermaid block that follows a code block
  // unrendered, with or without the CSP).
  await startConversation(page, '::rate 0\n::echo\n```mermaid\ngraph TD\n  A[Ask] --> B[Answer]\n```');
  answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete');
  await expect(answer.locator('[data-streamdown="mermaid"] svg[id^="mermaid"]')).toBeVisible({
    timeout: 20_000,
  });
  await expect(answer.locator('svg[id^="mermaid"]')).toContainText('Answer');
  expect(problems).toEqual([]);
});
