// Builds share links the way the playground does (`s=1.` + base64url of a zlib stream of the
// compact scenario JSON), so tests can open scenarios without clicking through the UI.
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function shareFragment(scenario, view = {}) {
  const json = typeof scenario === 'string' ? JSON.stringify(JSON.parse(scenario)) : JSON.stringify(scenario);
  const payload = deflateSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64url');
  let fragment = `s=1.${payload}`;
  if (view.step !== undefined) fragment += `&step=${view.step}`;
  if (view.task !== undefined) fragment += `&task=${encodeURIComponent(view.task)}`;
  if (view.panel !== undefined) fragment += `&panel=${encodeURIComponent(view.panel)}`;
  return fragment;
}

export function exampleJson(id) {
  return readFileSync(join(root, 'crates', 'scenario', 'examples', `${id}.json`), 'utf8');
}

/** The scenario text in the editor. */
export async function editorText(page) {
  return page.locator('[data-testid=scenario-editor]').inputValue();
}

/** Fails a test on any console error, uncaught exception or alert. */
export function watch(page, errors) {
  page.on('dialog', async (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
}
