// WebAssembly benchmark in headless Chromium: the full comparison (10,000 simulated family years
// for every built-in option), timed with performance.now() inside the page.
// Run through .ci/bench, which builds the module with wasm-bindgen --target web first; an
// optional second argument labels the build (e.g. "opt-level 3").
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from '../../tests/e2e/harness.js';

const dir = path.resolve(process.argv[2]);
const label = process.argv[3] ? ` ${process.argv[3]}` : '';
const page = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">
import init, { bench_compare, bench_compare_visitor, bench_family_years, claims_per_year } from './costshare_bench.js';
await init();
bench_compare(1000);
let best = Infinity, options = 0;
for (let i = 0; i < 3; i++) { const t = performance.now(); options = bench_compare(10000); best = Math.min(best, performance.now() - t); }
bench_compare_visitor(1000);
let visitor = Infinity;
for (let i = 0; i < 3; i++) { const t = performance.now(); bench_compare_visitor(10000); visitor = Math.min(visitor, performance.now() - t); }
bench_family_years(200, false);
let rate = 0;
for (let round = 0; round < 5; round++) {
  let lines = 0; const t = performance.now();
  while (performance.now() - t < 700) lines += bench_family_years(100, false);
  rate = Math.max(rate, lines / ((performance.now() - t) / 1000));
}
window.result = { best, visitor, options, rate, perYear: claims_per_year() };
</script>`;
const server = http.createServer((req, res) => {
  const name = req.url === '/' ? null : path.join(dir, path.basename(req.url));
  if (!name) { res.writeHead(200, { 'content-type': 'text/html' }).end(page); return; }
  if (!fs.existsSync(name)) { res.writeHead(404).end(); return; }
  const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  res.writeHead(200, { 'content-type': type }); fs.createReadStream(name).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launch();
const tab = await browser.newPage();
tab.on('pageerror', (e) => { console.error(String(e)); process.exitCode = 1; });
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
const result = await tab.waitForFunction(() => window.result, null, { timeout: 120000 }).then((h) => h.jsonValue());
console.log(`wasm${label} (headless Chromium), one core: ${(result.rate / 1e6).toFixed(2)} million claim lines/s, best of five 0.7 s rounds (no explanations)`);
console.log(`wasm${label} (headless Chromium), one core: full comparison, 10,000 simulated family years for ${result.options} options: ${Math.round(result.best)} ms (target: under 300 ms)`);
console.log(`wasm${label} (headless Chromium), one core: full comparison, 10,000 simulated years of the site's starting household (one employee, 40, moderate care) for ${result.options} options: ${Math.round(result.visitor)} ms`);
await browser.close();
server.close();
