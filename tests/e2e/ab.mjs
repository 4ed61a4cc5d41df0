// Compares two builds of the site: first results and "simulation done" (ms after navigation
// starts), each build loaded alternately ROUNDS times (default 5) in one headless Chromium,
// medians printed. The same build against itself differs by up to about 130 ms in 5 rounds.
// Usage: node ab.mjs DIST_A DIST_B (for example a copy of an older dist/ and the current one).
import { launch, serveDist } from './harness.js';
import path from 'node:path';

const builds = process.argv.slice(2);
const servers = await Promise.all(builds.map((b) => serveDist({}, '', {}, path.resolve(b))));
const browser = await launch();
const res = builds.map(() => ({ first: [], done: [] }));
const rounds = Number(process.env.ROUNDS || 5);
for (let round = 0; round < rounds; round++) for (let b = 0; b < builds.length; b++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(servers[b].url);
  await page.locator('.recommendation').first().waitFor();
  res[b].first.push(Math.round(await page.evaluate(() => performance.now())));
  await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
  res[b].done.push(Math.round(await page.evaluate(() => performance.now())));
  await context.close();
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
builds.forEach((b, i) => console.log(b, 'first results', res[i].first.join(' '), 'median', med(res[i].first), '| simulation done', res[i].done.join(' '), 'median', med(res[i].done)));
await browser.close(); await Promise.all(servers.map((s) => s.close()));
