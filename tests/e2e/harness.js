// Shared helpers: a static server for dist/ that records every request, and Debian's Chromium.
// The release build's snapshot of the starting page (web/embed/snapshot.mjs) uses them too.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '../../dist');
export const artifacts = path.resolve(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain',
};

/** Serves dist/ (or another built site, `root`) on 127.0.0.1; `requests` lists every path asked
 * for; `headers` go on every answer (a host's security headers; CORS, for a page on another origin
 * that embeds the guide); a header whose value is a function gets the path and gives the value
 * for that file (a host's caching rules). */
export async function serveDist(extra = {}, prefix = '', headers = {}, root = dist) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built site in ${root}: run ".ci/trunk build --release" first`);
  }
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    const own = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, typeof value === 'function' ? value(url.pathname) : value]));
    for (const [name, value] of Object.entries(own)) res.setHeader(name, value);
    if (extra[url.pathname]) { res.writeHead(200, { 'content-type': 'application/json' }).end(extra[url.pathname]); return; }
    if (prefix && !url.pathname.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    // Like ordinary static hosting: an ETag, and revalidation before reuse.
    const stat = fs.statSync(file);
    const etag = `"${stat.size}-${stat.mtimeMs}"`;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag, ...own }).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', etag, 'cache-control': 'no-cache', ...own });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test that fails before it closes its server must not keep its file running for ever.
  server.unref();
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

/** The live page, not the build's snapshot of the starting page that index.html shows until the
 * page starts (web/embed/snapshot.mjs); and an answer on it. */
export const livePage = '.costshare:not([data-snapshot])';
export const liveAnswer = `${livePage} .recommendation`;

/** Launches Debian's Chromium headless with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function screenshotPath(name) {
  fs.mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, name);
}

/** Serves fixed pages (path → HTML) on 127.0.0.1 with the given headers: a host page. */
export async function servePages(pages, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const body = pages[url.pathname];
    if (body === undefined) { res.writeHead(404).end('not found'); return; }
    const type = { '.json': 'application/json', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript' }[path.extname(url.pathname)] ?? 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, ...headers }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // as serveDist's
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** The command line's comparison (`costshare compare --json`) for a household file, to hold the
 * page's figures against; `name` is the file written under artifacts/. */
export function cliCompare(household, name = 'household-from-page.json') {
  const root = path.resolve(dist, '..');
  const file = path.join(artifacts, name);
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(household));
  const exe = path.join(root, 'target', 'debug', 'costshare');
  const out = fs.existsSync(exe)
    ? execFileSync(exe, ['compare', '--household', file, '--json'], { cwd: root })
    : execFileSync('cargo', ['run', '-q', '-p', 'costshare-cli', '--', 'compare', '--household', file, '--json'], { cwd: root });
  return JSON.parse(out.toString());
}

/** What a static host sends for these paths of a built site, compressed: each file once. */
export function sentBytes(paths, root = dist) {
  let raw = 0; let gzip = 0; let brotli = 0;
  for (const p of paths) {
    const file = path.join(root, p === '/' ? 'index.html' : p);
    if (!fs.existsSync(file)) continue;
    const body = fs.readFileSync(file);
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(body).length;
  }
  return { raw, gzip, brotli };
}

/** One first visit to a served site in a fresh headless Chromium (V8 keeps compiled wasm for the
 * life of a browser, so a second load in one browser is not a first visit). Returns, in ms from
 * navigation start: `firstResults` (a recommendation drawn: the build's snapshot of the starting
 * page, or the live page where there is none; see answerDrawn), `ready` (the live page on view,
 * answering input: the page's `costshare-ready` mark), `simulationDone` (the 10,000-year
 * figures drawn: the build's snapshot, or the live page; see figuresTime); from the page's own marks
 * (web/src/sim.rs), each run's time from its request to its result: `warmUp`, the page's quiet
 * start (a short run whose figures came with the page, sim::WARM_UP_YEARS), `firstRun`, the first
 * 10,000-year run a person asks for (another care level), then `warmRuns` (back to the starting
 * level, then away and back `warm - 1` times more; the workers are warm); and `paths`, the files
 * fetched until the simulation was shown. */
export async function firstVisit(url, warm = 1) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const paths = new Set();
    page.on('requestfinished', (r) => paths.add(new URL(r.url()).pathname));
    await page.addInitScript(answerDrawn);
    await page.goto(url);
    await page.locator(liveAnswer).first().waitFor();
    const { firstResults, ready } = await page.evaluate(answerTimes);
    await page.waitForFunction(() => window.costshareFiguresFrame, null, { timeout: 30000 });
    // When the page drew them, not when this test noticed.
    const simulationDone = await page.evaluate(figuresTime);
    await shownRuns(page, 1);
    const fetched = [...paths];
    const usage = page.locator('#c0-usage');
    const level = await usage.inputValue();
    const runs = [];
    for (let i = 0; i < warm; i++) {
      for (const next of [level === 'low' ? 'high' : 'low', level]) {
        const before = await shownCount(page);
        await usage.selectOption(next);
        await shownRuns(page, before + 1);
      }
      runs.push((await page.evaluate(runTimes)).at(-1));
    }
    const [warmUp, firstRun] = await page.evaluate(runTimes);
    return { firstResults, ready, simulationDone, warmUp, firstRun, warmRuns: runs, paths: fetched };
  } finally {
    await browser.close();
  }
}

/** A first visit in a fresh headless Chromium to a link that opens the site with `household`
 * (a household file object) instead of the starting household, as a shared link or a returning
 * visitor's saved entries do: nothing on the page comes from the build, and the first run is a
 * real one, on workers that start with it. Returns that run's time from its request to its
 * result (ms). */
export async function linkVisit(url, household) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${url}#s=${encodeURIComponent(JSON.stringify(household))}`);
    await shownRuns(page, 1);
    return (await page.evaluate(runTimes))[0];
  } finally {
    await browser.close();
  }
}

