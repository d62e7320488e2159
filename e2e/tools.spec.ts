import { expect, type Locator, type Page, test } from '@playwright/test';
import { assistantMessages, chatRequests, composer, send, startConversation } from './helpers';

/** The timeline of an answer, in document order: reasoning, tool:<name>, text. */
async function timeline(answer: Locator): Promise<string[]> {
  return answer
    .locator('[data-testid="reasoning"], [data-testid="tool-call"], [data-testid="message-text"]')
    .evaluateAll((elements) =>
      elements.map((el) => {
        const id = el.getAttribute('data-testid');
        return id === 'tool-call'
          ? `tool:${el.getAttribute('data-tool-name')}`
          : id === 'reasoning'
            ? 'think'
            : 'text';
      }),
    );
}

function toolCall(answer: Locator, name: string) {
  return answer.locator(`[data-testid="tool-call"][data-tool-name="${name}"]`);
}

async function openTool(call: Locator) {
  await call.getByRole('button').first().click();
}

async function finished(page: Page): Promise<Locator> {
  const answer = assistantMessages(page).last();
  await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  return answer;
}

test.describe('tools in the thread', () => {
  test('one tool: its call, its result, and an answer that uses it', async ({ page }) => {
    await startConversation(page, '::rate 0\n::tool calculator {"expression":"2+3"}\nWhat is 2+3?');
    const answer = await finished(page);
    const call = toolCall(answer, 'calculator');
    await expect(call).toHaveAttribute('data-state', 'output-available');
    await openTool(call);
    await expect(call).toContainText('"expression": "2+3"');
    await expect(call).toContainText('5');
    await expect(answer.getByTestId('message-text')).toContainText('calculator');
  });

  test('two parallel tools fold into "Used 2 tools" once the answer is done', async ({ page }) => {
    await startConversation(page, '::rate 0\n::parallel\nAdd and tell the time');
    const answer = await finished(page);
    await expect(toolCall(answer, 'calculator')).toHaveAttribute('data-state', 'output-available');
    await expect(toolCall(answer, 'current_time')).toHaveAttribute('data-state', 'output-available');
    const summary = answer.getByTestId('tool-summary');
    await expect(summary.getByRole('button')).toHaveText('Used 2 tools');
    await expect(toolCall(answer, 'calculator')).toBeHidden();
    await summary.getByRole('button').click();
    await expect(toolCall(answer, 'calculator')).toBeVisible();
  });

  test('three steps with reasoning between them, in stream order, the same after a reload', async ({
    page,
  }) => {
    await startConversation(
      page,
      '::rate 80\n::tool calculator {"expression":"6*7"}\n::then current_time {"timezone":"Asia/Shanghai"}\nPlan my day',
    );
    const answer = await finished(page);
    const expected = ['think', 'tool:calculator', 'think', 'tool:current_time', 'think', 'text'];
    expect(await timeline(answer)).toEqual(expected);
    const requests = await chatRequests();
    const second = requests.at(-2)?.body.messages ?? [];
    // Interleaved thinking: the assistant message that made the first call carries its reasoning back.
    const withCalls = second.find((m) => m.role === 'assistant') as Record<string, unknown> | undefined;
    expect(typeof withCalls?.reasoning_content).toBe('string');

    await page.reload();
    expect(await timeline(await finished(page))).toEqual(expected);
  });

  test('a tool that fails shows its error, and the answer goes on', async ({ page }) => {
    await startConversation(page, '::rate 0\n::tool calculator {"expression":"9^9^9^9"}\nCompute it');
    const answer = await finished(page);
    const call = toolCall(answer, 'calculator');
    await expect(call).toHaveAttribute('data-state', 'output-error');
    await openTool(call);
    await expect(call.getByTestId('tool-error')).not.toBeEmpty();
  });

  test('JavaScript that never ends is stopped by the sandbox', async ({ page }) => {
    await startConversation(page, '::rate 0\n::tool run_javascript {"code":"while (true) {}"}\nLoop forever');
    const answer = await finished(page);
    const call = toolCall(answer, 'run_javascript');
    await expect(call).toHaveAttribute('data-state', /output-(error|available)/);
    await openTool(call);
    await expect(call).toContainText(/timed out/i);
  });

  test('arguments streamed in pieces and arguments in one piece both work', async ({ page }) => {
    await startConversation(page, '::rate 40\n::tool-stream calculator {"expression":"12*12"}\nSquare 12');
    const streamed = await finished(page);
    await expect(toolCall(streamed, 'calculator')).toHaveAttribute('data-state', 'output-available');
    await openTool(toolCall(streamed, 'calculator'));
    await expect(toolCall(streamed, 'calculator')).toContainText('144');

    await send(page, '::rate 0\n::tool calculator {"expression":"12*12"}\nAgain');
    await expect(assistantMessages(page)).toHaveCount(2);
    const whole = await finished(page);
    await expect(toolCall(whole, 'calculator')).toHaveAttribute('data-state', 'output-available');
  });

  test('an MCP server’s tool runs; a server that is down is shown as such', async ({ page }) => {
    await startConversation(
      page,
      '::rate 0\n::tool orders__lookup_order {"order":"A-1001"}\nWhere is my order?',
    );
    const answer = await finished(page);
    const call = toolCall(answer, 'orders__lookup_order');
    await expect(call).toHaveAttribute('data-state', 'output-available');
    await openTool(call);
    await expect(call).toContainText('shipped');

    await page.getByTestId('tools-in-use').click();
    const menu = page.getByRole('group', { name: 'Tools' });
    await expect(menu.getByRole('checkbox', { name: /orders/ })).toBeChecked();
    await expect(menu.getByRole('checkbox', { name: /offline/ })).toBeDisabled();
    await expect(menu).toContainText('MCP server is down');
  });

  test('fetch_url refuses the server’s own loopback address', async ({ page }) => {
    await startConversation(page, '::rate 0\n::tool fetch_url {"url":"http://127.0.0.1:3311/"}\nRead it');
    const answer = await finished(page);
    const call = toolCall(answer, 'fetch_url');
    await expect(call).toHaveAttribute('data-state', 'output-error');
    await openTool(call);
    await expect(call.getByTestId('tool-error')).toContainText(/private|loopback|not allowed|refus/i);
  });

  test('switching tools off keeps them out of the request, and the conversation remembers', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByTestId('tools-in-use').click();
    await page
      .getByRole('group', { name: 'Tools' })
      .getByRole('checkbox', { name: /Calculator/i })
      .uncheck();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tools-in-use')).not.toContainText(/Calculator/i);
    await send(page, '::rate 0\nNo calculator please');
    await finished(page);
    const names = (
      ((await chatRequests()).at(-1)?.body.tools ?? []) as Array<{ function: { name: string } }>
    ).map((t) => t.function.name);
    expect(names).not.toContain('calculator');
    expect(names).toContain('current_time');
    await page.reload();
    await expect(page.getByTestId('tools-in-use')).not.toContainText(/Calculator/i);
  });
});

