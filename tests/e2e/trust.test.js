// Issue 10, items 6 and 7: the built site served with the HTTP headers the README asks a host to
// send (a strict Content-Security-Policy without 'unsafe-inline'), and employer catalogs only
// from the site's own origin or origins the host allows in public/costshare.config.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, screenshotPath, dist, liveAnswer } from './harness.js';

/** The headers of README "Serving the site", with `connect-src` widened by `origins`. */
function hostHeaders(origins = []) {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...origins].join(' ')}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    // Not in the README's policy: lets the test see violations the page cannot (the worker's).
    'report-uri /csp-report',
  ].join('; ');
  return { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': caching };
}

/** README "Serving the site": files whose names carry their content's hash never change, so they
 * are kept for a year; the page and `public/` are checked each time. */
const hashed = (p) => /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(p);
const caching = (p) => (hashed(p) ? 'public, max-age=31536000, immutable' : 'no-cache');

const employerCatalog = () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(dist, 'public', 'catalog.json'), 'utf8'));
  catalog.name = 'Acme Employer Plans 2010';
  return JSON.stringify(catalog);
};

let browser;
let other; // another origin that publishes a catalog and allows any origin to read it (CORS)
before(async () => {
  browser = await launch();
  other = await serveDist({ '/plans/catalog.json': employerCatalog() }, '', { 'access-control-allow-origin': '*' });
});
after(async () => { await browser?.close(); await other?.close(); });

const otherOrigin = () => new URL(other.url).origin;
const simulated = (page) => page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });

/** Opens `url`, recording CSP violations (event and console) and page errors. */
async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) errors.push(m.text()); });
  await page.goto(url);
  // In the document: while an employer's catalog loads the answer is there but not on view.
  await page.locator(liveAnswer).first().waitFor({ state: 'attached' });
  const violations = () => page.evaluate(() => window.__violations);
  return { page, context, errors, violations };
}

