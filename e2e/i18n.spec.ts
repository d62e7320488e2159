import { expect, type Page, test } from '@playwright/test';
import { assistantMessages, composer, userMessages } from './helpers';

/** Picks a UI language with the control in the sidebar's account menu, as a reader would. */
async function chooseLanguage(page: Page, name: string, lang: string) {
  // The label is "Language" in English, and "<Language in the current language> · Language" otherwise.
  await page
    .getByRole('navigation')
    .getByRole('combobox', { name: /Language/ })
    .selectOption({ label: name });
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

async function box(page: Page, selector: string) {
  const rect = await page.locator(selector).first().boundingBox();
  if (!rect) throw new Error(`${selector} is not visible`);
  return rect;
}

test.describe('the UI in other languages', () => {
  test.afterEach(async ({ context }) => {
    await context.clearCookies();
  });

  test('Chinese: chosen in settings, remembered, and every main screen is translated', async ({ page }) => {
    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await page
      .getByRole('main')
      .getByRole('combobox', { name: 'Language' })
      .selectOption({ label: '简体中文' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByRole('combobox', { name: '语言 · Language' })).toHaveValue(
      'zh-CN',
    );
    await page.screenshot({ path: 'test-reports/i18n-zh-settings.png' });

    // Remembered: a new page load is in Chinese (the cookie), and so is the chat.
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '有什么可以帮你的？' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: '对话' });
    await expect(nav.getByRole('link', { name: '新对话' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '设置' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '共享链接' })).toBeVisible();
    const message = page.getByRole('textbox', { name: '消息' });
    await expect(message).toHaveAttribute('placeholder', '给 GLM 发消息…');
    await expect(page.getByRole('button', { name: '思考' })).toBeVisible();
    await expect(page.getByRole('button', { name: '发送' })).toBeDisabled();

    await message.fill('::echo\n用一句话介绍一下你自己');
    await message.press('Enter');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(answer).toHaveAccessibleName('GLM 的回答');
    await expect(answer.getByRole('button', { name: '复制' })).toBeVisible();
    await expect(answer.getByRole('button', { name: '重新生成' })).toBeVisible();
    await expect(page.getByRole('button', { name: '分享' })).toBeVisible();
    await page.screenshot({ path: 'test-reports/i18n-zh-chat.png' });

    await page.getByRole('button', { name: '分享' }).click();
    const dialog = page.getByRole('dialog', { name: '分享这段对话' });
    await expect(dialog.getByRole('button', { name: '创建链接' })).toBeEnabled();
    await expect(dialog.getByRole('checkbox', { name: '包含推理过程' })).toBeVisible();
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.goto('/shares');
    await expect(page.getByRole('heading', { name: '共享链接', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('共享链接 · GLM Chat');
  });

  test('Arabic: the layout mirrors, and mixed Arabic and English text each read their own way', async ({
    page,
  }) => {
    await page.goto('/');
    // Left to right first: the sidebar is on the left, Send at the right end of the composer.
    await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeInViewport({ ratio: 1 });
    const ltrNav = await box(page, 'nav[aria-label="Conversations"]');
    const ltrMain = await box(page, 'main');
    expect(ltrNav.x + ltrNav.width).toBeLessThanOrEqual(ltrMain.x + 1);
    expect((await box(page, 'button[aria-label="Send"]')).x).toBeGreaterThan(
      (await box(page, 'textarea[aria-label="Message"]')).x + 100,
    );

    await chooseLanguage(page, 'العربية', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    await expect(page.getByRole('heading', { name: 'كيف يمكنني مساعدتك؟' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'المحادثات' });
    await expect(nav.getByRole('link', { name: 'محادثة جديدة' })).toBeVisible();

    // Mirrored: the sidebar is on the right, Send at the left end of the composer.
    await expect(nav).toBeInViewport({ ratio: 1 });
    const rtlNav = await box(page, 'nav[aria-label="المحادثات"]');
    const rtlMain = await box(page, 'main');
    expect(rtlNav.x).toBeGreaterThanOrEqual(rtlMain.x + rtlMain.width - 1);
    const send = await box(page, 'button[aria-label="إرسال"]');
    const think = await box(page, 'button[aria-pressed]');
    expect(send.x).toBeLessThan(think.x);

    // One answer, three blocks: Arabic reads right to left, English left to right, code left to right.
    const message = page.getByRole('textbox', { name: 'الرسالة' });
    await message.fill(
      '::echo\nمرحبا بالعالم، هذه فقرة عربية.\n\nThis paragraph is English.\n\n```js\nconst x = 1;\n```',
    );
    await message.press('Enter');
    const answer = assistantMessages(page).last();
    await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    const direction = (text: string) =>
      answer.locator('p', { hasText: text }).evaluate((el) => getComputedStyle(el).direction);
    expect(await direction('مرحبا بالعالم')).toBe('rtl');
    expect(await direction('This paragraph is English')).toBe('ltr');
    expect(
      await answer
        .locator('pre')
        .first()
        .evaluate((el) => getComputedStyle(el).direction),
    ).toBe('ltr');
    // The reader's own message sits at the start side: the right.
    // The reader's own messages sit at the end side, as on the right in English: here the left.
    const mine = await userMessages(page).last().getByTestId('message-text').boundingBox();
    const thread = await box(page, '[data-testid="thread-scroller"]');
    expect(mine?.x).toBeLessThan(thread.x + thread.width / 2);
    await page.screenshot({ path: 'test-reports/i18n-ar-chat.png' });

    // On a phone the sidebar is a drawer that comes in from the right.
    await page.setViewportSize({ width: 360, height: 740 });
    await expect(nav).not.toBeInViewport();
    await page.getByRole('button', { name: 'فتح الشريط الجانبي' }).click();
    await expect(nav).toBeInViewport({ ratio: 1 });
    const drawer = await box(page, 'nav[aria-label="المحادثات"]');
    expect(Math.round(drawer.x + drawer.width)).toBe(360);
    await page.screenshot({ path: 'test-reports/i18n-ar-drawer.png' });
    await page.getByRole('button', { name: 'إغلاق الشريط الجانبي' }).click();
    await expect(nav).not.toBeInViewport();
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'الإعدادات', level: 1 })).toBeVisible();
    await expect(page.getByTestId('single-user-mode')).toContainText('وضع المستخدم الواحد');
    await page.screenshot({ path: 'test-reports/i18n-ar-settings.png' });

    // And back: English, left to right.
    await chooseLanguage(page, 'English', 'en');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });

  test.describe('from the browser language', () => {
    test.use({ locale: 'ja-JP' });

    test('a Japanese browser gets the Japanese UI without choosing', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.getByRole('heading', { name: '何をお手伝いしましょうか？' })).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'メッセージ' })).toBeVisible();
      // Japanese text is drawn with Japanese fonts first (not the Chinese forms of the same characters).
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(font.indexOf('Hiragino Sans')).toBeGreaterThan(-1);
      expect(font).not.toContain('PingFang SC');
    });
  });
});

