// Where a warm 10,000-year run's wall time goes: loads the built site, lets the first
// simulation finish, changes the level of care three times (the workers are warm), and traces the
// change back to the starting level (what `harness.js` measures as a warm run). Prints, per thread, the trace events of at least 1 ms between the page's
// `costshare-simulation-run` and `costshare-simulation-shown` marks, in milliseconds from the
// run's request. Usage: node warm-trace.mjs [DIST] (default: the repository's dist/).
import { launch, serveDist, dist } from './harness.js';
import path from 'node:path';

const server = await serveDist({}, '', {}, path.resolve(process.argv[2] ?? dist));
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(server.url);
await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
const usage = page.locator('#c0-usage');
const level = await usage.inputValue();
const other = level === 'low' ? 'high' : 'low';
const shown = () => page.evaluate(() => performance.getEntriesByName('costshare-simulation-shown').length);
async function change(to) {
  const before = await shown();
  await usage.selectOption(to);
  await page.waitForFunction((n) => performance.getEntriesByName('costshare-simulation-shown').length > n, before, { timeout: 30000 });
}
await change(other);
await change(level);
await change(other);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,blink.user_timing,toplevel', transferMode: 'ReportEvents' });
await change(level);
await cdp.send('Tracing.end');
await complete;
const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const marks = (name) => events.filter((e) => e.name === name).map((e) => e.ts);
const run = marks('costshare-simulation-run').at(-1);
const end = marks('costshare-simulation-shown').at(-1);
console.log(`warm run: ${((end - run) / 1000).toFixed(1)} ms (trace marks)`);
const rows = events.filter((e) => e.ph === 'X' && e.dur >= 1000 && e.ts + e.dur >= run && e.ts <= end)
  .map((e) => ({ thread: (threads.get(`${e.pid}:${e.tid}`) ?? "") + `#${e.tid}`, name: e.name, start: (e.ts - run) / 1000, dur: e.dur / 1000, args: JSON.stringify(e.args?.data ?? {}).slice(0, 80) }))
  .filter((r) => /CrRendererMain|DedicatedWorker/.test(r.thread))
  .sort((a, b) => a.thread.localeCompare(b.thread) || a.start - b.start);
for (const r of rows) console.log(r.thread.padEnd(28), r.start.toFixed(1).padStart(7), r.dur.toFixed(1).padStart(7), r.name, r.args);
await browser.close();
await server.close();
