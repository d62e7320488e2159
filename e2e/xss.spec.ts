import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, send, startConversation, userMessages } from './helpers';
import { XSS_CORPUS } from './xss-corpus';

/**
 * The XSS corpus through every place the app renders text: the user's message, the model's answer
 * (`::echo` makes it the question), its reasoning (`::echo-reasoning`), a tool's input, output and
 * error, and conversation titles in the sidebar. Nothing may execute: no dialog, no marker set by a
 * payload, no element with an event handler or a script URL, no request off 127.0.0.1, and no
 * Content-Security-Policy violation (the CSP is the second line; the renderer must stop the payload
 * before the browser has to).
 * (The share page's spec should run the same corpus, e2e/xss-corpus.ts, through the shared view.)
 */

const markdownCorpus = XSS_CORPUS.join('\n\n');

interface Watch {
  dialogs: string[];
  offsite: string[];
}

/** Records dialogs, requests off 127.0.0.1 and CSP violations for the life of the page. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { dialogs: [], offsite: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      seen.offsite.push(request.url());
    }
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__csp.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sample} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return seen;
}

/** Whatever a payload could have left in the page. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const w = window as unknown as { __xss?: unknown; __csp?: string[] };
    if (w.__xss !== undefined) found.push(`window.__xss = ${String(w.__xss)}`);
    for (const violation of w.__csp ?? []) found.push(`CSP violation: ${violation}`);
    // Where untrusted text is rendered: messages and the sidebar (not the app's own controls).
    const app = document.querySelectorAll('article *, nav *');
    for (const element of Array.from(app)) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.trim().toLowerCase().replace(/\s+/g, '');
        if (name.startsWith('on')) found.push(`${element.tagName} has ${name}`);
        if (
          /^(javascript|vbscript|data:text\/html)/.test(value) &&
          ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
        ) {
          found.push(`${element.tagName} ${name}=${attribute.value}`);
        }
        if (name === 'srcdoc') found.push(`${element.tagName} has srcdoc`);
      }
      const tag = element.tagName.toLowerCase();
      if (
        ['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'form', 'input', 'frame'].includes(
          tag,
        )
      ) {
        // The composer is the app's own form (with its textbox and the tool switches); a disabled
        // checkbox is a markdown task list item.
        const own =
          element.closest('form')?.querySelector('textarea[aria-label="Message"]') != null ||
          // The sidebar's own search box and rename field.
          element.matches(
            'nav input[aria-label="Search conversations"], nav input[aria-label="Conversation title"]',
          );
        const taskItem = tag === 'input' && element.matches('input[type="checkbox"][disabled]');
        if (!(own && ['form', 'input'].includes(tag)) && !taskItem) found.push(`<${tag}> in the app`);
      }
      if (tag === 'img') {
        const src = element.getAttribute('src') ?? '';
        if (!src.startsWith('data:') && !src.startsWith('blob:') && !src.startsWith('/'))
          found.push(`<img src=${src}>`);
      }
    }
    for (const base of Array.from(document.querySelectorAll('base'))) found.push(`<base href=${base.href}>`);
    return found;
  });
}

async function expectNothingRan(page: Page, seen: Watch) {
  // Let anything delayed fire first: every image has loaded or failed (onload, onerror), two frames
  // have been drawn (autofocus, animations) and the page went idle. A refresh element is caught by
  // `injected` whatever its delay.
  await page.evaluate(async () => {
    const pending = Array.from(document.images)
      .filter((img) => !img.complete)
      .map(
        (img) =>
          new Promise((resolve) => {
            img.addEventListener('load', resolve, { once: true });
            img.addEventListener('error', resolve, { once: true });
          }),
      );
    await Promise.all(pending);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }));
  });
  expect(seen.dialogs, 'dialogs').toEqual([]);
  expect(seen.offsite, 'requests off 127.0.0.1').toEqual([]);
  expect(await injected(page)).toEqual([]);
}

const finished = async (page: Page) => {
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', /^(complete|error)$/, { timeout: 30_000 });
  return answer;
};

test.describe('the XSS corpus renders as text everywhere', () => {
  test('user message, model answer and reasoning', async ({ page }) => {
    const seen = await watch(page);
    await startConversation(page, `::rate 0\n::echo-reasoning\n::echo\n${markdownCorpus}`);
    const answer = await finished(page);
    await expect(answer).toHaveAttribute('data-status', 'complete');
    // The user's message is plain text, exactly as typed.
    await expect(userMessages(page).first().getByTestId('message-text')).toContainText(
      '<script>window.__xss=1;alert(1)</script>',
    );
    // The answer renders (the harmless parts show), the reasoning too once opened.
    await expect(answer.getByTestId('message-text')).toContainText('markdown link');
    await answer.getByTestId('reasoning').getByRole('button').first().click();
    await expect(answer.getByTestId('reasoning')).toContainText('<img src=x onerror=');
    await expectNothingRan(page, seen);

    // Server-rendered from SQLite, the same.
    await page.reload();
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete');
    await expect(assistantMessages(page).last().getByTestId('message-text')).toContainText('markdown link');
    await expectNothingRan(page, seen);
  });

  test('a diagram whose labels carry payloads is laid out without running them', async ({ page }) => {
    const seen = await watch(page);
    const diagrams = XSS_CORPUS.filter((payload) => payload.startsWith('```mermaid'));
    expect(diagrams.length).toBeGreaterThan(0);
    await startConversation(page, `::rate 0\n::echo\n${diagrams.join('\n\n')}`);
    const answer = await finished(page);
    // Mermaid loads lazily; wait until the diagram is laid out, where a label's HTML would act.
    await expect(answer.locator('[data-streamdown="mermaid"] svg[id^="mermaid"]')).toBeVisible({
      timeout: 20_000,
    });
    await expectNothingRan(page, seen);
  });

  test('the default answer quotes a payload in a heading, a list, code and a table', async ({ page }) => {
    const seen = await watch(page);
    await startConversation(
      page,
      '::rate 0\n<img src=x onerror="window.__xss=50"> [x](javascript:alert(51))',
    );
    await finished(page);
    await expectNothingRan(page, seen);
  });

  test('tool input, output and error', async ({ page }) => {
    const seen = await watch(page);
    const payload = '<img src=x onerror=alert(60)>';
    await startConversation(
      page,
      `::rate 0\n::tool calculator ${JSON.stringify({ expression: payload })}\nCompute`,
    );
    let answer = await finished(page);
    const failed = answer.getByTestId('tool-call').first();
    await expect(failed).toHaveAttribute('data-state', 'output-error');
    await failed.getByRole('button').first().click();
    await expect(failed).toContainText('onerror');
    await expectNothingRan(page, seen);

    await send(
      page,
      `::rate 0\n::tool run_javascript ${JSON.stringify({ code: `${JSON.stringify(markdownCorpus)}` })}\nRun it`,
    );
    await expect(assistantMessages(page)).toHaveCount(2);
    answer = await finished(page);
    const ran = answer.getByTestId('tool-call').first();
    await expect(ran).toHaveAttribute('data-state', 'output-available');
    await ran.getByRole('button').first().click();
    await expect(ran).toContainText('<svg onload=');
    await expectNothingRan(page, seen);
  });

  test('conversation titles in the sidebar', async ({ page, request, baseURL }) => {
    const titles = [
      '<img src=x onerror="window.__xss=70"> <svg onload=alert(71)>',
      '<script>alert(72)</script> [a](javascript:alert(73))',
      '"><iframe src=javascript:alert(74)> \u202Egnp.exe',
      '&lt;b onmouseover=alert(75)&gt; <a href="javascript:alert(76)">x</a>',
    ];
    const ids: string[] = [];
    for (const [i, title] of titles.entries()) {
      const id = `xss_title_${Date.now()}_${i}`;
      const response = await request.post('/api/chat', {
        headers: { 'content-type': 'application/json', origin: baseURL ?? '' },
        data: JSON.stringify({
          id,
          message: { id: `${id}_m`, role: 'user', parts: [{ type: 'text', text: `${title}\n::plain` }] },
        }),
      });
      expect(response.status()).toBe(200);
      await response.body();
      // The title as a user's rename (GLM would otherwise replace the provisional one after the answer).
      const renamed = await request.patch(`/api/conversations/${id}`, {
        headers: { origin: baseURL ?? '' },
        data: { title },
      });
      expect(renamed.status()).toBe(200);
      ids.push(id);
    }
    const seen = await watch(page);
    await page.goto(`/c/${ids[0]}`);
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    for (const title of titles) await expect(nav).toContainText(title.slice(0, 20));
    await expectNothingRan(page, seen);
  });
});