/** In the page, from its start (an init script): `window.costshareAnswerFrame`, the time (ms
 * after navigation started) of the first animation frame with an answer in the document, the
 * build's snapshot or the live page (a frame's callbacks run just before it is drawn). */
export function answerDrawn() {
  const firstFrameWith = (selector, name) => new MutationObserver((_, observer) => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window[name] = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
  firstFrameWith('.recommendation', 'costshareAnswerFrame');
  firstFrameWith('p.done[data-simulations]', 'costshareFiguresFrame');
}

/** In the page, once the live page is up (needs answerDrawn): `firstResults`, when an answer was
 * first drawn: the later of its first frame and the browser's first contentful paint (on this
 * site the page has no content before its answer, so that paint is the answer's, unless it came
 * before the answer was in the document); and `ready`, the page's `costshare-ready` mark. (Asking
 * the page for the time when the answer is found would measure its thread, busy starting the
 * app, not what is on screen.) */
export function answerTimes() {
  const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
  return {
    firstResults: Math.max(window.costshareAnswerFrame, paint),
    ready: performance.getEntriesByName('costshare-ready')[0]?.startTime,
  };
}

/** In the page, once the simulated figures are up (needs answerDrawn): when they were first
 * drawn, the build's snapshot (which has the starting household's) or the live page, measured
 * like `firstResults`. */
export function figuresTime() {
  const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
  return Math.max(window.costshareFiguresFrame, paint);
}

/** How many runs' results the page has shown so far (its `costshare-simulation-shown` marks). */
export const shownCount = (page) => page.evaluate(() => performance.getEntriesByName('costshare-simulation-shown').length);

/** In the page: waits until the page has shown `n` runs' results (its `costshare-simulation-shown`
 * marks; the starting household's first run is quiet when its figures came with the page, and
 * still marks its result). */
export const shownRuns = (page, n) => page.waitForFunction((k) => performance.getEntriesByName('costshare-simulation-shown').length >= k, n, { timeout: 30000 });

/** In the site's page (or its frame): a trap in the module, the way every panic ends in the
 * site's build (.ci/site-env aborts at once on a panic). The allocator's entry point given an
 * impossible alignment aborts the same way; it is reached from a timer, as an event handler's
 * call into the module would be. */
export function trapSite() {
  setTimeout(async () => (await window.wasmBindings.default()).__wbindgen_malloc(8, 3));
}

/** In a simulation worker (Playwright's `worker.evaluate`): the same trap in the worker's module,
 * which its loader imported from the glue address in the worker's own address (the site's
 * loader) or written into it (a guide's `blob:` loader; the worker fetched it, so it is among
 * the worker's resource timings). */
export function trapWorker() {
  const glue = new URL(location.href).searchParams.get('glue')
    ?? performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.endsWith('.js'));
  setTimeout(async () => (await (await import(glue)).default()).__wbindgen_malloc(8, 3));
}

/** Serves `public/sim-worker.js` to the workers of `context` so that a worker stops (its module's
 * trap, a `WebAssembly.RuntimeError`, as the loader sees one) on the first message the page sends
 * it, before the module sees it: the real loader with a listener added ahead of the module's.
 * `stops(n)` says whether the n-th worker started (from 0) stops. Resolves to a function that
 * puts the real loader back. */
export async function stoppingWorkers(context, stops) {
  let started = 0;
  const handler = async (route) => {
    if (!stops(started++)) return route.fallback();
    const loader = await (await route.fetch()).text();
    const body = `addEventListener('message', (event) => {
  event.stopImmediatePropagation();
  throw new WebAssembly.RuntimeError('unreachable');
}, { once: true });
${loader}`;
    await route.fulfill({ body, contentType: 'text/javascript', headers: { 'cache-control': 'no-store' } });
  };
  await context.route('**/public/sim-worker.js*', handler);
  return () => context.unroute('**/public/sim-worker.js*', handler);
}

/** In the page: each shown simulation's time from its request (ms). */
function runTimes() {
  const shown = performance.getEntriesByName('costshare-simulation-shown');
  const asked = performance.getEntriesByName('costshare-simulation-run');
  return shown.map((s) => s.startTime - asked.filter((a) => a.startTime <= s.startTime).at(-1).startTime);
}

/** The median of numbers. */
export const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
