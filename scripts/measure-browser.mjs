#!/usr/bin/env node
// Measures the release build in dist/ in real Chromium (Debian's, through playwright-core) and
// prints the figures of README's Measurements table:
//   - the .wasm size, raw and gzip -9;
//   - the time from navigation start to the default scenario drawn (its six placed task chips in
//     the DOM and one animation frame later), median of several fresh page loads;
//   - frames per second while 1,000 task chips animate from the staging area to their instances
//     (rAF callbacks counted while the flight layer marks the picture data-flying), the longest
//     frame in that window, and how long the step took from the click to the first frame.
// Not a test: it prints numbers and never fails on them. Run after `trunk build --release`:
//   node scripts/measure-browser.mjs [--runs 7]
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serve, launch, distDir } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const wasmFile = (await readdir(distDir)).find((f) => f.endsWith('.wasm'));
const wasm = await readFile(join(distDir, wasmFile));
const gzip = gzipSync(wasm, { level: 9 }).length;

/** 30 instances in 3 AZs and a service of 1,000 small tasks: about 33 chips on each instance. */
function bigScenario() {
  return {
    scenarioVersion: 1,
    name: '1,000 tasks',
    seed: 7,
    cluster: 'default',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    containerInstances: ['us-east-1a', 'us-east-1b', 'us-east-1c'].map((az) => ({
      instanceType: 'm5.2xlarge',
      availabilityZone: az,
      count: 10,
    })),
    taskDefinitions: [
      {
        family: 'tiny',
        networkMode: 'bridge',
        requiresCompatibilities: ['EC2'],
        containerDefinitions: [
          { name: 'app', image: 'public.ecr.aws/docker/library/busybox:1.36', cpu: 64, memory: 128, essential: true },
        ],
      },
    ],
    services: [
      {
        serviceName: 'swarm',
        taskDefinition: 'tiny',
        desiredCount: 1000,
        launchType: 'EC2',
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'instanceId' },
        ],
      },
    ],
    runTasks: [],
  };
}

const server = await serve();
const browser = await launch();
try {
  // First draw of the default scenario, fresh context (no autosave) each time.
  const draws = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__drawn = null;
      new MutationObserver(() => {
        if (window.__drawn === null &&
            document.querySelectorAll('[data-testid=task-chip][data-instance]').length >= 6) {
          window.__drawn = 0;
          requestAnimationFrame(() => { window.__drawn = performance.now(); });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__drawn > 0);
    draws.push(await page.evaluate(() => window.__drawn));
    await context.close();
  }

  // 1,000 chips flying from the staging area to their instances.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const saved = JSON.stringify({ format: 1, text: JSON.stringify(bigScenario(), null, 2) });
  await page.addInitScript((value) => localStorage.setItem('ecs-playground.scenario.v1', value), saved);
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-chip][data-instance]').length === 1000, null, { timeout: 60000 });
  // A flight lasts about 24 frames, so one dropped frame moves a sample by 2 fps: take nine.
  const samples = [];
  for (let i = 0; i < 9; i++) {
    samples.push(await page.evaluate(async () => {
      const click = (id) => document.querySelector(`[data-testid=${id}]`).click();
      const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
      click('reset');
      await sleep(1500);
      // The flight layer sets data-flying on the picture while chips fly (flight.rs).
      const canvas = document.querySelector('[data-testid=canvas]');
      let flightStart = 0;
      let flightEnd = 0;
      const observer = new MutationObserver(() => {
        const now = performance.now();
        if (canvas.dataset.flying === 'true' && !flightStart) flightStart = now;
        if (canvas.dataset.flying === 'false' && flightStart && !flightEnd) flightEnd = now;
      });
      observer.observe(canvas, { attributes: true, attributeFilter: ['data-flying'] });
      const frames = [];
      let running = true;
      const tick = (t) => { frames.push(t); if (running) requestAnimationFrame(tick); };
      const clicked = performance.now();
      click('place');
      requestAnimationFrame(tick);
      await sleep(2500);
      running = false;
      observer.disconnect();
      const end = flightEnd || performance.now();
      // The flight is timed from its first frame; the frame that applies the step comes before it
      // and is reported on its own.
      const firstFrame = frames.find((t) => t >= (flightStart || clicked)) ?? end;
      const start = firstFrame;
      const inWindow = frames.filter((t) => t >= start && t <= end);
      let longest = 0;
      for (let k = 1; k < inWindow.length; k++) longest = Math.max(longest, inWindow[k] - inWindow[k - 1]);
      const placed = document.querySelectorAll('[data-testid=task-chip][data-instance]').length;
      return { fps: (inWindow.length - 1) / ((end - start) / 1000), longest, duration: end - start, update: firstFrame - clicked, placed };
    }));
  }
  await context.close();

  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`wasm ${wasmFile}: ${wasm.length} bytes (${kb(wasm.length)} KiB), gzip -9 ${gzip} bytes (${kb(gzip)} KiB)`);
  console.log(`first draw of the default scenario: median ${median(draws).toFixed(0)} ms over ${runs} loads (${draws.map((d) => d.toFixed(0)).join(', ')})`);
  for (const s of samples) {
    console.log(`1,000 chips flying: ${s.fps.toFixed(1)} fps over ${s.duration.toFixed(0)} ms, longest frame ${s.longest.toFixed(0)} ms; the step itself took ${s.update.toFixed(0)} ms before the first frame; ${s.placed} placed`);
  }
  const rates = samples.map((s) => s.fps);
  console.log(`fps median: ${median(rates).toFixed(1)} over ${rates.length} flights (${Math.min(...rates).toFixed(1)} to ${Math.max(...rates).toFixed(1)})`);
} finally {
  await browser.close();
  await server.close();
}
