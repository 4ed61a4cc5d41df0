// Writes a snapshot of the starting page into index.html, so a first visit sees the starting
// household's answer as soon as the HTML and CSS arrive, before the wasm module has loaded and
// started (issue 12: first recommendation visible within 400 ms). Run by finish-build.sh in the
// staging folder of a release build, after minify-glue.mjs.
//
// The snapshot is the page itself: this script serves the staging folder on loopback, opens it
// in headless Chromium (with the tests' harness), lets it simulate the starting household and
// writes that simulation into index.html (the page then shows it at once instead of running it
// first: costshare_web::sim::starting_report), then opens it again and copies the app's DOM at
// the moment it first shows a recommendation (snapshot-copy.js), simulated figures included.
// In index.html it is marked `data-snapshot`, `inert` and `aria-busy`: nothing in it can be
// focused or typed into.
// The page removes it in the same task that mounts the live app (web/src/main.rs), and
// public/snapshot-guard.js hides it on visits that start elsewhere (a link's entries, saved
// entries, a catalog address, the embed frame). A debug build, or a checkout without
// tests/e2e's npm packages or Chromium, has no snapshot: the page then appears when it starts.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyStartingPage } from './snapshot-copy.js';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('snapshot.mjs: run by trunk (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

// The end-to-end tests' static server and Chromium (tests/e2e/harness.js), so the page is
// served and opened exactly as the tests do.
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
let harness;
try {
  harness = await import(pathToFileURL(path.join(source, 'tests/e2e/harness.js')).href);
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.warn('snapshot.mjs: playwright-core is not installed (run .ci/setup); no snapshot of the starting page');
  process.exit(0);
}
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.warn(`snapshot.mjs: no Chromium at ${chromiumPath} (run .ci/setup); no snapshot of the starting page`);
  process.exit(0);
}

const html = path.join(dir, 'index.html');
const original = fs.readFileSync(html, 'utf8');
if (!original.includes('<body></body>')) throw new Error('snapshot.mjs: index.html has no empty <body></body> to put the snapshot in');

const server = await harness.serveDist({}, '', {}, path.resolve(dir));
const browser = await harness.launch();
/** Opens the staged site in a fresh page, runs `work` on it, and fails if the page did. */
async function onPage(work) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  const result = await work(page);
  if (problems.length) throw new Error(`snapshot.mjs: the page failed while starting: ${problems.join('; ')}`);
  await page.context().close();
  return result;
}
let snapshot, data;
try {
  // 1. The starting household's 10,000-year simulation, as the page's workers finish it
  // (costshare_web::sim::costshare_starting_payload), so the page shows it from the start.
  const payload = await onPage(async (page) => {
    await page.goto(server.url);
    await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 60000 });
    return page.evaluate(() => window.wasmBindings.costshare_starting_payload());
  });
  if (typeof payload !== 'string' || !/^([0-9a-f]{2})+$/.test(payload)) throw new Error('snapshot.mjs: the page gave no simulation of the starting household');
  // A data block, never run (so the page's Content-Security-Policy is not concerned), at the
  // end of the body so that the snapshot's HTML arrives first.
  data = `<script type="application/octet-stream" id="costshare-starting-report">${payload}</script>`;
  fs.writeFileSync(html, original.replace('<body></body>', () => `<body>${data}</body>`));
  // 2. The page as it first shows a recommendation, with that simulation on it.
  snapshot = await onPage(async (page) => {
    await page.addInitScript(copyStartingPage);
    await page.goto(server.url);
    await page.waitForFunction(() => window.costshareSnapshot, null, { timeout: 60000 });
    return page.evaluate(() => window.costshareSnapshot);
  });
  if (!snapshot.includes('data-simulations="10000"')) throw new Error('snapshot.mjs: the starting page did not show the simulation written for it');
} finally {
  await browser.close();
  await server.close();
}

// Without JavaScript the page never starts: say so above the snapshot.
const noscript = '<noscript><p class="boot-failed" role="alert">costshare needs JavaScript to work out '
  + 'what each plan costs you. Nothing can be changed here; the figures below are for the example '
  + 'starting household.</p></noscript>';
fs.writeFileSync(html, original.replace('<body></body>', () => `<body>${noscript}${snapshot}${data}</body>`));
console.log(`snapshot.mjs: the starting page (${snapshot.length} bytes) and its simulation (${data.length} bytes) are in index.html`);
