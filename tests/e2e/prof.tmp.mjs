// usage: node prof-chromium.mjs DIR  (DIR has costshare_bench.js + wasm with names)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './harness.js';
const dir = path.resolve(process.argv[2]);
const page = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">
import init, { bench_compare_visitor } from './costshare_bench.js';
await init();
bench_compare_visitor(2000);
window.ready = true;
window.go = () => { let best=Infinity; for (let i = 0; i < 6; i++) { const t=performance.now(); bench_compare_visitor(10000); best=Math.min(best,performance.now()-t);} return best; };
</script>`;
const server = http.createServer((req, res) => {
  const name = req.url === '/' ? null : path.join(dir, path.basename(req.url));
  if (!name) { res.writeHead(200, { 'content-type': 'text/html' }).end(page); return; }
  if (!fs.existsSync(name)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }); fs.createReadStream(name).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch();
const tab = await browser.newPage();
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
await tab.waitForFunction(() => window.ready, null, { timeout: 120000 });
const cdp = await tab.context().newCDPSession(tab);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const best = await tab.evaluate(() => window.go());
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
let total = 0;
for (const [id, us] of counts) { const n = byId.get(id); const k = n.callFrame.functionName || n.callFrame.url || '(anon)'; self.set(k, (self.get(k) ?? 0) + us); total += us; }
console.log('best visitor', best.toFixed(1), 'ms; profile total', (total / 1000).toFixed(0), 'ms');
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * us / total).toFixed(1).padStart(5), '%', k.slice(0, 140));
await browser.close(); server.close();
