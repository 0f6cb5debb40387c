// No lost work: a localStorage that throws is reported and the work stays in memory and in the last
// good save; two tabs editing the same scenario warn instead of silently overwriting each other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';
import { exampleJson, editorText, watch } from './share-util.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function named(name) {
  const scenario = JSON.parse(exampleJson('default'));
  scenario.name = name;
  return JSON.stringify(scenario, null, 2);
}

function record(page, errors) {
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('pageerror', (err) => errors.push(String(err)));
  watch(page, errors);
}

test('a throwing localStorage shows a notice, keeps the work in memory, and reload keeps the last save', async () => {
  const context = await browser.newContext();
  const errors = [];
  const page = await context.newPage();
  record(page, errors);
  // Storage fails once the test says so, as a full quota would.
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (sessionStorage.getItem('fail-storage') === '1' && this === localStorage) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await page.goto(server.url);
  await page.fill('[data-testid=scenario-editor]', named('Saved work'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Saved work")');

  await page.evaluate(() => sessionStorage.setItem('fail-storage', '1'));
  await page.fill('[data-testid=scenario-editor]', named('Unsaved work'));
  const notice = page.locator('[data-testid=notice]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /refused to autosave/);
  // The page still works on the text in memory.
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Unsaved work")');
  assert.equal(JSON.parse(await editorText(page)).name, 'Unsaved work');
  assert.ok((await page.locator('[data-testid=task-chip]').count()) > 0);

  await page.reload();
  await page.waitForSelector('[data-testid=app]');
  assert.equal(JSON.parse(await editorText(page)).name, 'Saved work', 'the last good save survives');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a save in one warns the other before it overwrites', async () => {
  const context = await browser.newContext();
  const errors = [];
  const a = await context.newPage();
  const b = await context.newPage();
  record(a, errors);
  record(b, errors);
  await a.goto(server.url);
  await a.waitForSelector('[data-testid=app]');
  await b.goto(server.url);
  await b.waitForSelector('[data-testid=app]');

  await a.fill('[data-testid=scenario-editor]', named('From tab A'));
  await b.waitForSelector('[data-testid=tab-conflict]');
  // B's own edit is not saved while the conflict is open, so A's save is still there.
  await b.fill('[data-testid=scenario-editor]', named('From tab B'));
  await b.waitForTimeout(200);
  const saved = await b.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('ecs-playground.scenario.v1')).text).name);
  assert.equal(saved, 'From tab A');

  // Keeping B's version saves it, and now A is warned in turn.
  await b.click('[data-testid=conflict-mine]');
  await a.waitForSelector('[data-testid=tab-conflict]');
  await a.click('[data-testid=conflict-theirs]');
  assert.equal(JSON.parse(await editorText(a)).name, 'From tab B');
  await a.waitForSelector('[data-testid=tab-conflict]', { state: 'detached' });
  assert.equal(await b.locator('[data-testid=tab-conflict]').count(), 0, 'same text: no warning back');
  assert.deepEqual(errors, []);
  await context.close();
});
