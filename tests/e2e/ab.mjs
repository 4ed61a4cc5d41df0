// Compares builds of the site, each loaded alternately ROUNDS times (default 5), every load in a
// fresh headless Chromium: V8 keeps compiled wasm modules for the life of the browser and shares
// them between pages with the same bytes, so a second load in the same browser is not a first
// visit. Per load: first results and "simulation done" (ms after navigation starts), the first
// run (its request to its result, workers starting), and the same household again once the
// workers are warm (another care level, then back). Medians printed, then every load.
// Usage: node ab.mjs DIST_A [DIST_B ...] (for example a copy of an older dist/ and the current one).
import { launch, serveDist } from './harness.js';
import path from 'node:path';

const builds = process.argv.slice(2);
const servers = await Promise.all(builds.map((b) => serveDist({}, '', {}, path.resolve(b))));
const rows = builds.map(() => []);
const rounds = Number(process.env.ROUNDS || 5);
const runTimes = () => {
  const shown = performance.getEntriesByName('costshare-simulation-shown');
  const asked = performance.getEntriesByName('costshare-simulation-run');
  return shown.map((s) => s.startTime - asked.filter((a) => a.startTime <= s.startTime).at(-1).startTime);
};
for (let round = 0; round < rounds; round++) for (let b = 0; b < builds.length; b++) {
  const browser = await launch();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(servers[b].url);
  await page.locator('.recommendation').first().waitFor();
  const first = await page.evaluate(() => performance.now());
  await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
  const done = await page.evaluate(() => performance.now());
  const usage = page.locator('#c0-usage');
  const level = await usage.inputValue();
  for (const next of [level === 'low' ? 'high' : 'low', level]) {
    const before = await page.evaluate(() => performance.getEntriesByName('costshare-simulation-shown').length);
    await usage.selectOption(next);
    await page.waitForFunction((n) => performance.getEntriesByName('costshare-simulation-shown').length > n, before, { timeout: 30000 });
  }
  const runs = await page.evaluate(runTimes);
  rows[b].push([first, done, runs[0], runs.at(-1)].map(Math.round));
  await browser.close();
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const names = ['first results', 'simulation done', 'first run', 'warm run'];
builds.forEach((b, i) => {
  console.log(b, names.map((n, c) => `${n} ${med(rows[i].map((r) => r[c]))}`).join(' | '), '(medians, ms)');
  console.log('  every load (first results/done/first run/warm run):', rows[i].map((r) => r.join('/')).join(' '));
});
await Promise.all(servers.map((s) => s.close()));
