// Compares two builds of the site: first results and "simulation done" (ms after navigation
// starts), each build loaded alternately ROUNDS times (default 5) in one headless Chromium,
// medians printed. The same build against itself differs by up to about 130 ms in 5 rounds.
// Usage: node ab.mjs DIST_A DIST_B (for example a copy of an older dist/ and the current one).
import { launch } from './harness.js';
import http from 'node:http'; import fs from 'node:fs'; import path from 'node:path';
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x'); let f = path.join(dir, decodeURIComponent(u.pathname)); if (f.endsWith('/')) f += 'index.html';
    if (!fs.existsSync(f)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' }).end(fs.readFileSync(f));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${server.address().port}/`, server })));
}
const builds = process.argv.slice(2);
const servers = await Promise.all(builds.map(serve));
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
await browser.close(); servers.forEach((s) => s.server.close());
