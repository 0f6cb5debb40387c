// No lost work: a localStorage that throws is reported and the work stays in memory and in the last
// good save; two tabs editing the same scenario warn instead of silently overwriting each other; a
// panel that fails shows why in place while the others keep working; a panic shows an overlay that
// offers a reload and the autosaved scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePlayground, screenshot } from './harness.mjs';
import { exampleJson, editorText, watch, shareFragment } from './share-util.mjs';

const env = usePlayground();

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
  const context = await env.browser.newContext();
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
  await page.goto(env.url);
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
  const context = await env.browser.newContext();
  const errors = [];
  const a = await context.newPage();
  const b = await context.newPage();
  record(a, errors);
  record(b, errors);
  await a.goto(env.url);
  await a.waitForSelector('[data-testid=app]');
  await b.goto(env.url);
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

// A failing panel: `?fault=<panel>` makes that panel's body fail on purpose. The fallback shows in
// that panel only, and the other panels keep working on the same scenario.

const placedChips = '[data-testid=task-chip][data-instance]';
const panelRoots = {
  editor: 'section.editors',
  picture: '[data-testid=cluster-picture]',
  inspector: 'aside.inspector',
  timeline: 'footer.run',
};

async function openFaulted(fault, fragment = '') {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  record(page, errors);
  await page.goto(`${env.url}?fault=${fault}${fragment ? `#${fragment}` : ''}`);
  await page.waitForSelector('[data-testid=app]');
  return { context, page, errors };
}

/** Checks that exactly one panel failed, `fault`, inside its own panel, and says why. */
async function assertOnlyPanelFailed(page, fault) {
  const fallback = page.locator(`${panelRoots[fault]} [data-testid=panel-error]`);
  await fallback.waitFor();
  assert.equal(await page.locator('[data-testid=panel-error]').count(), 1, 'one panel failed');
  assert.equal(await fallback.getAttribute('role'), 'alert');
  assert.equal(await fallback.getAttribute('data-panel'), fault);
  assert.equal((await fallback.locator('[data-testid=panel-error-reason]').textContent()).trim(), 'fault injected for testing');
  assert.match(await fallback.textContent(), /could not be shown/);
  assert.match(await fallback.textContent(), /other panels keep working, and your scenario is unaffected/);
  return fallback;
}

async function position(page) {
  return (await page.textContent('[data-testid=step-position]')).trim();
}

function withServices(count, name) {
  const scenario = JSON.parse(exampleJson('default'));
  scenario.name = name;
  scenario.services[0].desiredCount = count;
  return JSON.stringify(scenario, null, 2);
}

test('a failed cluster picture leaves the editor, the inspector and the run controls working', async () => {
  const { context, page, errors } = await openFaulted('picture', shareFragment(exampleJson('default'), { task: 'task-1' }));
  await assertOnlyPanelFailed(page, 'picture');
  await screenshot(page, 'panel-error.png');
  assert.equal(await page.locator('[data-testid=task-chip]').count(), 0, 'the picture draws nothing');
  // The inspector explains the task the link selected.
  assert.match(await page.textContent('[data-testid=inspector]'), /Task task-1/);
  assert.match(await page.textContent('[data-testid=explanation-summary]'), /Placed on/);
  // The editor still edits, and the scenario name and the run follow.
  await page.fill('[data-testid=scenario-editor]', withServices(7, 'Edited without a picture'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Edited without a picture")');
  const total = Number((await position(page)).split('/')[1]);
  assert.ok(total > 0);
  await page.click('[data-testid=reset]');
  assert.equal(await position(page), `0 / ${total}`);
  assert.equal(await page.textContent('[data-testid=step-message]'), 'Before the first placement.');
  await page.click('[data-testid=step-forward]');
  assert.equal(await position(page), `1 / ${total}`);
  assert.notEqual(await page.textContent('[data-testid=step-message]'), 'Before the first placement.');
  assert.equal(await page.locator('[data-testid=panel-error]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('failed editors leave the picture, the inspector and the run controls working', async () => {
  const { context, page, errors } = await openFaulted('editor');
  await assertOnlyPanelFailed(page, 'editor');
  assert.equal(await page.locator('[data-testid=scenario-editor]').count(), 0, 'the editor is replaced');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  const chip = page.locator(placedChips).first();
  const task = await chip.getAttribute('data-task-id');
  await chip.click();
  assert.match(await page.textContent('[data-testid=inspector]'), new RegExp(`Task ${task}`));
  assert.match(await page.textContent('[data-testid=explanation-summary]'), /Placed on/);
  const total = Number((await position(page)).split('/')[1]);
  await page.click('[data-testid=reset]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, placedChips);
  await page.click('[data-testid=step-forward]');
  await page.click('[data-testid=step-forward]');
  assert.equal(await position(page), `2 / ${total}`);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, placedChips);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failed inspector leaves the editor, the picture and the run controls working', async () => {
  const { context, page, errors } = await openFaulted('inspector');
  await assertOnlyPanelFailed(page, 'inspector');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  // A click still selects the chip in the picture; the inspector keeps its fallback.
  const chip = page.locator(placedChips).first();
  await chip.click();
  await page.waitForFunction((el) => el.classList.contains('chip--selected'), await chip.elementHandle());
  await assertOnlyPanelFailed(page, 'inspector');
  assert.ok((await page.locator('[data-testid=events] .event').count()) > 0, 'the service events still show');
  await page.fill('[data-testid=scenario-editor]', withServices(7, 'Seven without an inspector'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Seven without an inspector")');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 7, placedChips);
  await page.click('[data-testid=reset]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, placedChips);
  assert.deepEqual(errors, []);
  await context.close();
});

test('failed run controls leave the editor, the picture and the inspector working', async () => {
  const { context, page, errors } = await openFaulted('timeline');
  await assertOnlyPanelFailed(page, 'timeline');
  assert.equal(await page.locator('[data-testid=play]').count(), 0, 'the run controls are replaced');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  // The keyboard still moves through the run.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, placedChips);
  await page.keyboard.press('End');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  await page.fill('[data-testid=scenario-editor]', withServices(7, 'Seven without run controls'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Seven without run controls")');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 7, placedChips);
  const chip = page.locator(placedChips).last();
  const task = await chip.getAttribute('data-task-id');
  await chip.click();
  assert.match(await page.textContent('[data-testid=inspector]'), new RegExp(`Task ${task}`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Try again on a lasting fault fails again once per click, and the page stays usable', async () => {
  const { context, page, errors } = await openFaulted('picture');
  const fallback = await assertOnlyPanelFailed(page, 'picture');
  assert.equal(await fallback.locator('[data-testid=panel-error-retries]').count(), 0);
  await page.click('[data-testid=panel-retry]');
  await page.waitForSelector('[data-testid=panel-error-retries]:has-text("after 1 retry")');
  await page.click('[data-testid=panel-retry]');
  await page.waitForSelector('[data-testid=panel-error-retries]:has-text("after 2 retries")');
  // No retry happens by itself: the count stays, and the rest of the page answers.
  await page.waitForTimeout(300);
  assert.match(await page.textContent('[data-testid=panel-error-retries]'), /after 2 retries/);
  await assertOnlyPanelFailed(page, 'picture');
  await page.fill('[data-testid=scenario-editor]', named('Still editing'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Still editing")');
  assert.deepEqual(errors, []);
  await context.close();
});

test('no built-in example and no step of one makes a panel fail', async () => {
  const ids = readdirSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'crates', 'scenario', 'examples'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  assert.ok(ids.length > 10);
  const errors = [];
  for (const id of ids) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    record(page, errors);
    await page.goto(`${env.url}#${shareFragment(exampleJson(id))}`);
    await page.waitForSelector('[data-testid=step-position]');
    const total = Number((await position(page)).split('/')[1]);
    for (const step of [0, Math.floor(total / 4), Math.floor(total / 2), Math.floor((3 * total) / 4), total]) {
      await page.evaluate((value) => {
        const scrubber = document.querySelector('[data-testid=scrubber]');
        scrubber.value = String(value);
        scrubber.dispatchEvent(new Event('input', { bubbles: true }));
      }, step);
      await page.waitForFunction((want) => document.querySelector('[data-testid=step-position]').textContent.trim().startsWith(`${want} /`), step);
      assert.equal(await page.locator('[data-testid=panel-error]').count(), 0, `${id} at step ${step}`);
    }
    await context.close();
  }
  assert.deepEqual(errors, []);
});

test('Fargate tasks in a subnet of an unlisted zone get a lane of their own', async () => {
  const scenario = JSON.parse(exampleJson('fargate-sizes'));
  scenario.subnets = { 'subnet-0d1d': 'us-east-1d' };
  scenario.services[0].networkConfiguration.awsvpcConfiguration.subnets = ['subnet-0d1d'];
  delete scenario.questions;
  const context = await env.browser.newContext();
  const errors = [];
  const page = await context.newPage();
  record(page, errors);
  await page.goto(`${env.url}#${shareFragment(scenario)}`);
  await page.waitForSelector('[data-testid=az][data-az=us-east-1d]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-chip][data-zone=us-east-1d]').length === 3);
  assert.equal(await page.locator('[data-testid=panel-error]').count(), 0);
  assert.match(await page.textContent('[data-testid=diagnostics]'), /subnet-0d1d is in us-east-1d/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a panic shows the crash overlay with the message and the autosaved scenario', async () => {
  const context = await env.browser.newContext();
  const errors = [];
  const page = await context.newPage();
  record(page, errors);
  await page.goto(env.url);
  await page.fill('[data-testid=scenario-editor]', named('Before the crash'));
  await page.waitForFunction(() => /Before the crash/.test(localStorage.getItem('ecs-playground.scenario.v1') ?? ''));

  await page.goto(`${env.url}?fault=panic`);
  const overlay = page.locator('[data-testid=crash]');
  await overlay.waitFor();
  assert.equal(await overlay.getAttribute('role'), 'alertdialog');
  assert.match(await overlay.textContent(), /The playground hit a bug and stopped\./);
  assert.match(await page.textContent('[data-testid=crash-message]'), /^fault injected for testing \(.+\.rs:\d+\)$/);
  assert.match(await overlay.textContent(), /Your scenario was autosaved/);
  const kept = await page.locator('[data-testid=crash-scenario]').inputValue();
  assert.equal(JSON.parse(kept).name, 'Before the crash');
  assert.equal(await page.locator('[data-testid=crash]').count(), 1);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'crash-reload');
  // The card follows the theme.
  const background = () => page.locator('.crash__card').evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await screenshot(page, 'crash-light.png');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  assert.equal(await background(), 'rgb(21, 27, 35)');
  await screenshot(page, 'crash-dark.png');

  // Reload reloads (the fault is still in the address, so it crashes again) and the save survives.
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid=crash-reload]')]);
  await page.locator('[data-testid=crash]').waitFor();
  assert.equal(JSON.parse(await page.locator('[data-testid=crash-scenario]').inputValue()).name, 'Before the crash');

  // Only the injected panic may reach the console: the hook's own report and the wasm trap.
  const expected = errors.filter((e) => /fault injected for testing/.test(e) || /^RuntimeError: unreachable/.test(e));
  assert.ok(expected.some((e) => /fault injected for testing/.test(e)), 'the panic is still logged');
  assert.deepEqual(errors.filter((e) => !expected.includes(e)), []);
  await context.close();
});

test('Try again after a passing fault brings the panel back, working and in step with the run', async () => {
  const { context, page, errors } = await openFaulted('picture-once');
  const fallback = page.locator('[data-testid=cluster-picture] [data-testid=panel-error]');
  await fallback.waitFor();
  assert.equal(await page.locator('[data-testid=task-chip]').count(), 0, 'the picture draws nothing');
  // While the picture is down the run moves on; the recovered picture must show where it is now.
  await page.fill('[data-testid=scenario-editor]', withServices(7, 'Recovered picture'));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("Recovered picture")');
  await page.click('[data-testid=reset]');
  await page.click('[data-testid=step-forward]');
  await page.click('[data-testid=step-forward]');
  await page.click('[data-testid=panel-retry]');
  // Step 2 is the first placement, as in the default example.
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, placedChips);
  assert.equal(await page.locator('[data-testid=panel-error]').count(), 0, 'the fallback is gone');
  // The recovered picture answers: Place lands every task and a click opens the explanation.
  await page.click('[data-testid=place]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 7, placedChips);
  const chip = page.locator(placedChips).last();
  const task = await chip.getAttribute('data-task-id');
  await chip.click();
  assert.match(await page.textContent('[data-testid=inspector]'), new RegExp(`Task ${task}`));
  assert.match(await page.textContent('[data-testid=explanation-summary]'), /Placed on/);
  assert.deepEqual(errors, []);
  await context.close();
});
