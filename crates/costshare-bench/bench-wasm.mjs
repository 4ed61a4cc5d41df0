// WebAssembly benchmark under Node: claim lines adjudicated per second on one core.
// Run through .ci/bench, which builds the module first.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const dir = process.argv[2];
const wasm = require(`${dir}/costshare_bench.js`);

const perYear = wasm.claims_per_year();
if (perYear === 0) {
  console.error('costshare-bench: the built-in plan is missing from the wasm build');
  process.exit(1);
}
function measure(explain) {
  wasm.bench_family_years(200, explain); // warm up
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let lines = 0;
    const start = performance.now();
    while (performance.now() - start < 700) lines += wasm.bench_family_years(100, explain);
    best = Math.max(best, lines / ((performance.now() - start) / 1000));
  }
  return best;
}
console.log(`workload: family of 4, ${perYear} claim lines per year`);
console.log(`wasm (Node ${process.version}), one core: ${(measure(false) / 1e6).toFixed(2)} million claim lines/s (no explanations)`);
console.log(`wasm (Node ${process.version}), one core: ${(measure(true) / 1e6).toFixed(2)} million claim lines/s (with explanations)`);
