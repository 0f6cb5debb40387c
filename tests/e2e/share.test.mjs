// Share links: a link opens the same scenario and view in a fresh browser; a damaged link says why
// and keeps the current work; a link never replaces the user's own work without asking; the
// examples menu loads an example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot } from './harness.mjs';
import { shareFragment, exampleJson, editorText, watch } from './share-util.mjs';

const env = usePlayground();

/** The default example with one more task, pretty-printed the way the playground prints JSON. */
function editedScenario() {
  const scenario = JSON.parse(exampleJson('default'));
  scenario.name = 'Seven web tasks';
  scenario.services[0].desiredCount = 7;
  return JSON.stringify(scenario, null, 2);
}

async function open(url) {
  const opened = await openPage(env.browser, url);
  watch(opened.page, opened.errors);
  await opened.page.waitForSelector('[data-testid=app]');
  return opened;
}

test('a shared link opens the same scenario and view in a fresh browser', async () => {
  const { page, context, errors } = await open(env.url);
  const text = editedScenario();
  await page.fill('[data-testid=scenario-editor]', text);
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Seven web tasks")');
  // Step to the third placement and select a task.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const chip = page.locator('[data-testid=task-chip][data-instance]').first();
  await chip.waitFor();
  await chip.click();
  const task = await chip.getAttribute('data-task-id');

  await page.click('[data-testid=share]');
  const link = await page.locator('[data-testid=share-link]').inputValue();
  assert.match(link, /#s=1\.[A-Za-z0-9_-]+&step=3&task=[^&]+&panel=picture$/);
  const snippet = await page.locator('[data-testid=share-embed]').inputValue();
  assert.ok(snippet.startsWith('<iframe src="') && snippet.includes('?embed#s=1.'), snippet);
  await screenshot(page, 'share-dialog.png');
  await page.click('[data-testid=share-close]');
  assert.deepEqual(errors, []);

  const fresh = await open(link);
  await fresh.page.waitForSelector('[data-testid=scenario-name]:has-text("Seven web tasks")');
  assert.equal(await editorText(fresh.page), text, 'identical scenario text');
  assert.equal(await fresh.page.locator('[data-testid=scrubber]').inputValue(), '3');
  assert.match(await fresh.page.textContent('.inspector__heading'), new RegExp(`Task ${task}$`));
  assert.equal(await fresh.page.locator('[data-testid=replace-dialog]').count(), 0, 'nothing to ask');
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
  await context.close();
});

test('a damaged link shows why and keeps the current work', async () => {
  const { page, context, errors } = await open(env.url);
  const text = editedScenario();
  await page.fill('[data-testid=scenario-editor]', text);
  const good = shareFragment(exampleJson('binpack-memory'));
  const damaged = [
    [good.slice(0, good.length - 40), /incomplete|damaged/],
    [good.replace('s=1.', 's=9.'), /version 9/],
    [good.slice(0, 30) + '!!!' + good.slice(33), /damaged/],
  ];
  for (const [fragment, message] of damaged) {
    await page.evaluate((f) => { location.hash = f; }, fragment);
    const notice = page.locator('[data-testid=notice]');
    await notice.waitFor();
    assert.match(await notice.textContent(), message);
    assert.match(await notice.textContent(), /current scenario was kept/);
    assert.equal(await editorText(page), text, 'work kept');
    assert.equal(new URL(page.url()).hash, '', 'the damaged link leaves the address bar');
    await page.click('[data-testid=notice] button');
  }
  await page.reload();
  await page.waitForSelector('[data-testid=app]');
  assert.equal(await editorText(page), text, 'work kept after reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link asks before replacing the user’s own work', async () => {
  const { page, context, errors } = await open(env.url);
  const mine = editedScenario();
  await page.fill('[data-testid=scenario-editor]', mine);
  const fragment = shareFragment(exampleJson('binpack-memory'));

  await page.evaluate((f) => { location.hash = f; }, fragment);
  await page.waitForSelector('[data-testid=replace-dialog]');
  await page.click('[data-testid=replace-keep]');
  assert.equal(await editorText(page), mine, 'kept mine');

  await page.evaluate((f) => { location.hash = f; }, fragment);
  await page.click('[data-testid=replace-open]');
  assert.deepEqual(JSON.parse(await editorText(page)), JSON.parse(exampleJson('binpack-memory')));

  // The replaced work is set aside, survives a reload, and comes back on request.
  const restore = page.locator('[data-testid=restore-previous]');
  assert.match(await restore.textContent(), /set aside when you opened the shared link/);
  await page.reload();
  await page.waitForSelector('[data-testid=app]');
  assert.deepEqual(JSON.parse(await editorText(page)), JSON.parse(exampleJson('binpack-memory')));
  await page.click('[data-testid=restore-previous-button]');
  assert.equal(await editorText(page), mine, 'the set-aside work is back');
  assert.equal(await restore.count(), 0);
  await page.reload();
  await page.waitForSelector('[data-testid=app]');
  assert.equal(await editorText(page), mine, 'and it is the autosaved work again');
  assert.equal(await restore.count(), 0, 'restoring forgets the copy');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the examples menu lists the library and loads an example', async () => {
  const { page, context, errors } = await open(env.url);
  await page.click('[data-testid=examples-menu]');
  const items = page.locator('[data-testid=example-item]');
  assert.ok((await items.count()) >= 15);
  await page.click('[data-testid=example-item][data-id=binpack-memory]');
  // The default scenario is not the user's work, so nothing is asked.
  assert.equal(await page.locator('[data-testid=replace-dialog]').count(), 0);
  assert.deepEqual(JSON.parse(await editorText(page)), JSON.parse(exampleJson('binpack-memory')));

  await page.fill('[data-testid=scenario-editor]', editedScenario());
  await page.click('[data-testid=examples-menu]');
  await page.click('[data-testid=example-item][data-id=daemon-service]');
  await page.waitForSelector('[data-testid=replace-dialog]');
  await page.click('[data-testid=replace-open]');
  assert.deepEqual(JSON.parse(await editorText(page)), JSON.parse(exampleJson('daemon-service')));
  assert.deepEqual(errors, []);
  await context.close();
});
