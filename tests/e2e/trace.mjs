// Where a first visit's time goes: loads the built site once in a fresh headless Chromium with
// tracing on, until the 10,000-year simulation is shown, and prints the time of each kind of
// trace event summed per thread (the page's thread, the workers, V8's compiler threads), for
// example wasm.CompileLazy (compiling wasm functions on first call), wasm.TopTierCompilation
// (the optimizing compiler), Layout and Paint.
// Usage: node trace.mjs [DIST] (default: the repository's dist/). Events nest, so sums overlap.
import { launch, serveDist, dist, liveAnswer } from './harness.js';
import path from 'node:path';

const server = await serveDist({}, '', {}, path.resolve(process.argv[2] ?? dist));
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
await page.goto(server.url);
await page.locator(liveAnswer).first().waitFor();
const first = await page.evaluate(() => performance.now());
await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
const done = await page.evaluate(() => performance.now());
await cdp.send('Tracing.end');
await complete;
console.log(`first results ${Math.round(first)} ms, simulation shown ${Math.round(done)} ms`);
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const sums = new Map();
for (const e of events) {
  const thread = threads.get(`${e.pid}:${e.tid}`);
  if (!thread || e.ph !== 'X' || !e.dur || !/CrRendererMain|DedicatedWorker|ThreadPool/.test(thread)) continue;
  const key = `${thread} :: ${e.name}`;
  sums.set(key, (sums.get(key) ?? 0) + e.dur / 1000);
}
for (const [key, ms] of [...sums].filter(([, ms]) => ms >= 10).sort((a, b) => b[1] - a[1])) console.log(ms.toFixed(0).padStart(6), 'ms', key);
await browser.close();
await server.close();
