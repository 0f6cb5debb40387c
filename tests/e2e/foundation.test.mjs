// The release build, served from dist/, shows the default scenario: its Availability Zones, its
// container instances and the tasks placed on them, with no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot } from './harness.mjs';

const env = usePlayground();

test('the default scenario is drawn with its AZs, instances and placed tasks', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  await page.waitForSelector('[data-testid=instance]');

  const zones = await page.locator('[data-testid=az]').evaluateAll((els) => els.map((e) => e.dataset.az));
  assert.deepEqual(zones, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  assert.equal(await page.locator('[data-testid=instance]').count(), 5);

  const placed = page.locator('[data-testid=task-chip][data-instance]');
  assert.equal(await placed.count(), 6);
  for (const az of zones) {
    const inZone = await page.locator(`[data-testid=task-chip][data-zone="${az}"]`).count();
    assert.equal(inZone, 2, `two of the six tasks in ${az}`);
  }
  assert.ok(await page.locator('[data-testid=instance]').first().isVisible());
  await screenshot(page, 'default-light.png');

  await page.click('[data-testid=theme-toggle]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await screenshot(page, 'default-dark.png');

  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('clicking a task names its instance in the inspector', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  const chip = page.locator('[data-testid=task-chip][data-instance]').first();
  await chip.waitFor();
  const instanceId = await chip.evaluate((el) => el.dataset.instance);
  await chip.click();
  assert.equal((await page.textContent('[data-testid=inspector-instance]')).trim(), instanceId);
  assert.deepEqual(errors, []);
  await context.close();
});