test('served with a strict Content-Security-Policy, a whole journey works with no violation', async () => {
  const site = await serveDist({}, '', hostHeaders());
  const { page, context, errors, violations } = await open(site.url);
  // The page has no inline script or style to allow. (The starting household's simulation is a
  // data block, a `<script>` of a type that is not JavaScript: it never runs.)
  const inline = await page.locator('script:not([src])').evaluateAll((scripts) => scripts.map((s) => s.type));
  assert.deepEqual(inline, ['application/octet-stream']);
  assert.equal(await page.locator('style, [style]').count(), 0);
  await page.getByRole('button', { name: 'Add a spouse' }).click();
  await page.locator('#p1-age').fill('36');
  await page.locator('label:has(#c1-event-having_a_baby)').click();
  await page.locator('#premium-shbp-2010-oap').fill('210.50');
  await page.locator('#premium-shbp-2010-oap').press('Tab');
  await page.locator('#goal').selectOption('lowest_worst_case');
  // The worker's simulation completes (its wasm runs under the same policy), and the charts
  // and "why this number" render without inline styles.
  await simulated(page);
  // Open every disclosure, so that all the detail renders.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.ok(await page.locator('[data-option="shbp-2010-hra"]').count() >= 1);
  // Disclosures build their content when they open (after the toggle event): wait for it.
  await page.locator('.chart svg').first().waitFor();
  assert.ok(await page.locator('.chart svg').count() >= 1);
  await page.locator('#why-plan').selectOption('shbp-2010-oap');
  assert.match(await page.locator('.why').innerText(), /Having a baby/);
  assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes after rendering');
  await page.waitForTimeout(300); // let any report arrive
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  assert.ok(!site.requests.includes('/csp-report'), `CSP reports: ${site.requests.join(' ')}`);
  // With those caching rules the workers load the page's module from the browser's cache: its
  // glue and wasm are asked of the server once, by the page (with the test harness's "no-cache",
  // each worker asks again).
  const asked = site.requests.filter(hashed);
  assert.equal(asked.filter((p) => p.endsWith('_bg.wasm')).length, 1, asked.join(' '));
  assert.equal(asked.filter((p) => p.endsWith('.js')).length, 1, asked.join(' '));
  // The headers the README lists really arrive with the page.
  const response = await page.request.get(site.url);
  assert.match(response.headers()['content-security-policy'], /frame-ancestors 'self'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');
  assert.equal(response.headers()['cache-control'], 'no-cache');
  await context.close();
  await site.close();
});

test('a catalog link to another origin is refused with a message naming it', async () => {
  for (const [config, extraMessage] of [
    [undefined, null],
    ['{"catalogOrigins": ["https://benefits.example.com"]}', null],
    ['{"catalogOrigins": ', /The host's settings could not be used \(public\/costshare\.config\.json: .*not valid JSON/],
  ]) {
    const extra = config === undefined ? {} : { '/public/costshare.config.json': config };
    const site = await serveDist(extra, '', hostHeaders());
    const address = `${otherOrigin()}/plans/catalog.json`;
    const before = other.requests.length;
    const { page, context, errors, violations } = await open(`${site.url}?catalog=${encodeURIComponent(address)}`);
    const alert = page.locator('section.error[role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, new RegExp(`it is on ${otherOrigin().replace(/[.]/g, '\\.')}, which is neither this site \\(${new URL(site.url).origin.replace(/[.]/g, '\\.')}\\)`), text);
    assert.match(text, /list it in public\/costshare\.config\.json/);
    if (extraMessage) assert.match(text, extraMessage);
    // Nothing was fetched from the other origin, and the built-in catalog is used.
    assert.equal(other.requests.length, before, other.requests.slice(before).join(' '));
    assert.equal(await page.locator('.catalog-source').count(), 0);
    assert.ok(await page.locator('.plan-card[data-option="shbp-2010-oap"]').count() > 0);
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    if (config === undefined) await page.screenshot({ path: screenshotPath('catalog-refused-desktop.png'), fullPage: false });
    await context.close();
    await site.close();
  }
});

test('a catalog from an origin the host allows loads, and its name and origin are shown', async () => {
  const origin = otherOrigin();
  const site = await serveDist(
    { '/public/costshare.config.json': JSON.stringify({ catalogOrigins: [origin] }) }, '', hostHeaders([origin]));
  const { page, context, errors, violations } = await open(`${site.url}?catalog=${encodeURIComponent(`${origin}/plans/catalog.json`)}`);
  const banner = page.locator('section.catalog-source');
  await banner.waitFor();
  assert.equal(await banner.locator('.catalog-name').innerText(), 'Acme Employer Plans 2010');
  assert.equal(await banner.locator('.catalog-origin').innerText(), origin);
  assert.match(await banner.innerText(), /a site this site's host allows/);
  assert.ok(other.requests.includes('/plans/catalog.json'));
  await simulated(page);
  assert.match(await page.locator('footer.site').innerText(), new RegExp(`Plans from the catalog at ${origin.replace(/[.]/g, '\\.')}/plans/catalog\\.json`));
  assert.equal(await page.locator('section.error').count(), 0);
  await page.screenshot({ path: screenshotPath('catalog-allowed-desktop.png'), fullPage: false });
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await context.close();

  // The site's own catalogs need no setting, and are named too.
  const own = await open(`${site.url}?catalog=${encodeURIComponent('public/catalog.json')}`);
  await own.page.locator('section.catalog-source').waitFor();
  assert.equal(await own.page.locator('.catalog-origin').innerText(), new URL(site.url).origin);
  assert.match(await own.page.locator('section.catalog-source').innerText(), /\(this site\)/);
  await own.context.close();
  await site.close();
});

test('an allowed origin that does not send CORS headers: the message says which header to send', async () => {
  // The same catalog on a third origin, listed by the host, but served without
  // Access-Control-Allow-Origin: the browser reports only a network error.
  const bare = await serveDist({ '/plans/catalog.json': employerCatalog() });
  const origin = new URL(bare.url).origin;
  const site = await serveDist(
    { '/public/costshare.config.json': JSON.stringify({ catalogOrigins: [origin] }) }, '', hostHeaders([origin]));
  const { page, context } = await open(`${site.url}?catalog=${encodeURIComponent(`${origin}/plans/catalog.json`)}`);
  const alert = page.locator('section.error[role=alert]');
  await alert.waitFor();
  const siteOrigin = new URL(site.url).origin;
  assert.ok((await alert.innerText()).includes(`could not be loaded (TypeError: Failed to fetch). A catalog on another site must be served with the header "Access-Control-Allow-Origin: ${siteOrigin}" (or "*"), and this site's Content-Security-Policy (connect-src) must list ${origin}; a catalog address may not redirect`), await alert.innerText());
  await context.close();
  await site.close();
  await bare.close();
});

test('a catalog that never finishes, or says it is over 5 MB, is given up with a message, and no answer from other plans shows meanwhile', async () => {
  // Same-origin routes: one sends its headers and "{" and then nothing; one says it is 300 MB.
  const http = await import('node:http');
  const site = await serveDist({}, '', hostHeaders());
  const stalls = [];
  const routes = http.createServer((req, res) => {
    if (req.url.startsWith('/hang')) { res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }); res.write('{'); stalls.push(res); return; }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024), 'access-control-allow-origin': '*' });
    res.write('{');
    stalls.push(res);
  });
  await new Promise((r) => routes.listen(0, '127.0.0.1', r));
  routes.unref();
  // The site's own origin serves them, through a tiny proxy route of the test server.
  const origin = `http://127.0.0.1:${routes.address().port}`;
  const allowed = await serveDist({ '/public/costshare.config.json': JSON.stringify({ catalogOrigins: [origin] }) }, '', hostHeaders([origin]));
  const { page, context } = await open(`${allowed.url}?catalog=${encodeURIComponent(`${origin}/hang.json`)}`);
  await page.getByText("Loading your employer's plan catalog…").waitFor();
  // Meanwhile no pick from the built-in plans is on view.
  assert.equal(await page.locator('.results').isVisible(), false);
  const alert = page.locator('section.error[role=alert]');
  await alert.waitFor({ timeout: 40000 });
  assert.match(await alert.innerText(), /the catalog at .*\/hang\.json did not arrive within 30 seconds/);
  await page.locator('.results .recommendation').first().waitFor();
  await context.close();
  const big = await open(`${allowed.url}?catalog=${encodeURIComponent(`${origin}/big.json`)}`);
  const bigAlert = big.page.locator('section.error[role=alert]');
  await bigAlert.waitFor();
  assert.match(await bigAlert.innerText(), /the catalog at .*\/big\.json is larger than 5 MB/);
  await big.context.close();
  for (const r of stalls) r.destroy();
  routes.close();
  await allowed.close();
  await site.close();
});

