// The embed: tests/embed/index.html shows two read-only embeds side by side, and an embed's
// "Open in playground" link opens the full playground with its scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePlayground, openPage, screenshot } from './harness.mjs';
import { exampleJson, editorText, watch } from './share-util.mjs';

const embedPage = join(dirname(fileURLToPath(import.meta.url)), '..', 'embed', 'index.html');

const env = usePlayground();

test('two embeds render side by side and open the full playground', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('pageerror', (err) => errors.push(String(err)));
  watch(page, errors);
  // The docs page is served from the playground's origin, as a docs site hosting both would.
  await page.route('**/embed-demo.html', (route) => route.fulfill({ path: embedPage }));
  await page.goto(`${env.url}embed-demo.html`);

  const names = {};
  for (const id of ['default', 'binpack-memory']) {
    const frame = page.frameLocator(`iframe[data-example="${id}"]`);
    await frame.locator('[data-testid=embed] [data-testid=instance]').first().waitFor();
    assert.equal(await frame.locator('[data-testid=scenario-editor]').count(), 0, 'no editors');
    assert.ok((await frame.locator('[data-testid=task-chip]').count()) > 0, 'tasks drawn');
    assert.ok(await frame.locator('[data-testid=scrubber]').count(), 'timeline shown');
    names[id] = (await frame.locator('[data-testid=scenario-name]').textContent()).trim();
    assert.equal(names[id], JSON.parse(exampleJson(id)).name);
  }
  const boxes = await page.locator('iframe').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.equal(boxes[0].y, boxes[1].y, 'side by side');
  await screenshot(page, 'embed-two.png');

  // The link opens a new tab with the full playground and the same scenario.
  const frame = page.frameLocator('iframe[data-example="binpack-memory"]');
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    frame.locator('[data-testid=open-in-playground]').click(),
  ]);
  popup.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await popup.waitForSelector('[data-testid=scenario-editor]');
  assert.equal(new URL(popup.url()).search, '', 'not an embed');
  assert.deepEqual(JSON.parse(await editorText(popup)), JSON.parse(exampleJson('binpack-memory')));
  assert.equal(await popup.locator('[data-testid=embed]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embed with a damaged link says so', async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.url}?embed#s=1.AAAA`);
  await page.waitForSelector('[data-testid=embed] [data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /damaged|incomplete/);
  assert.deepEqual(errors, []);
  await context.close();
});
