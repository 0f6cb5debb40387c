// Exam mode: the scenario's questions one by one, graded against its own run, with a score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage, screenshot } from './harness.mjs';
import { exampleJson, watch } from './share-util.mjs';

const env = usePlayground();

async function open() {
  const opened = await openPage(env.browser, env.url);
  watch(opened.page, opened.errors);
  await opened.page.waitForSelector('[data-testid=app]');
  return opened;
}

const score = (page) => page.textContent('[data-testid=exam-score]');

test('answers graded right and wrong change the score and explain', async () => {
  const { page, context, errors } = await open();
  const scenario = JSON.parse(exampleJson('default'));
  scenario.questions = [
    {
      kind: 'tasksInZone',
      availabilityZone: 'us-east-1b',
      service: 'web',
      prompt: 'How many tasks of web run in us-east-1b once the service is steady?',
    },
    {
      kind: 'multipleChoice',
      prompt: 'Which strategy does the console apply by default?',
      choices: ['binpack on memory', 'spread on AZ, then spread on instanceId', 'random'],
      answer: 1,
      explanation: 'The console default is AZ Balanced Spread.',
    },
  ];
  await page.fill('[data-testid=scenario-editor]', JSON.stringify(scenario, null, 2));
  await page.click('[data-testid=exam-start]');
  assert.equal((await score(page)).trim(), 'Score 0 / 0');

  assert.match(await page.textContent('[data-testid=exam-prompt]'), /us-east-1b/);
  await page.fill('[data-testid=exam-number]', '2');
  await page.click('[data-testid=exam-check]');
  assert.equal(await page.getAttribute('[data-testid=exam-result]', 'data-correct'), 'true');
  assert.equal((await score(page)).trim(), 'Score 1 / 1');

  await page.click('[data-testid=exam-next]');
  await page.locator('[data-testid=exam-choice]').nth(0).check();
  await page.click('[data-testid=exam-check]');
  const result = page.locator('[data-testid=exam-result]');
  assert.equal(await result.getAttribute('data-correct'), 'false');
  assert.match(await result.textContent(), /spread on AZ, then spread on instanceId/);
  assert.match(await result.textContent(), /AZ Balanced Spread/);
  assert.equal((await score(page)).trim(), 'Score 1 / 2');
  await screenshot(page, 'exam-wrong.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a where-will-the-next-task-go question is answered by clicking an instance', async () => {
  const { page, context, errors } = await open();
  await page.click('[data-testid=exam-start]');
  assert.match(await page.textContent('[data-testid=exam-prompt]'), /fourth task/);
  // The cluster is shown just before task-4 is placed: three tasks run.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-chip][data-instance]').length === 3);
  await page.locator('[data-testid=instance] .instance__header').first().click();
  assert.equal(await page.locator('[data-testid=exam-pick]').inputValue(), 'ci-1');
  await page.click('[data-testid=exam-check]');
  await page.waitForSelector('[data-testid=exam-result]');
  assert.equal((await score(page)).trim().replace(/Score \d \/ /, ''), '1');
  // The step ran and the inspector explains task-4.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-chip][data-instance]').length === 4);
  assert.match(await page.textContent('.inspector__heading'), /task-4/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a peak-tasks question is graded from the run with the maximumPercent arithmetic', async () => {
  const { page, context, errors } = await open();
  const scenario = JSON.parse(exampleJson('rolling-update'));
  scenario.questions = scenario.questions.filter((q) => q.kind === 'peakTasks');
  assert.equal(scenario.questions.length, 1);
  await page.fill('[data-testid=scenario-editor]', JSON.stringify(scenario, null, 2));
  await page.waitForSelector('[data-testid=scenario-name]:has-text("' + scenario.name + '")');
  await page.click('[data-testid=exam-start]');
  assert.match(await page.textContent('[data-testid=exam-prompt]'), /at most how many/);
  await page.fill('[data-testid=exam-number]', '6');
  await page.click('[data-testid=exam-check]');
  const result = page.locator('[data-testid=exam-result]');
  assert.equal(await result.getAttribute('data-correct'), 'false');
  assert.match(await result.textContent(), /At most 8 tasks of safe ran at once/);
  assert.match(await result.textContent(), /with 4 and 200 %, that is 8/);
  assert.equal((await score(page)).trim(), 'Score 0 / 1');
  assert.deepEqual(errors, []);
  await context.close();
});