test.describe('input methods', () => {
  test('Enter that confirms an IME composition never sends; Enter after it does', async ({ page }) => {
    await page.goto('/');
    const message = composer(page);
    await message.click();
    const before = await message.boundingBox();
    const cdp = await page.context().newCDPSession(page);

    // Typing pinyin: the composition is under way, Enter picks the candidate.
    await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
    await expect(message).toHaveValue('nihao');
    // The box keeps its size while composing.
    expect((await message.boundingBox())?.height).toBe(before?.height);
    // (An IME swallows this Enter; Chromium's emulated composition lets the textarea add a line
    // break, which is harmless here: what matters is that nothing is sent.)
    await message.press('Enter');
    await expect(userMessages(page)).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);

    // The candidate is committed: '你好' replaces the pinyin, and the caret is after it.
    await cdp.send('Input.insertText', { text: '你好' });
    await expect(message).toHaveValue(/^你好\n?$/);
    expect(await message.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(2);

    // Safari sends compositionend before the keydown of the confirming Enter, which then has
    // keyCode 229: still not a send.
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    });
    await expect(message).toHaveValue(/^你好\n?$/);
    await expect(userMessages(page)).toHaveCount(0);

    // A plain Enter now sends, and GLM answers.
    await message.press('Enter');
    await expect(userMessages(page)).toHaveCount(1);
    await expect(userMessages(page).first()).toHaveText('你好');
    await expect(message).toHaveValue('');
    await expect(assistantMessages(page).last()).toHaveAttribute('data-status', 'complete', {
      timeout: 30_000,
    });
  });

  test('a long line of Chinese wraps and grows the box without moving the caret', async ({ page }) => {
    await page.goto('/');
    const message = composer(page);
    await message.click();
    const one = (await message.boundingBox())?.height ?? 0;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.insertText', { text: '汉字'.repeat(120) });
    const grown = (await message.boundingBox())?.height ?? 0;
    expect(grown).toBeGreaterThan(one);
    expect(await message.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(240);
    await expect(userMessages(page)).toHaveCount(0);
  });
});