test('tricky catalog addresses are refused before anything is fetched', async () => {
  const site = await serveDist({}, '', hostHeaders());
  const host = new URL(site.url).host;
  for (const [address, message] of [
    [`http://${host}@${new URL(other.url).host}/plans/catalog.json`, /user name or password/],
    ['data:application/json,{}', /only http and https addresses are allowed/],
    [`${otherOrigin()}\\@${host}/plans/catalog.json`, /was not loaded|backslash/],
  ]) {
    const before = other.requests.length;
    const { page, context, errors } = await open(`${site.url}?catalog=${encodeURIComponent(address)}`);
    const alert = page.locator('section.error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), message, address);
    assert.equal(other.requests.length, before, address);
    assert.deepEqual(errors, []);
    await context.close();
  }
  await site.close();
});

test('a 98 KB link is refused at once, with a message, and the page keeps working', async () => {
  const site = await serveDist({}, '', hostHeaders());
  const people = [{ name: 'You', relationship: 'employee', age: 40 }];
  for (let i = 1; i < 1000; i++) people.push({ name: `Child ${i}`, relationship: 'child', age: 5, usage: 'low' });
  const fragment = `s=${encodeURIComponent(JSON.stringify({ people }))}`;
  assert.ok(fragment.length > 64 * 1024, `${fragment.length}`);
  const started = Date.now();
  const { page, context, errors } = await open(`${site.url}#${fragment}`);
  assert.ok(Date.now() - started < 5000, `results after ${Date.now() - started} ms`);
  assert.match(await page.locator('p.notice').first().innerText(), /^This link's entries could not be used, so the page starts from the example household instead\. The link is [\d,]+ characters long; costshare reads links of up to 65,536 characters\.$/);
  assert.equal(await page.locator('fieldset.person').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
  await site.close();
});
