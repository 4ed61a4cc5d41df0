import { serveDist, launch } from './harness.js';
const server = await serveDist();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.goto(server.url);
await page.locator('.recommendation').first().waitFor();
await cdp.send('Profiler.start');
await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
const { profile } = await cdp.send('Profiler.stop');
console.log(await page.evaluate(() => { const s = performance.getEntriesByName('costshare-simulation-shown').at(-1); const r = performance.getEntriesByName('costshare-simulation-run').at(-1); return [r.startTime, s.startTime]; }));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map(); profile.nodes.forEach(n => (n.children || []).forEach(c => parent.set(c, n.id)));
const agg = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    let name = byId.get(x).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 110);
    if (seen.has(name)) continue; seen.add(name);
    agg.set(name, (agg.get(name) || 0) + (profile.timeDeltas[i] || 0));
  }
});
[...agg.entries()].filter(([k]) => /costshare|program|idle|garbage|tachys::view::tuples|Layout|Clone/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log((v / 1000).toFixed(1), k));
await browser.close(); await server.close();
