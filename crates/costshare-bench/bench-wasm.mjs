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
// Best of five 0.7-second rounds after a warm-up, per wall-clock second and per CPU second of
// the process (process.cpuUsage; the machine is shared, so wall-clock rates swing).
function measure(explain) {
  wasm.bench_family_years(200, explain); // warm up
  let best = 0, bestCpu = 0;
  for (let round = 0; round < 5; round++) {
    let lines = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    while (performance.now() - start < 700) lines += wasm.bench_family_years(100, explain);
    const used = process.cpuUsage(cpu);
    best = Math.max(best, lines / ((performance.now() - start) / 1000));
    bestCpu = Math.max(bestCpu, lines / ((used.user + used.system) / 1e6));
  }
  return `${(best / 1e6).toFixed(2)} million claim lines/s, ${(bestCpu / 1e6).toFixed(2)} million per CPU second`;
}
const label = process.argv[3] ? ` ${process.argv[3]}` : '';
console.log(`workload: family of 4, ${perYear} claim lines per year`);
console.log(`wasm${label} (Node ${process.version}), one core: ${measure(false)} (no explanations)`);
console.log(`wasm${label} (Node ${process.version}), one core: ${measure(true)} (with explanations)`);