test.describe('answers', () => {
  test('math and code are rendered', async ({ page }) => {
    await startConversation(page, '::echo\nEuler: $$e^{i\\pi} + 1 = 0$$\n\n```python\nprint("hi")\n```');
    const answer = await finished(page);
    await expect(answer.locator('.katex').first()).toBeVisible();
    await expect(answer.locator('pre').first()).toContainText('print("hi")');
  });

  test('Think off: no reasoning asked for on the wire, none shown', async ({ page }) => {
    await page.goto('/');
    const think = page.getByRole('button', { name: 'Think' });
    await expect(think).toHaveAttribute('aria-pressed', 'true');
    await think.click();
    await expect(think).toHaveAttribute('aria-pressed', 'false');
    await send(page, '::rate 0\nQuick answer');
    const answer = await finished(page);
    await expect(answer.getByTestId('reasoning')).toHaveCount(0);
    expect((await chatRequests()).at(-1)?.body.thinking).toEqual({ type: 'disabled' });
  });

  test('raw GLM tool-call markup in an answer is flagged as a server problem', async ({ page }) => {
    await startConversation(page, '::rate 0\n::raw-tool-call\nUse a tool');
    const answer = await finished(page);
    await expect(answer.getByTestId('backend-warning')).toContainText('--tool-call-parser glm47');
  });

  test('Regenerate asks again; the new answer is the one kept', async ({ page }) => {
    await startConversation(page, '::rate 0\nTell me a fact');
    const first = await finished(page);
    const firstId = await first.getAttribute('data-message-id');
    await first.getByRole('button', { name: 'Regenerate' }).click();
    await expect(assistantMessages(page)).toHaveCount(1);
    await expect(assistantMessages(page).last()).not.toHaveAttribute('data-message-id', firstId ?? '');
    const second = await finished(page);
    const secondId = await second.getAttribute('data-message-id');
    await page.reload();
    await expect(assistantMessages(page)).toHaveCount(1);
    await expect(assistantMessages(page).last()).toHaveAttribute('data-message-id', secondId ?? '');
    await expect(composer(page)).toBeVisible();
  });
});
