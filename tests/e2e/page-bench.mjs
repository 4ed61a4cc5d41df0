// The site's benchmark against issue 12's targets (README "Speed"): ROUNDS first visits
// (default 5) to a built site, each in a fresh headless Chromium on this machine, through
// harness.js firstVisit. Prints the first load's size (every file fetched until the simulation
// was shown, compressed as a static host would), and the medians of: first results, the page
// ready, the first 10,000-year figures on screen (after navigation starts, so that work moved
// ahead of the run's request shows), the page's quiet start (the short run that warms the
// workers), the first 10,000-year run a person asks for and, with the workers warm, the same
// household's run (three per visit); then ROUNDS first visits from a link with another household,
// whose first run is a real one on workers that start cold.
// Run by .ci/bench after `.ci/trunk build --release`; usage: node page-bench.mjs [DIST].
import { serveDist, firstVisit, linkVisit, median, sentBytes, dist } from './harness.js';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? dist);
const server = await serveDist({}, '', {}, root);
const rounds = Number(process.env.ROUNDS || 5);
const visits = [];
for (let i = 0; i < rounds; i++) visits.push(await firstVisit(server.url, 3));
// A shared link's (or a returning visitor's) household: no figures come with the page.
const couple = {
  status: 'active',
  people: [
    { name: 'You', relationship: 'employee', age: 40, usage: 'moderate' },
    { name: 'Sam', relationship: 'spouse', age: 38, usage: 'low' },
  ],
  simulations: 10000,
};
const links = [];
for (let i = 0; i < rounds; i++) links.push(await linkVisit(server.url, couple));
await server.close();
const size = sentBytes(new Set(visits.flatMap((v) => v.paths)), root);
const kb = (b) => Math.round(b / 1024);
const rows = [
  ['first load, gzip', `${kb(size.gzip)} KB (brotli ${kb(size.brotli)} KB, raw ${kb(size.raw)} KB)`, size.gzip <= 250 * 1024, 'at most 250 KB'],
  ['first results (an answer drawn)', `${Math.round(median(visits.map((v) => v.firstResults)))} ms`, median(visits.map((v) => v.firstResults)) <= 400, 'at most 400 ms'],
  ['page ready (the live page, answering input)', `${Math.round(median(visits.map((v) => v.ready)))} ms`, true, 'none'],
  ['the first 10,000-year figures shown, after navigation starts', `${Math.round(median(visits.map((v) => v.simulationDone)))} ms`, true, 'none'],
  ['the quiet start (a short run that warms the workers: sim::WARM_UP_YEARS; the figures came with the page), request to result', `${Math.round(median(visits.map((v) => v.warmUp)))} ms`, true, 'none'],
  ['first 10,000-year run a person asks for, request to result', `${Math.round(median(visits.map((v) => v.firstRun)))} ms`, median(visits.map((v) => v.firstRun)) <= 100, 'at most 100 ms'],
  ['10,000-year run, workers warm', `${Math.round(median(visits.flatMap((v) => v.warmRuns)))} ms`, median(visits.flatMap((v) => v.warmRuns)) <= 100, 'at most 100 ms'],
  ['first 10,000-year run of a page opened from a link (its workers start cold), request to result', `${Math.round(median(links))} ms`, median(links) <= 100, 'at most 100 ms'],
];
console.log(`site (${rounds} first visits, medians; headless Chromium, ${root}):`);
for (const [what, value, met, target] of rows) console.log(`  ${what}: ${value}` + (target === 'none' ? '' : ` [target ${target}: ${met ? 'met' : 'not met'}]`));
console.log('  every visit (first results / ready / figures shown / quiet start / first run / warm runs, ms):', visits.map((v) => [v.firstResults, v.ready, v.simulationDone, v.warmUp, v.firstRun, ...v.warmRuns].map(Math.round).join('/')).join('  '));
console.log('  every visit from a link (first run, ms):', links.map(Math.round).join(' '));
