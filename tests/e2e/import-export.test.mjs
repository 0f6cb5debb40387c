// Import merges a pasted CloudFormation resource into the scenario; Export offers the scenario
// file, the AWS CLI commands and a CloudFormation snippet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground, openPage } from './harness.mjs';
import { editorText, watch } from './share-util.mjs';

const env = usePlayground();

const CFN_YAML = `Resources:
  ApiTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: api
      NetworkMode: bridge
      RequiresCompatibilities:
        - EC2
      ContainerDefinitions:
        - Name: api
          Image: public.ecr.aws/docker/library/httpd:2.4
          Cpu: 256
          Memory: 512
          Essential: true
`;

test('a CloudFormation task definition is imported, and the scenario exports', async () => {
  const { page, context, errors } = await openPage(env.browser, env.url);
  watch(page, errors);
  await page.waitForSelector('[data-testid=app]');
  await page.click('[data-testid=import]');
  await page.fill('[data-testid=import-text]', CFN_YAML);
  await page.click('[data-testid=import-read]');
  assert.match(await page.textContent('[data-testid=import-summary]'), /CloudFormation template[\s\S]*Add task definition api/);
  await page.click('[data-testid=import-apply]');
  const families = JSON.parse(await editorText(page)).taskDefinitions.map((td) => td.family);
  assert.deepEqual(families, ['web', 'api']);

  await page.click('[data-testid=export]');
  const dialog = page.locator('[data-testid=export-dialog]');
  const texts = await dialog.locator('textarea').evaluateAll((els) => els.map((e) => e.value));
  assert.equal(texts.length, 3);
  assert.deepEqual(JSON.parse(texts[0]).taskDefinitions.map((td) => td.family), ['web', 'api']);
  assert.match(texts[1], /aws ecs register-task-definition/);
  assert.match(texts[1], /aws ecs create-service/);
  assert.match(texts[2], /AWS::ECS::TaskDefinition/);
  assert.match(await dialog.locator('[data-testid="export-scenario.json"]').getAttribute('href'), /^data:application\/json/);
  assert.deepEqual(errors, []);
  await context.close();
});
