// Hostile text in every free-text field of a scenario is shown literally, never run, and does not
// break the layout, whether the scenario arrives by a share link or by paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot } from './harness.mjs';
import { shareFragment, editorText, watch } from './share-util.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '"><script>window.__pwned=1;alert(1)</script>',
  'javascript:window.__pwned=1;alert(1)',
  'x'.repeat(10000),
  '\u202Egnp.exe\u200B\u200D\uFEFF مرحبا',
];

/** A scenario whose every free-text field holds `p`. */
function hostile(p, i) {
  return {
    scenarioVersion: 1,
    name: p,
    description: p,
    seed: 1,
    cluster: 'default',
    availabilityZones: ['us-east-1a'],
    containerInstances: [
      { instanceType: 'm5.large', availabilityZone: 'us-east-1a', count: 2, attributes: [{ name: p, value: p }] },
    ],
    taskDefinitions: [
      {
        family: p,
        networkMode: 'bridge',
        requiresCompatibilities: ['EC2'],
        containerDefinitions: [{ name: p, image: p, cpu: 128, memory: 128, essential: true }],
      },
    ],
    services: [{ serviceName: p, taskDefinition: p, desiredCount: 2, launchType: 'EC2' }],
    runTasks: [],
    questions: [{ id: `q${i}`, kind: 'multipleChoice', prompt: p, choices: [p, p], answer: 0, explanation: p }],
  };
}

const env = usePlayground();

async function assertSafe(page, errors, payload, label) {
  // Give any injected handler time to fire.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${label}: no script ran`);
  const injected = await page.evaluate(() =>
    document.querySelectorAll('img[src=x], iframe, [onerror]').length +
    [...document.scripts].filter((s) => s.text.includes('__pwned')).length,
  );
  assert.equal(injected, 0, `${label}: no injected element`);
  const width = page.viewportSize().width;
  const boxes = await page.locator('[data-testid=app] > *').evaluateAll((els) =>
    els.map((e) => ({ cls: e.className, ...e.getBoundingClientRect().toJSON() })),
  );
  for (const box of boxes) {
    assert.ok(box.x >= -1 && box.right <= width + 1, `${label}: ${box.cls} within the viewport (${box.x}..${box.right})`);
  }
  assert.equal(
    await page.locator('[data-testid=scenario-name]').textContent(),
    payload,
    `${label}: the name is shown literally`,
  );
  await page.click('[data-testid=exam-start]');
  assert.equal(await page.textContent('[data-testid=exam-prompt]'), payload, `${label}: question text literal`);
  assert.deepEqual(errors, [], `${label}: no console error or dialog`);
}

test('hostile text opened from a share link is inert and literal', async () => {
  for (const [i, payload] of PAYLOADS.entries()) {
    const scenario = hostile(payload, i);
    const { page, context, errors } = await openPage(env.browser, `${env.url}#${shareFragment(scenario)}`);
    watch(page, errors);
    await page.waitForSelector('[data-testid=app]');
    assert.deepEqual(JSON.parse(await editorText(page)), scenario);
    await assertSafe(page, errors, payload, `link ${i}`);
    if (i === 0) await screenshot(page, 'injection-link.png');
    await context.close();
  }
});

test('hostile text pasted into the editor and the import dialog is inert and literal', async () => {
  for (const [i, payload] of PAYLOADS.entries()) {
    const text = JSON.stringify(hostile(payload, i), null, 2);
    const { page, context, errors } = await openPage(env.browser, env.url);
    watch(page, errors);
    await page.waitForSelector('[data-testid=app]');
    if (i % 2 === 0) {
      await page.fill('[data-testid=scenario-editor]', text);
    } else {
      await page.click('[data-testid=import]');
      await page.fill('[data-testid=import-text]', text);
      await page.click('[data-testid=import-read]');
      await page.click('[data-testid=import-apply]');
    }
    await page.waitForFunction((t) => document.querySelector('[data-testid=scenario-editor]').value.length > 0, text);
    await assertSafe(page, errors, payload, `paste ${i}`);
    if (i === 1) await screenshot(page, 'injection-paste.png');
    await context.close();
  }
});
