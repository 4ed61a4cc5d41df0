// The web build in headless Chromium: the installed package served with a strict
// Content-Security-Policy (no unsafe-eval, no unsafe-inline), its wasm from a path of our choosing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../e2e/harness.js';
import { here, installScratch, read } from './helpers.js';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'";
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

let server; let base; let pkg; const requests = [];

before(async () => {
  pkg = path.join(installScratch('browser'), 'node_modules/costshare');
  const files = {
    '/data/oap.json': read('crates/costshare-catalog/plans/shbp-2010-oap.json'),
    '/data/claims.json': read('tests/claims/family-year.json'),
    '/data/household.json': read('tests/households/family-with-baby.json'),
  };
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost').pathname;
    requests.push(url);
    const headers = (file) => ({ 'content-type': types[path.extname(file)] ?? 'text/plain', 'content-security-policy': CSP });
    if (files[url]) { res.writeHead(200, headers(url)).end(files[url]); return; }
    let file;
    if (url === '/') file = path.join(here, 'page/index.html');
    else if (url === '/cdn/engine.wasm') file = path.join(pkg, 'web/costshare_wasm_bg.wasm');
    else if (url.startsWith('/page/')) file = path.join(here, url);
    else if (url.startsWith('/pkg/')) file = path.join(pkg, url.slice(5));
    const inside = file && [pkg, here].some((dir) => path.normalize(file).startsWith(dir + path.sep));
    if (!inside || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, headers(file)).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

test('the web build works in Chromium under a strict CSP', async () => {
  const browser = await launch();
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/404|Not Found/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 })
      .catch((e) => { throw new Error(`${e.message}\nrequests: ${requests.join(' ')}\n${problems.join('\n')}`); });
    const r = await page.evaluate(() => window.__results);
    assert.equal(r.failure, undefined, r.failure);
    assert.equal(r.beforeInit.code, 'NOT_INITIALIZED');
    assert.deepEqual(r.failedInit, { name: 'CostshareError', code: 'INIT_FAILED', guard: true });
    assert.ok(requests.includes('/missing.wasm') && requests.includes('/cdn/engine.wasm'));
    assert.ok(!requests.includes('/pkg/web/costshare_wasm_bg.wasm') || requests.indexOf('/pkg/web/costshare_wasm_bg.wasm') > requests.indexOf('/cdn/engine.wasm'),
      'the page loaded the wasm from the path it was given');
    assert.equal(requests.filter((u) => u === '/cdn/engine.wasm').length, 1, 'two concurrent init() calls load once');
    assert.equal(r.version[1], 2);
    assert.equal(r.validPlan.ok, true);
    assert.deepEqual([r.badPlan.ok, r.badPlan.problems[0].path], [false, 'schema_version']);
    assert.deepEqual(r.weird, [false, false, false, false, false]);
    assert.equal(r.estimate.claims[0].copay, '35.00');
    assert.deepEqual(r.unknownTier, { ...r.unknownTier, name: 'CostshareError', code: 'UNKNOWN_TIER', path: 'tier', isError: true, guard: true });
    assert.equal(r.badAmount.code, 'INVALID_INPUT');
    assert.equal(r.badAmount.path, 'claims[0].allowed');
    assert.deepEqual(r.compare.last, [1000, 1000]);
    assert.equal(r.worker.memberPaid, r.estimate.totals.member_paid);

    // The same numbers as the Node build.
    const node = await import(pathToFileURL(path.join(pkg, 'node.js')));
    const claimsFile = JSON.parse(read('tests/claims/family-year.json'));
    const plan = JSON.parse(read('crates/costshare-catalog/plans/shbp-2010-oap.json'));
    const fromNode = node.estimate({ plan, tier: 'family', members: claimsFile.members, claims: claimsFile.claims, explain: true });
    assert.deepEqual(r.estimate, JSON.parse(JSON.stringify(fromNode)));
    // A fetch Response (as a promise) and plain bytes work as the wasm source too.
    for (const source of ['response', 'bytes']) {
      await page.goto(`${base}/?source=${source}`);
      await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 });
      assert.deepEqual(await page.evaluate(() => window.__results), { source, memberPaid: r.estimate.totals.member_paid });
    }
    // costshare/engine in the browser: its own wasm, the same numbers, no compare.
    await page.goto(`${base}/?source=engine`);
    await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 });
    assert.deepEqual(await page.evaluate(() => window.__results),
      { source: 'engine', memberPaid: r.estimate.totals.member_paid, compare: 'undefined', valid: true });
    assert.ok(requests.includes('/pkg/engine/web/costshare_wasm_bg.wasm'), 'costshare/engine loads its own wasm');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
