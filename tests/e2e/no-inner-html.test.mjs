// User data reaches the page only as text nodes and attribute values set by Leptos. Any API that
// parses a string as HTML would let a shared link run script, so the web crate may use none of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const forbidden = [
  /\binner_html\b/,
  /\bset_inner_html\b/,
  /\bouter_html\b/,
  /\binsert_adjacent_html\b/,
  /\bdocument\.write\b/,
  /\bcreate_contextual_fragment\b/,
  /\bDomParser\b/,
  /\beval\s*\(/,
];

async function sources(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await sources(path)));
    else if (/\.(rs|js|mjs|html)$/.test(e.name)) files.push(path);
  }
  return files;
}

test('the web crate never parses user text as HTML', async () => {
  const files = [...(await sources(join(root, 'web', 'src'))), join(root, 'index.html')];
  assert.ok(files.length > 3, 'the web sources were found');
  const hits = [];
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const pattern of forbidden) {
        if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(hits, []);
});
