import { expect, test } from '../support/browser-test.ts';
import { readFileSync } from 'node:fs';
import { prepareQuery } from '../../src/lib/search/normalize.ts';
import { queryTokens } from '../../src/lib/search/model.ts';
import { shardsFor, type ShardMeta } from '../../src/lib/search/shards.ts';
import { SearchPage } from './pages/search-page.ts';
import { settled } from './pages/settled.ts';

test.describe('search', () => {
  test('the header field opens with / and Ctrl+K, shows results as you type, and Enter opens the active one', async ({ page }) => {
    await page.goto('/en/guides/high-cpu/');
    const field = page.getByLabel('Search the guide or paste an error');
    await page.keyboard.press('/');
    await expect(field).toBeFocused();
    await page.keyboard.press('Escape');
    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    await expect(field).toBeFocused();
    await field.pressSequentially('QueuePool limit of size 5 overflow 10 reached');
    await expect(page.locator('[data-search-popup]')).toHaveAttribute('data-state', 'done');
    const first = page.locator('[role="option"]').first();
    await expect(first).toContainText('Database connection pool exhausted', { ignoreCase: true });
    await page.keyboard.press('ArrowDown');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/en\/guides\/db-pool-exhausted\/$/);
  });

  test('an answer that arrives after the reader selected a result keeps that result selected', async ({ page }) => {
    await page.goto('/en/');
    const field = page.getByLabel('Search the guide or paste an error');
    const popup = page.locator('[data-search-popup]');
    await field.fill('redis connection refused');
    await expect(popup).toHaveAttribute('data-state', 'done');
    await field.press('ArrowDown');
    await field.press('ArrowDown');
    const second = page.locator('[role="option"]').nth(1);
    await expect(second).toHaveAttribute('aria-selected', 'true');
    // A keystroke that changes nothing in the results: its answer arrives after the selection.
    await field.press('End');
    await field.press(' ');
    await expect(popup).toHaveAttribute('data-state', 'done');
    await expect(second).toHaveAttribute('aria-selected', 'true');
    await expect(field).toHaveAttribute('aria-activedescendant', (await second.getAttribute('id')) ?? '');
  });

  test('Escape closes the results, and a second Escape clears the field', async ({ page }) => {
    await page.goto('/zh/');
    const field = page.getByLabel('搜索指南或粘贴错误信息');
    await field.fill('redis');
    await field.press('a');
    await expect(page.locator('[data-search-popup]')).toBeVisible();
    await field.press('Escape');
    await expect(page.locator('[data-search-popup]')).toBeHidden();
    await field.press('Escape');
    await expect(field).toHaveValue('');
  });

  test('a known error comes with its likely cause, its first check ready to copy, and links to the wizard step and the fix', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // A code with a wizard step whose first step runs a command, from the machine-readable list.
    const list = JSON.parse(readFileSync('dist/errors.json', 'utf8')) as { errors: Array<{ code: string; step?: Record<string, string>; fix: Record<string, string>; signatures: Array<{ kind: string; text: string }> }> };
    const family = list.errors.find((e) => e.step && e.signatures.some((sig) => sig.kind !== 'exception'));
    expect(family, 'errors.json lists a code with a wizard step').toBeDefined();
    const sample = (family?.signatures.find((sig) => sig.kind !== 'exception')?.text ?? '')
      .replaceAll('<int>', '5').replaceAll('<num>', '1.5').replaceAll('<host>', 'db.internal').replaceAll('<port>', '5432').replaceAll('<str>', 'x').replaceAll('<path>', '/app/x');
    await page.goto('/en/');
    const field = page.getByLabel('Search the guide or paste an error');
    await field.click();
    await field.fill(sample);
    await expect(page.locator('[data-search-popup]')).toHaveAttribute('data-state', 'done');
    const card = page.locator('[data-search-popup] [data-search-answer]');
    await expect(card).toContainText('Likely cause:');
    await expect(card.locator('[data-answer-step]')).toHaveAttribute('href', new URL(family?.step?.['en'] ?? '').pathname);
    await expect(card.locator('[data-answer-fix]')).toHaveAttribute('href', new URL(family?.fix['en'] ?? '').pathname + decodeURIComponent(new URL(family?.fix['en'] ?? '').hash));
    const command = card.locator('[data-code-block]');
    if ((await command.count()) > 0) {
      await command.getByRole('button', { name: 'Copy code to clipboard' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await command.locator('pre').innerText()).replace(/\n$/, ''));
    }
    await page.goto(`/zh/search/?q=${encodeURIComponent(sample)}`);
    await new SearchPage(page).settled();
    await expect(page.locator('search-results [data-search-answer]')).toContainText('可能的原因');
  });

  test('nothing of search is loaded before first use', async ({ page }) => {
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    await page.goto('/en/guides/slow-queries/');
    await settled(page);
    // The last thing a page does after load is start its offline client, which marks its state.
    await page.locator('offline-status[data-state]').waitFor({ state: 'attached' });
    expect(loaded.filter((u) => /pagefind|search\/index\/|search-panel|render\./.test(u))).toEqual([]);
    await page.getByRole('searchbox').focus();
    await expect.poll(() => loaded.some((u) => /search-panel/.test(u))).toBe(true);
  });

  test('the results page runs the query from the address, results in rank order, known errors labelled', async ({ page }) => {
    const search = new SearchPage(page);
    await search.open('zh', "redis.exceptions.ConnectionError: Error 111 connecting to redis.prod:6380. Connection refused.");
    expect((await search.slugs())[0]).toBe('redis-connection-failed');
    await expect(page.locator('.search-result').first().locator('.badge-known')).toHaveText('已知错误');
  });

  test('the header form submitted without JavaScript lands on the results page, which says search needs JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/en/');
    await page.getByRole('searchbox').fill('redis oom');
    await page.getByRole('searchbox').press('Enter');
    await expect(page).toHaveURL(/\/en\/search\/\?q=redis\+oom$/);
    await expect(page.getByText('Search runs in your browser and needs JavaScript.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Symptom index' }).last()).toBeVisible();
    await context.close();
  });

  const hostile: Array<[string, string]> = [
    ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
    ['an attribute breakout with an image', encodeURIComponent('"><img src=x onerror=alert(1)>')],
    ['markup that excerpts use', encodeURIComponent('<mark>x</mark><b>bold</b>')],
    ['control characters and an ANSI escape', encodeURIComponent('a\u0000b\u0007c\u001b[31mred')],
    ['lone surrogates (invalid UTF-8)', '%ED%A0%80+lone+surrogate+%ED%BF%BF'],
    ['right-to-left overrides', encodeURIComponent('\u202eevil\u202c reversed')],
    // A crafted link can carry a long query; a megabyte is tested as a paste below (a megabyte in
    // the address bar costs Chromium itself ten seconds before the page runs).
    ['64 KB of text', encodeURIComponent('<b>x</b>'.repeat(8_192))],
  ];
  for (const [what, encoded] of hostile) {
    test(`a hostile query (${what}) renders as inert text, with no console error`, async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await new SearchPage(page).openEncoded('en', encoded);
      await expect(page.locator('main img, main script:not([type]), main b')).toHaveCount(0);
      expect(await page.evaluate(() => document.querySelectorAll('.search-result mark mark, .search-results *:not(li):not(a):not(p):not(span):not(mark):not(code)').length)).toBe(0);
      expect(errors).toEqual([]);
    });
  }

  test('a megabyte pasted into the results page is searched as inert text, with no console error', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const search = new SearchPage(page);
    await search.open('en', '');
    await search.paste(`<script>alert(1)</script>\n${'x'.repeat(1_000_000)}`);
    await expect(search.host).toHaveAttribute('data-search-state', /done|failed/);
    await expect(page.locator('main script:not([type])')).toHaveCount(0);
    expect(page.url().length).toBeLessThan(4000);
    expect(errors).toEqual([]);
  });

  test('a 50-line traceback and 100 KB of log are handled without an error', async ({ page }) => {
    const search = new SearchPage(page);
    const frames = Array.from({ length: 24 }, (_, i) => `  File "/app/app/services/s${String(i)}.py", line ${String(10 + i)}, in f${String(i)}\n    await step_${String(i)}()`).join('\n');
    await search.open('en', `Traceback (most recent call last):\n${frames}\nredis.exceptions.OutOfMemoryError: OOM command not allowed when used memory > 'maxmemory'.`);
    expect((await search.slugs())[0]).toBe('redis-out-of-memory');
    const log = `${'2026-11-28T03:00:00Z INFO request handled in 12ms\n'.repeat(2000)}sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00`;
    await search.paste(log);
    expect((await search.slugs())[0]).toBe('db-pool-exhausted');
    expect(page.url().length).toBeLessThan(4000);
  });

  test('with the index missing the page says so and links the symptom index', async ({ page }) => {
    await page.route('**/pagefind/**', (route) => route.abort());
    await page.route('**/search/index/**', (route) => route.abort());
    const search = new SearchPage(page);
    await search.open('en', 'redis');
    await expect(search.status).toHaveText('The search index could not be loaded. Browse the symptom index instead.');
    await expect(page.locator('[data-search-help] a')).toHaveAttribute('href', '/en/');
  });

  test('a stale answer never replaces a newer one', async ({ page }) => {
    // The first query's answer is held back until the second has been shown: one index shard
    // that only the first query needs is parked in the network.
    const older = 'redis oom maxmemory';
    const newer = 'QueuePool limit overflow reached';
    // The index files are named by their content, through the manifest the page names.
    const manifest = /data-search-index="([^"]+)"/.exec(readFileSync('dist/en/search/index.html', 'utf8'))?.[1] ?? '';
    const names = JSON.parse(readFileSync(`dist/search/index/${manifest}.json`, 'utf8')) as Record<string, string>;
    const meta = JSON.parse(readFileSync(`dist/search/index/${names['meta'] ?? ''}.json`, 'utf8')) as ShardMeta;
    const shards = (q: string) => shardsFor(queryTokens(prepareQuery(q)), meta);
    const onlyOlder = shards(older).filter((n) => !shards(newer).includes(n));
    expect(onlyOlder.length, 'a shard only the older query needs').toBeGreaterThan(0);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/search/index/${names[`s-${String(onlyOlder[0])}`] ?? ''}.json`, async (route) => {
      await released;
      await route.continue();
    });
    const search = new SearchPage(page);
    await search.open('en', '');
    const box = page.locator('#search-page-q');
    await box.fill(older);
    await box.press('Enter');
    await box.fill(newer);
    await box.press('Enter');
    await expect(search.host).toHaveAttribute('data-search-finished', '2');
    expect((await search.slugs())[0]).toBe('db-pool-exhausted');
    release();
    // Both queries have ended (the empty one on load counts too): the older answer was dropped.
    await expect(search.host).toHaveAttribute('data-search-finished', '3');
    expect((await search.slugs())[0]).toBe('db-pool-exhausted');
    await expect(search.status).toContainText(newer);
  });
});
