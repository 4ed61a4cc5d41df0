// Screenshots of the built site for looking at it: node look.mjs [out-dir] [fragment-or-query]
// Takes the full page at 1366 px and 390 px wide after the simulation is done.
import { serveDist, launch } from './harness.js';
import path from 'node:path';
import fs from 'node:fs';

const out = path.resolve(process.argv[2] ?? 'artifacts/look');
const suffix = process.argv[3] ?? '';
fs.mkdirSync(out, { recursive: true });
const server = await serveDist();
const browser = await launch();
for (const [name, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', String(e)));
  await page.goto(server.url + suffix);
  await page.locator('p.done[data-simulations]').waitFor({ timeout: 30000 }).catch(() => console.log('no simulation'));
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(out, `${name}-top.png`) });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  // Tall pages in parts, to look at them at full size.
  for (let y = 0, k = 0; y < height; y += 1800, k++) {
    await page.screenshot({ path: path.join(out, `${name}-part${k}.png`), fullPage: true, clip: { x: 0, y, width: viewport.width, height: Math.min(1800, height - y) } });
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, 'scrollWidth', width, 'height', await page.evaluate(() => document.documentElement.scrollHeight));
  await context.close();
}
await browser.close();
await server.close();
