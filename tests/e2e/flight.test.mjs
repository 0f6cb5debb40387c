// The flight layer (web/src/components/flight.rs): chips fly on one canvas while their buttons wait
// transparent at their new places, and reduced motion means no flight at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage } from './harness.mjs';

const env = usePlayground();

const placedChips = '[data-testid=task-chip][data-instance]';

/**
 * Clicks Reset then Place and records every change of the picture's data-flying attribute. With
 * `focusChip`, the first task chip has the keyboard focus when Place is clicked (by script, so the
 * focus stays where it is).
 */
async function resetAndPlace(page, { focusChip = false } = {}) {
  await page.click('[data-testid=reset]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, placedChips);
  await page.waitForFunction(() => document.querySelector('[data-testid=canvas]').dataset.flying !== 'true');
  await page.evaluate(() => {
    window.__flying = [];
    const canvas = document.querySelector('[data-testid=canvas]');
    new MutationObserver(() => {
      const chip = document.querySelector('[data-testid=task-chip][data-instance]');
      window.__flying.push({
        flying: canvas.dataset.flying,
        // The buttons are hidden together, by the opacity of the layer that holds them.
        layerOpacity: chip ? getComputedStyle(chip.closest('[data-testid=chip-layer]')).opacity : null,
        layerRendered: getComputedStyle(document.querySelector('[data-testid=chip-layer]')).contentVisibility !== 'hidden',
        focused: document.activeElement?.dataset?.taskId ?? null,
      });
    }).observe(canvas, { attributes: true, attributeFilter: ['data-flying'] });
  });
  if (focusChip) {
    await page.focus('[data-testid=task-chip][data-task-id=task-1]');
    await page.evaluate(() => document.querySelector('[data-testid=place]').click());
  } else {
    await page.click('[data-testid=place]');
  }
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  await page.waitForTimeout(900);
  return page.evaluate(() => window.__flying);
}

test('placing flies the chips on the canvas, with the buttons hidden only meanwhile', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  const changes = await resetAndPlace(page);
  assert.deepEqual(
    changes.map((c) => c.flying),
    ['true', 'false'],
    'one flight starts and ends',
  );
  assert.equal(changes[0].layerOpacity, '0', 'buttons are transparent while chips fly');
  assert.equal(changes[1].layerOpacity, '1', 'and shown again when they land');
  // Nobody is on a button, so the browser need not even lay them out until they land.
  assert.deepEqual(changes.map((c) => c.layerRendered), [false, true]);
  // After landing, the buttons show again at the places the layout gave them.
  const chip = page.locator(placedChips).first();
  assert.notEqual(await chip.evaluate((e) => getComputedStyle(e).opacity), '0');
  assert.equal(await chip.evaluate((e) => getComputedStyle(e.closest('[data-testid=chip-layer]')).opacity), '1');
  const box = await chip.boundingBox();
  const card = await page
    .locator(`[data-testid=instance][data-instance-id="${await chip.getAttribute('data-instance')}"]`)
    .boundingBox();
  assert.ok(
    box.x >= card.x && box.y >= card.y && box.x + box.width <= card.x + card.width && box.y + box.height <= card.y + card.height,
    'the chip landed inside its instance card',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('with prefers-reduced-motion nothing flies', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url, { reducedMotion: 'reduce' });
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  const changes = await resetAndPlace(page);
  assert.ok(!changes.some((c) => c.flying === 'true'), 'no flight under reduced motion');
  assert.notEqual(
    await page.locator(placedChips).first().evaluate((e) => getComputedStyle(e).opacity),
    '0',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a chip with the keyboard focus keeps it through a flight', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  const changes = await resetAndPlace(page, { focusChip: true });
  assert.deepEqual(changes.map((c) => c.flying), ['true', 'false']);
  // The buttons are only transparent, so the focused one stays rendered and focused.
  assert.deepEqual(changes.map((c) => c.layerOpacity), ['0', '1']);
  assert.deepEqual(changes.map((c) => c.layerRendered), [true, true]);
  assert.deepEqual(changes.map((c) => c.focused), ['task-1', 'task-1']);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.taskId), 'task-1');
  assert.deepEqual(errors, []);
  await context.close();
});
