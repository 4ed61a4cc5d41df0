// Compares builds of the site, each loaded alternately ROUNDS times (default 5), every load a
// first visit in a fresh headless Chromium (harness.js firstVisit). Per load: first results, the
// live page ready and "simulation done" (the 10,000-year figures drawn; ms after navigation
// starts), the quiet start (the run that warms the workers; request to result), the first run a
// person asks for, and the starting household again once the workers are warm. Medians printed, then every load.
// Usage: node ab.mjs DIST_A [DIST_B ...] (for example a copy of an older dist/ and the current one).
import { serveDist, firstVisit, median } from './harness.js';
import path from 'node:path';

const builds = process.argv.slice(2);
const servers = await Promise.all(builds.map((b) => serveDist({}, '', {}, path.resolve(b))));
const rows = builds.map(() => []);
const rounds = Number(process.env.ROUNDS || 5);
for (let round = 0; round < rounds; round++) for (let b = 0; b < builds.length; b++) {
  const v = await firstVisit(servers[b].url);
  rows[b].push([v.firstResults, v.ready, v.simulationDone, v.warmUp, v.firstRun, v.warmRuns[0]].map(Math.round));
}
const names = ['first results', 'ready', 'simulation done', 'quiet start', 'first run', 'warm run'];
builds.forEach((b, i) => {
  console.log(b, names.map((n, c) => `${n} ${median(rows[i].map((r) => r[c]))}`).join(' | '), '(medians, ms)');
  console.log('  every load (first results/ready/done/quiet start/first run/warm run):', rows[i].map((r) => r.join('/')).join(' '));
});
await Promise.all(servers.map((s) => s.close()));
