// The acceptance tests of the playground UI (issue 6), against the release build in dist/. Every
// test opens a fresh browser context (empty localStorage) and fails on any console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot } from './harness.mjs';
import { exampleJson } from './share-util.mjs';

const env = usePlayground();

const placedChips = '[data-testid=task-chip][data-instance]';

/** Opens the playground and waits for the default scenario's six placed tasks. */
async function open(options) {
  const opened = await openPage(env.browser, env.url, options);
  await opened.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  return opened;
}

/** task id → instance id of every placed chip. */
async function placement(page) {
  return page.locator(placedChips).evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.taskId, e.dataset.instance])),
  );
}

async function waitForText(page, selector, pattern) {
  await page.waitForFunction(
    ([sel, source]) => {
      const el = document.querySelector(sel);
      return el && new RegExp(source).test(el.textContent);
    },
    [selector, pattern.source],
  );
  return (await page.textContent(selector)).trim();
}

test('the default scenario loads: three AZs, five instances, six tasks, no diagnostics', async () => {
  const { page, context, errors } = await open();
  const zones = await page.locator('[data-testid=az]').evaluateAll((els) => els.map((e) => e.dataset.az));
  assert.deepEqual(zones, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  assert.equal(await page.locator('[data-testid=instance]').count(), 5);
  assert.equal(await page.locator('[data-testid=diagnostic]').count(), 0);
  assert.match(await page.textContent('[data-testid=scenario-name]'), /AZ Balanced Spread/);
  // The table view says the same as the picture.
  await page.click('[data-testid=view-table]');
  assert.equal(await page.locator('[data-testid=cluster-table] tbody tr').count(), 6);
  await page.click('[data-testid=view-picture]');
  await page.locator(placedChips).first().waitFor();
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('an invalid memory in the task-definition form is reported at its line', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-task-definition]');
  await page.fill('[data-testid=container-memory]', '0');
  const message = await waitForText(page, '[data-testid=diagnostic]', /memory/);
  assert.match(message, /Invalid 'memory' setting for container 'nginx'/);
  assert.match(message, /containerDefinitions\[0\]\.memory/);
  assert.ok((await page.locator('[data-testid=line-marker]').count()) >= 1, 'the line is marked');
  await page.waitForSelector('[data-testid=picture-empty]');
  // The form wrote into the one JSON text.
  assert.match(await page.inputValue('[data-testid=scenario-editor]'), /"memory": 0/);
  // Clicking the diagnostic opens the JSON at that line.
  await page.click('[data-testid=diagnostic]');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'scenario-editor');
  const caretLine = await page.evaluate(() => {
    const t = document.activeElement;
    return t.value.slice(0, t.selectionStart).split('\n').length;
  });
  assert.match(message, new RegExp(`line ${caretLine}(?!\\d)`), 'the caret is on the diagnostic\'s line');
  await page.click('[data-testid=editor-tab-task-definition]');
  await page.fill('[data-testid=container-memory]', '512');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diagnostic]').length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching the service from spread to binpack changes the placement', async () => {
  const { page, context, errors } = await open();
  const spread = await placement(page);
  assert.equal(new Set(Object.values(spread)).size, 5, 'spread uses every instance');
  await page.click('[data-testid=editor-tab-services]');
  await page.selectOption('[data-testid=strategy-0-type]', 'binpack');
  await page.waitForFunction(
    ([sel, before]) => {
      const now = [...document.querySelectorAll(sel)].map((e) => `${e.dataset.taskId}=${e.dataset.instance}`);
      return now.length === 6 && now.join() !== before;
    },
    [placedChips, Object.entries(spread).map(([t, i]) => `${t}=${i}`).join()],
  );
  const binpack = await placement(page);
  assert.ok(new Set(Object.values(binpack)).size < 5, 'binpack packs tasks onto fewer instances');
  assert.match(await page.inputValue('[data-testid=scenario-editor]'), /"type": "binpack",\s*"field": "memory"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a memberOf constraint built in the form shows how many instances match', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-services]');
  await page.click('[data-testid=add-constraint]');
  await page.waitForSelector('[data-testid=constraint-0-expression]');
  await page.fill('[data-testid=constraint-0-expression]', 'attribute:ecs.instance-type == ');
  assert.match(await waitForText(page, '[data-testid=constraint-0-status]', /Column/), /Column \d+/);
  await page.fill('[data-testid=constraint-0-expression]', 'attribute:ecs.instance-type == m5.large');
  assert.equal(
    await waitForText(page, '[data-testid=constraint-0-status]', /match/),
    '3 of 5 instances match',
  );
  // The placement obeys it: every task on one of the three m5.large instances.
  await page.waitForFunction(
    (sel) => [...document.querySelectorAll(sel)].every((e) => ['ci-1', 'ci-2', 'ci-3'].includes(e.dataset.instance)),
    placedChips,
  );
  // The attribute picker offers what the cluster has.
  const offered = await page.locator('[data-testid=constraint-0-attribute] option').allTextContents();
  assert.ok(offered.includes('ecs.availability-zone') && offered.includes('ecs.instance-type'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('place, step back and step forward move through the timeline', async () => {
  const { page, context, errors } = await open();
  const total = Number((await page.textContent('[data-testid=step-position]')).split('/')[1]);
  assert.ok(total >= 6);
  await page.click('[data-testid=reset]');
  assert.equal((await page.textContent('[data-testid=step-position]')).trim(), `0 / ${total}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-chip][data-instance]').length === 0);
  assert.equal(await page.locator('[data-testid=task-chip][data-state=waiting]').count(), 6);

  // Step forward until the first task lands, then until the second, then one step back.
  const position = async () => Number((await page.textContent('[data-testid=step-position]')).split('/')[0]);
  const forwardUntil = async (placed) => {
    for (let i = 0; i < total && (await page.locator(placedChips).count()) < placed; i++) {
      await page.click('[data-testid=step-forward]');
    }
    assert.equal(await page.locator(placedChips).count(), placed);
  };
  await forwardUntil(1);
  assert.match(await page.textContent('[data-testid=step-message]'), /placed on ci-/);
  await forwardUntil(2);
  const second = await position();
  await page.click('[data-testid=step-back]');
  assert.equal(await position(), second - 1);
  assert.equal(await page.locator(placedChips).count(), 1);

  // The keyboard does the same.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  assert.equal(await position(), second);
  assert.equal(await page.locator(placedChips).count(), 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await position(), second - 1);
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=help]');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=help]').count(), 0);

  await page.click('[data-testid=place]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  assert.equal((await page.textContent('[data-testid=step-position]')).trim(), `${total} / ${total}`);

  // Play runs to the end by itself.
  await page.click('[data-testid=reset]');
  await page.selectOption('[data-testid=speed]', '16');
  await page.click('[data-testid=play]');
  await page.waitForFunction(
    (end) => document.querySelector('[data-testid=step-position]').textContent.trim() === end,
    `${total} / ${total}`,
    { timeout: 15000 },
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('the explanation of a task names its instance and why others were rejected', async () => {
  const { page, context, errors } = await open();
  // Drain the first declaration's two instances: placement must pass over them.
  await page.click('[data-testid=editor-tab-cluster]');
  await page.selectOption('[data-testid=instance-0-status]', 'DRAINING');
  await page.waitForFunction(
    (sel) => [...document.querySelectorAll(sel)].every((e) => !['ci-1', 'ci-2'].includes(e.dataset.instance)),
    placedChips,
  );
  const chip = page.locator(placedChips).first();
  const instance = await chip.getAttribute('data-instance');
  await chip.click();
  const summary = await waitForText(page, '[data-testid=explanation-summary]', /Placed on/);
  assert.match(summary, new RegExp(`Placed on ${instance}\\b`));
  assert.equal((await page.textContent('[data-testid=inspector-instance]')).trim(), instance);
  const chosen = page.locator('[data-testid=verdict][data-chosen=true]');
  assert.equal(await chosen.count(), 1);
  assert.equal(await chosen.getAttribute('data-instance'), instance);
  for (const drained of ['ci-1', 'ci-2']) {
    const row = await page.textContent(`[data-testid=verdict][data-instance=${drained}]`);
    assert.match(row, /STATUS/, `${drained} is rejected for its status`);
    assert.match(row, /DRAINING/);
  }
  // Clicking an instance shows its resources and attributes.
  await page.click(`[data-testid=instance][data-instance-id=${instance}] .instance__header`);
  assert.match(await page.textContent('[data-testid=inspector-instance-id]'), new RegExp(instance));
  assert.match(await page.textContent('[data-testid=instance-attributes]'), /ecs\.availability-zone/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the inspector follows an edit while a task stays selected', async () => {
  const { page, context, errors } = await open();
  const chip = page.locator(`${placedChips}[data-task-id=task-1]`);
  await chip.click();
  await waitForText(page, '[data-testid=explanation-summary]', /Placed on/);
  assert.doesNotMatch(await page.textContent('[data-testid=verdict][data-instance=ci-1]'), /DRAINING/);

  // Draining ci-1 and ci-2 changes the run: the open explanation is the new run's.
  await page.click('[data-testid=editor-tab-cluster]');
  await page.selectOption('[data-testid=instance-0-status]', 'DRAINING');
  await waitForText(page, '[data-testid=verdict][data-instance=ci-1]', /DRAINING/);
  const instance = await chip.getAttribute('data-instance');
  assert.ok(!['ci-1', 'ci-2'].includes(instance));
  assert.equal((await page.textContent('[data-testid=inspector-instance]')).trim(), instance);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a capacity provider built in the cluster form launches instances for the service', async () => {
  const { page, context, errors } = await open();
  const editor = '[data-testid=scenario-editor]';
  const scenario = async () => JSON.parse(await page.inputValue(editor));
  const instances = '[data-testid=instance]';
  const waitForInstances = (n) =>
    page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [instances, n]);

  await page.click('[data-testid=editor-tab-cluster]');
  await page.click('[data-testid=add-capacity-provider]');
  await page.waitForSelector('[data-testid=provider-0-name]');
  let json = await scenario();
  assert.deepEqual(json.cluster, { clusterName: 'default', capacityProviders: ['asg-1'] });
  assert.equal(json.capacityProviders[0].name, 'asg-1');
  assert.equal(json.capacityProviders[0].instanceType, 'm5.large');
  assert.deepEqual(json.capacityProviders[0].autoScalingGroupProvider.managedScaling, {
    status: 'ENABLED',
    targetCapacity: 100,
    minimumScalingStepSize: 1,
    maximumScalingStepSize: 10000,
    instanceWarmupPeriod: 300,
  });
  // The group starts empty and nothing uses it yet.
  assert.equal(await page.locator(instances).count(), 5);

  await page.check('[data-testid=cluster-provider-FARGATE]');
  await page.waitForFunction(
    (sel) => JSON.parse(document.querySelector(sel).value).cluster.capacityProviders.includes('FARGATE'),
    editor,
  );
  await page.uncheck('[data-testid=cluster-provider-FARGATE]');

  // The default strategy names the provider; renaming the provider carries the reference along.
  await page.click('[data-testid=add-default-strategy]');
  await page.waitForSelector('[data-testid=default-strategy-0-provider]');
  await page.fill('[data-testid=provider-0-name]', 'asg-web');
  await page.press('[data-testid=provider-0-name]', 'Tab');
  await page.waitForFunction(
    (sel) => JSON.parse(document.querySelector(sel).value).capacityProviders[0].name === 'asg-web',
    editor,
  );
  // Tab moves on to the row's remove button: the edit did not rebuild the form under the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'remove-provider-0');
  json = await scenario();
  assert.deepEqual(json.cluster, {
    clusterName: 'default',
    capacityProviders: ['asg-web'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'asg-web', weight: 1 }],
  });
  assert.equal(await page.inputValue('[data-testid=default-strategy-0-provider]'), 'asg-web');
  assert.equal(await page.locator(instances).count(), 5, 'the service still names launch type EC2');

  // Without a launch type the service uses the default strategy: its tasks wait in PROVISIONING
  // until managed scaling launches an instance into the group, and then run there.
  await page.click('[data-testid=editor-tab-services]');
  await page.selectOption('[data-testid=launch-type]', '');
  await waitForInstances(6);
  assert.equal(await page.locator(`${instances}[data-instance-id=ci-6]`).count(), 1);
  assert.ok((await page.locator(`${placedChips}[data-instance=ci-6]`).count()) >= 1, 'tasks ran on the new instance');
  assert.equal(await page.locator('[data-testid=diagnostic]').count(), 0);

  // Without managed scaling nothing launches; with a minimum size of 2 the group starts with two.
  await page.click('[data-testid=editor-tab-cluster]');
  await page.selectOption('[data-testid=provider-0-managed-scaling]', 'DISABLED');
  await waitForInstances(5);
  assert.equal(await page.locator(`${placedChips}[data-instance=ci-6]`).count(), 0);
  // Typed key by key, as a keyboard user would: the field keeps the focus between keys.
  await page.click('[data-testid=provider-0-min-size]');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'provider-0-min-size');
  await waitForInstances(7);
  assert.ok((await page.locator(`${placedChips}[data-instance=ci-6]`).count()) >= 1, 'tasks run in the group');
  json = await scenario();
  assert.equal(json.capacityProviders[0].minSize, 2);
  assert.equal(json.capacityProviders[0].autoScalingGroupProvider.managedScaling.status, 'DISABLED');

  // An out-of-range target capacity is the model's diagnostic, as for any other field.
  await page.fill('[data-testid=provider-0-target-capacity]', '0');
  const message = await waitForText(page, '[data-testid=diagnostic]', /targetCapacity/);
  assert.match(message, /targetCapacity must be a whole number from 1 to 100, not 0/);
  await page.fill('[data-testid=provider-0-target-capacity]', '90');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diagnostic]').length === 0);

  // Removing the provider takes it off the cluster; the strategy still naming it is reported.
  await page.click('[data-testid=remove-provider-0]');
  await waitForText(page, '[data-testid=diagnostic]', /not associated with the cluster/);
  json = await scenario();
  assert.deepEqual(json.capacityProviders, []);
  assert.deepEqual(json.cluster.capacityProviders, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a service’s capacity provider strategy is edited in the form and changes the split', async () => {
  const { page, context, errors } = await open();
  const editor = '[data-testid=scenario-editor]';
  await page.click('[data-testid=examples-menu]');
  await page.click('[data-testid=example-item][data-id=capacity-provider-split]');
  await page.click('[data-testid=editor-tab-services]');
  assert.equal(await page.locator('[data-testid=provider-strategy-item]').count(), 2);
  assert.equal(await page.inputValue('[data-testid=provider-strategy-0-provider]'), 'FARGATE');
  assert.equal(await page.inputValue('[data-testid=provider-strategy-0-base]'), '1');
  assert.equal(await page.inputValue('[data-testid=provider-strategy-1-weight]'), '3');

  const split = async () => {
    await page.click('[data-testid=view-table]');
    const cells = await page.locator('[data-testid=task-row-capacity]').allTextContents();
    await page.click('[data-testid=view-picture]');
    return {
      FARGATE: cells.filter((c) => c === 'FARGATE').length,
      FARGATE_SPOT: cells.filter((c) => c === 'FARGATE_SPOT').length,
    };
  };
  assert.deepEqual(await split(), { FARGATE: 3, FARGATE_SPOT: 6 }, 'base 1, then 1:3');

  // Base 5 on FARGATE: five on demand first, the other four split 1:3.
  await page.fill('[data-testid=provider-strategy-0-base]', '5');
  await page.waitForFunction(
    (sel) => JSON.parse(document.querySelector(sel).value).services[0].capacityProviderStrategy[0].base === 5,
    editor,
  );
  assert.deepEqual(await split(), { FARGATE: 6, FARGATE_SPOT: 3 });

  // Removing FARGATE_SPOT puts every task on FARGATE; adding a provider clears any launch type.
  await page.click('[data-testid=remove-provider-strategy-1]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=provider-strategy-item]').length === 1);
  assert.deepEqual(await split(), { FARGATE: 9, FARGATE_SPOT: 0 });
  await page.click('[data-testid=add-provider-strategy]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=provider-strategy-item]').length === 2);
  const service = JSON.parse(await page.inputValue(editor)).services[0];
  assert.equal(service.launchType, undefined);
  assert.deepEqual(service.capacityProviderStrategy[1], { capacityProvider: 'FARGATE', weight: 1 });
  // FARGATE named twice is the model's diagnostic.
  await waitForText(page, '[data-testid=diagnostic]', /FARGATE/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('ENI trunking, turned on in the cluster form, places the awsvpc task that ran out of ENIs', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=examples-menu]');
  await page.click('[data-testid=example-item][data-id=awsvpc-eni-exhaustion]');
  // Two c5.large hold two awsvpc tasks each: the fifth waits for an ENI.
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 4, placedChips);
  assert.equal(await page.locator('[data-testid=task-chip]:not([data-instance])').count(), 1);
  assert.deepEqual(
    await page.locator('[data-testid=instance] .bar[title^="ENI"]').evaluateAll((els) => els.map((e) => e.title)),
    ['ENI: 2 of 2 task ENIs reserved', 'ENI: 2 of 2 task ENIs reserved'],
  );
  await page.click('[data-testid=editor-tab-cluster]');
  await page.check('[data-testid=eni-trunking]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, placedChips);
  assert.equal(await page.locator('[data-testid=task-chip]:not([data-instance])').count(), 0);
  const limits = await page.locator('[data-testid=instance] .bar[title^="ENI"]').evaluateAll((els) => els.map((e) => e.title));
  assert.ok(limits.every((t) => / of 10 /.test(t)), limits.join(', '));
  await page.click('[data-testid=editor-tab-json]');
  assert.deepEqual(JSON.parse(await page.inputValue('[data-testid=scenario-editor]')).accountSettings, { awsvpcTrunking: 'enabled' });
  // Turning it off takes the setting and its empty object out again.
  await page.click('[data-testid=editor-tab-cluster]');
  await page.uncheck('[data-testid=eni-trunking]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 4, placedChips);
  await page.click('[data-testid=editor-tab-json]');
  assert.equal('accountSettings' in JSON.parse(await page.inputValue('[data-testid=scenario-editor]')), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('edits are kept after a reload, and a corrupt autosave loads the default with a notice', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-services]');
  await page.fill('[data-testid=desired-count]', '4');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 4, placedChips);
  const text = await page.inputValue('[data-testid=scenario-editor]');
  await page.reload();
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 4, placedChips);
  assert.equal(await page.inputValue('[data-testid=scenario-editor]'), text, 'the text is restored exactly');
  assert.equal(await page.locator('[data-testid=notice]').count(), 0);

  await page.evaluate(() => localStorage.setItem('ecs-playground.scenario.v1', '{not json'));
  await page.reload();
  await page.waitForSelector('[data-testid=notice]');
  assert.match(await page.textContent('[data-testid=notice]'), /could not be read/);
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, placedChips);
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots: light, dark and a 360 px phone', async () => {
  const wide = await open({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  await wide.page.locator(placedChips).first().click();
  await wide.page.waitForSelector('[data-testid=explanation]');
  await wide.page.waitForTimeout(600);
  // The explanation table is wider than the inspector: it scrolls inside its panel, not the page.
  const wideOverflow = await wide.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wideOverflow <= 0, `no sideways scrolling of the page (${wideOverflow}px)`);
  await screenshot(wide.page, 'playground-light.png');
  await wide.page.click('[data-testid=theme-toggle]');
  assert.equal(await wide.page.getAttribute('html', 'data-theme'), 'dark');
  await wide.page.waitForTimeout(300);
  await screenshot(wide.page, 'playground-dark.png');
  assert.deepEqual(wide.errors, []);
  await wide.context.close();

  const phone = await open({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await phone.page.waitForTimeout(600);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling of the page (${overflow}px)`);
  // The header takes two lines and the run buttons one, so the picture keeps the screen.
  const header = await phone.page.evaluate(() => document.querySelector('header.header').getBoundingClientRect().height);
  assert.ok(header < 72, `header height ${header}px`);
  const rows = await phone.page
    .locator('.run__buttons > *')
    .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
  assert.equal(rows, 1, 'the run buttons share one row');
  await screenshot(phone.page, 'playground-phone.png');
  await phone.page.click('[data-testid=tab-editors]');
  await screenshot(phone.page, 'playground-phone-editors.png');
  assert.deepEqual(phone.errors, []);
  await phone.context.close();
});

test('the scrubber marks each action of the timeline, and a mark jumps to it', async () => {
  const { page, context, errors } = await open();
  // The default scenario has no actions, so no marks.
  assert.equal(await page.locator('[data-testid=timeline-mark]').count(), 0);
  const scenario = JSON.parse(exampleJson('rolling-update'));
  await page.fill('[data-testid=scenario-editor]', JSON.stringify(scenario, null, 2));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("' + scenario.name + '")');
  const marks = page.locator('[data-testid=timeline-mark]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline-mark]').length === n, scenario.actions.length);
  const titles = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  assert.deepEqual(
    titles.map((t) => t.replace(/^\d+ s: /, '')),
    scenario.actions.map((a, i) => `${Object.keys(a).find((k) => k !== 'at')} (actions[${i}])`),
  );
  assert.deepEqual(
    titles.map((t) => Number(t.split(' ')[0])),
    scenario.actions.map((a) => a.at),
  );
  // The marks go left to right in time, inside the track.
  const lefts = await marks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  assert.deepEqual([...lefts].sort((a, b) => a - b), lefts);
  // A click moves the run to just after that action.
  const last = marks.last();
  const step = Number(await last.getAttribute('data-step'));
  await last.click();
  const total = Number((await page.textContent('[data-testid=step-position]')).split('/')[1]);
  assert.equal((await page.textContent('[data-testid=step-position]')).trim(), `${step} / ${total}`);
  assert.match(await page.textContent('[data-testid=step-message]'), /updateService \(actions\[2\]\)/);
  // [ and ] go from action to action; past the first there is nowhere further back.
  const steps = await marks.evaluateAll((els) => els.map((e) => Number(e.dataset.step)));
  const position = async () => Number((await page.textContent('[data-testid=step-position]')).split('/')[0]);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('[');
  assert.equal(await position(), steps[1]);
  await page.keyboard.press('[');
  assert.equal(await position(), steps[0]);
  await page.keyboard.press('[');
  assert.equal(await position(), steps[0]);
  await page.keyboard.press('Home');
  await page.keyboard.press(']');
  assert.equal(await position(), steps[0]);
  await page.keyboard.press(']');
  assert.equal(await position(), steps[1]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the services summary follows the run: a rolling update shows the new deployment beside the old', async () => {
  const { page, context, errors } = await open();
  // The default scenario at its end: web, ACTIVE, six of six running, one completed deployment.
  const web = page.locator('[data-testid=service][data-service=web]');
  assert.equal(await web.getAttribute('data-status'), 'ACTIVE');
  assert.match(await web.locator('[data-testid=service-counts]').textContent(), /REPLICA · desired 6 · running 6 · pending 0/);
  assert.deepEqual(
    await web.locator('[data-testid=deployment]').evaluateAll((els) => els.map((e) => `${e.dataset.status} ${e.dataset.rollout}`)),
    ['PRIMARY COMPLETED'],
  );

  const scenario = JSON.parse(exampleJson('rolling-update'));
  await page.fill('[data-testid=scenario-editor]', JSON.stringify(scenario, null, 2));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("' + scenario.name + '")');
  const rows = () =>
    page
      .locator('[data-testid=service][data-service=fast] [data-testid=deployment]')
      .evaluateAll((els) => els.map((e) => `${e.dataset.status} ${e.dataset.rollout}`));
  // Jump to just after the first updateService, then step until the new deployment is running.
  await page.locator('[data-testid=timeline-mark]').nth(1).click();
  let seen = null;
  for (let i = 0; i < 40 && !seen; i++) {
    const now = await rows();
    if (now.length === 2 && now[0] === 'PRIMARY IN_PROGRESS' && now[1].startsWith('ACTIVE ')) seen = now;
    else await page.click('[data-testid=step-forward]');
  }
  assert.ok(seen, 'a step shows the new PRIMARY deployment in progress beside the old ACTIVE one');
  // At the end of the run the newest deployment is PRIMARY and COMPLETED.
  await page.click('[data-testid=place]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=service][data-service=fast] [data-testid=deployment]')?.dataset.rollout === 'COMPLETED',
  );
  assert.deepEqual(await rows(), ['PRIMARY COMPLETED', 'INACTIVE COMPLETED']);
  // A run of standalone tasks has no services section.
  const standalone = JSON.parse(exampleJson('binpack-memory'));
  assert.equal(standalone.services.length, 0);
  await page.fill('[data-testid=scenario-editor]', JSON.stringify(standalone, null, 2));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("' + standalone.name + '")');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=services]').length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the service form switches a service to DAEMON: one task on every instance', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-services]');
  assert.equal(await page.inputValue('[data-testid=scheduling-strategy]'), '');
  await page.selectOption('[data-testid=scheduling-strategy]', 'DAEMON');
  // The default service still has placement strategies, which DAEMON does not take.
  const message = await waitForText(page, '[data-testid=diagnostic]', /DAEMON/);
  assert.match(message, /Placement strategies are not supported with the DAEMON scheduling strategy/);
  await page.click('[data-testid=remove-strategy-1]');
  await page.click('[data-testid=remove-strategy-0]');
  await page.fill('[data-testid=desired-count]', '');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diagnostic]').length === 0);
  // Five instances, one daemon task on each.
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, placedChips);
  const perInstance = await page.locator(placedChips).evaluateAll((els) => {
    const count = {};
    for (const e of els) count[e.dataset.instance] = (count[e.dataset.instance] ?? 0) + 1;
    return Object.values(count);
  });
  assert.deepEqual(perInstance, [1, 1, 1, 1, 1]);
  assert.match(await page.textContent('[data-testid=service][data-service=web] [data-testid=service-counts]'), /^DAEMON/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the timeline form adds actions that change the run: a scale-out, then a zone failure', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-timeline]');
  await waitForText(page, '[data-testid=timeline-form]', /no actions yet/);
  const running = '[data-testid=task-chip][data-state=running]';

  // UpdateService (the default kind) starts from the service's count plus one; make it nine.
  await page.click('[data-testid=add-action]');
  assert.equal(await page.inputValue('[data-testid=action-at]'), '60');
  assert.equal(await page.inputValue('[data-testid=action-service]'), 'web');
  assert.equal(await page.inputValue('[data-testid=action-desired-count]'), '7');
  await page.fill('[data-testid=action-desired-count]', '9');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 9, running);
  assert.equal(await page.locator('[data-testid=timeline-mark]').count(), 1);
  // "Show in the run" moves the run to just after the action: nine desired, six still running.
  await page.click('[data-testid=action-show]');
  await waitForText(page, '[data-testid=service][data-service=web] [data-testid=service-counts]', /desired 9 · running 6/);
  assert.equal(await page.locator(running).count(), 6);
  await page.click('[data-testid=place]');

  // A zone failure 30 s later: us-east-1c's tasks stop and are replaced in the other zones.
  await page.selectOption('[data-testid=new-action-kind]', 'failAvailabilityZone');
  await page.click('[data-testid=add-action]');
  assert.equal(await page.inputValue('[data-testid=action-at]'), '90');
  await page.selectOption('[data-testid=action-zone]', 'us-east-1c');
  await page.waitForFunction(
    (sel) => document.querySelectorAll(`${sel}[data-zone=us-east-1c]`).length === 0 &&
      document.querySelectorAll(sel).length === 9,
    running,
  );
  assert.equal(await page.locator('[data-testid=timeline-mark]').count(), 2);
  assert.match(await page.textContent('[data-testid=timeline-form]'), /The zone fails/);

  // Removing the scale-out leaves the failure: six tasks, none in us-east-1c.
  await page.selectOption('[data-testid=pick-action]', '0');
  await page.click('[data-testid=remove-action-0]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 6, running);
  assert.equal(await page.locator(`${running}[data-zone=us-east-1c]`).count(), 0);
  assert.deepEqual(
    await page.locator('[data-testid=pick-action] option').allTextContents(),
    ['90 s · failAvailabilityZone us-east-1c'],
  );

  // A new container instance, of a type picked from the catalogue.
  await page.selectOption('[data-testid=new-action-kind]', 'registerContainerInstance');
  await page.click('[data-testid=add-action]');
  await page.selectOption('[data-testid=action-instance-type]', 'c5.xlarge');
  await page.selectOption('[data-testid=action-zone]', 'us-east-1b');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=instance]')]
    .some((card) => card.textContent.includes('c5.xlarge')));
  assert.equal(await page.locator('[data-testid=instance]').count(), 6);
  await page.click('[data-testid=remove-action-1]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=instance]').length === 5);

  // Task protection: the task list is written when committed, the flag both ways.
  await page.selectOption('[data-testid=new-action-kind]', 'updateTaskProtection');
  await page.click('[data-testid=add-action]');
  assert.equal(await page.inputValue('[data-testid=action-tasks]'), 'task-1');
  await page.fill('[data-testid=action-tasks]', 'task-2, task-3');
  await page.press('[data-testid=action-tasks]', 'Enter');
  await page.uncheck('[data-testid=action-protection]');

  // CreateService has its main fields here, and opens in the Services form for the rest.
  await page.selectOption('[data-testid=new-action-kind]', 'createService');
  await page.click('[data-testid=add-action]');
  assert.equal(await page.inputValue('[data-testid=action-service-name]'), 'api');
  await page.fill('[data-testid=action-desired-count]', '3');
  await page.click('[data-testid=action-open]');
  await page.locator('[data-testid=service-form]').waitFor();
  assert.equal(
    (await page.locator('[data-testid=pick-request] option:checked').textContent()).trim(),
    'CreateService api · at 150 s',
  );
  assert.equal(await page.inputValue('[data-testid=desired-count]'), '3');
  await page.click('[data-testid=add-strategy]');
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 9, running);

  // So does a registered revision, in the Task definition form.
  await page.click('[data-testid=editor-tab-timeline]');
  await page.selectOption('[data-testid=new-action-kind]', 'registerTaskDefinition');
  await page.click('[data-testid=add-action]');
  assert.equal(await page.inputValue('[data-testid=action-family]'), 'web');
  await page.click('[data-testid=action-open]');
  await page.locator('[data-testid=task-definition-form]').waitFor();
  assert.equal(
    (await page.locator('[data-testid=pick-task-definition] option:checked').textContent()).trim(),
    'RegisterTaskDefinition web · at 180 s',
  );
  await page.fill('[data-testid=container-memory]', '300');

  // The JSON tab has every action, with what the other forms wrote into them.
  await page.click('[data-testid=editor-tab-json]');
  const json = JSON.parse(await page.inputValue('[data-testid=scenario-editor]'));
  assert.deepEqual(
    json.actions.map((a) => Object.keys(a)),
    [['at', 'failAvailabilityZone'], ['at', 'updateTaskProtection'], ['at', 'createService'], ['at', 'registerTaskDefinition']],
  );
  assert.deepEqual(json.actions[1].updateTaskProtection, { tasks: ['task-2', 'task-3'], protectionEnabled: false, expiresInMinutes: 60 });
  assert.equal(json.actions[2].createService.desiredCount, 3);
  assert.deepEqual(json.actions[2].createService.placementStrategy, [{ type: 'spread', field: 'attribute:ecs.availability-zone' }]);
  assert.equal(json.actions[3].registerTaskDefinition.containerDefinitions[0].memory, 300);
  assert.equal(json.taskDefinitions[0].containerDefinitions[0].memory === 300, false, 'the scenario\'s own revision is unchanged');
  assert.deepEqual(await page.locator('[data-testid=diagnostic]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a target tracking policy built in the services form scales the service out and back in', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-services]');
  await waitForText(page, '[data-testid=auto-scaling]', /No scaling policy/);
  await page.click('[data-testid=add-target-tracking]');
  // The template: 6 to 12 tasks, CPU target 50 %, a load peak at 300 s, and a run of an hour.
  assert.equal(await page.inputValue('[data-testid=scaling-min]'), '6');
  assert.equal(await page.inputValue('[data-testid=scaling-max]'), '12');
  assert.equal(await page.inputValue('[data-testid=scaling-until]'), '3600');
  assert.equal(await page.inputValue('[data-testid=scaling-0-metric]'), 'ECSServiceAverageCPUUtilization');
  assert.equal(await page.locator('[data-testid=load-point]').count(), 3);
  // 540 % of CPU over 6 tasks is 90 % each: ceil(6 × 90 / 50) = 11 tasks, then back to 6.
  await waitForText(page, '[data-testid=events]', /has started 5 tasks/);
  assert.match(await page.textContent('[data-testid=events]'), /has stopped 5 running tasks/);
  // A decimal target is a number, and a lower peak scales out less: 540 / 6 = 90 % against 75.5.
  await page.fill('[data-testid=scaling-0-target]', '75.5');
  await waitForText(page, '[data-testid=events]', /has started 2 tasks/);
  await page.click('[data-testid=remove-scaling-0]');
  await waitForText(page, '[data-testid=auto-scaling]', /No scaling policy/);
  assert.deepEqual(await page.locator('[data-testid=diagnostic]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pair of step scaling policies built in the services form scales out by the far step, then in step by step', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=editor-tab-services]');
  await waitForText(page, '[data-testid=auto-scaling]', /No scaling policy/);
  await page.click('[data-testid=add-step-scaling]');
  assert.equal(await page.inputValue('[data-testid=scaling-0-alarm-metric]'), 'CPUUtilization');
  assert.equal(await page.inputValue('[data-testid=scaling-0-comparison]'), 'GreaterThanOrEqualToThreshold');
  assert.equal(await page.locator('[data-testid=step-adjustment]').count(), 2);
  // 540 on 6 tasks is 90 % CPU, 20 past the alarm's 70 %: the second step adds 3 tasks.
  await waitForText(page, '[data-testid=events]', /has started 3 tasks/);
  // The second step policy offered is the scale-in half; it shares the bounds and the load curve.
  assert.match(await page.textContent('[data-testid=add-step-scaling]'), /scale-in/);
  await page.click('[data-testid=add-step-scaling]');
  assert.equal(await page.locator('[data-testid=scaling-policy]').count(), 2);
  assert.equal(await page.inputValue('[data-testid=scaling-1-comparison]'), 'LessThanThreshold');
  await waitForText(page, '[data-testid=events]', /has stopped 1 running tasks/);
  // The capacity bounds and the load are the service's: a change is made in both policies.
  await page.fill('[data-testid=scaling-max]', '8');
  await page.fill('[data-testid=load-1-value]', '600');
  // A step added beyond the open-ended last one closes it 20 above its start.
  await page.click('[data-testid=add-step-0]');
  assert.equal(await page.inputValue('[data-testid=scaling-0-step-1-upper]'), '40');
  assert.equal(await page.inputValue('[data-testid=scaling-0-step-2-lower]'), '40');
  // A gap between two steps is refused where it is, as PutScalingPolicy does.
  await page.fill('[data-testid=scaling-0-step-2-lower]', '45');
  const message = await waitForText(page, '[data-testid=diagnostic]', /must not overlap or leave a gap/);
  assert.match(message, /serviceAutoScaling\[0\]\.stepScaling\.stepAdjustments/);
  await page.fill('[data-testid=scaling-0-step-2-lower]', '40');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diagnostic]').length === 0);
  await page.click('[data-testid=editor-tab-json]');
  const json = JSON.parse(await page.inputValue('[data-testid=scenario-editor]'));
  assert.deepEqual(json.serviceAutoScaling.map((p) => p.maxCapacity), [8, 8]);
  assert.deepEqual(json.serviceAutoScaling.map((p) => p.load[1].value), [600, 600]);
  assert.deepEqual(json.serviceAutoScaling[0].stepScaling.stepAdjustments.map((s) => s.scalingAdjustment), [1, 3, 4]);
  assert.equal(json.serviceAutoScaling[1].stepScaling.stepAdjustments[0].scalingAdjustment, -1);
  // Capped at 8: the scale-out stops at the maximum, so 2 tasks start, not 3 or 4.
  await waitForText(page, '[data-testid=events]', /has started 2 tasks/);
  assert.deepEqual(errors, []);
  await context.close();
});
