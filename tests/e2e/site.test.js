// The built site, driven in headless Chromium the way a new user would use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serveDist, launch, screenshotPath } from './harness.js';

const require = createRequire(import.meta.url);
let server, browser;

before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const external = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.locator('#results tbody tr').first().waitFor();
  return { page, context, external, errors };
}

async function setCounts(page, counts) {
  for (const input of await page.locator('input[id^="count-"]').all()) {
    const id = (await input.getAttribute('id')).slice('count-'.length);
    await input.fill(String(counts[id] ?? 0));
  }
}

function rowText(page, planId, cls) {
  return page.locator(`#results tr[data-plan="${planId}"] td.${cls}`).innerText();
}

test('a new user sees every medical plan priced by the engine', async () => {
  const { page, context, external, errors } = await openPage();
  assert.equal(await page.locator('#results tbody tr').count(), 3);
  await page.screenshot({ path: screenshotPath('home-desktop.png'), fullPage: true });

  // One specialist visit ($250) and one MRI ($1,200) under the Open Access Plus plan:
  // $35 copay (p.30) + $600 deductible + 20% of the other $600 (p.29, p.34) = $755.
  await setCounts(page, { specialist: 1, mri: 1 });
  await page.waitForFunction(() => document.querySelectorAll('details.why[data-plan] tbody tr').length === 6);
  assert.equal(await rowText(page, 'shbp-2010-oap', 'care-cost'), '$755.00');

  // The reasons are there, in plain words.
  const why = page.locator('details.why[data-plan="shbp-2010-oap"]');
  await why.locator('summary').click();
  const text = await why.innerText();
  assert.match(text, /\$600\.00 goes to your deductible, which is now met/);
  assert.match(text, /You pay a \$35\.00 copay/);

  // Results update at once when an input changes: a spouse moves to the two-person tier and
  // adds the $40/month spousal surcharge when the spouse could get other coverage.
  await page.locator('#spouse').check();
  await page.locator('#spouse-other').check();
  await page.waitForFunction(() => document.querySelector('#results tr[data-plan="shbp-2010-oap"] td')?.innerText.includes('Spouse'));
  const surcharge = await page.locator('#results tr[data-plan="shbp-2010-oap"] td').nth(2).innerText();
  assert.equal(surcharge, '$480.00');
  await page.screenshot({ path: screenshotPath('results-desktop.png'), fullPage: true });

  assert.deepEqual(external, [], 'the page requests nothing but its own files');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page works at phone width', async () => {
  const { page, context, errors } = await openPage({ width: 360, height: 780 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width}px wide at a 360px viewport`);
  await page.screenshot({ path: screenshotPath('home-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every input has a label and axe finds no serious or critical problems', async () => {
  const { page, context } = await openPage();
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.id || el.outerHTML));
  assert.deepEqual(unlabeled, []);
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} elements)`);
  assert.deepEqual(bad, []);
  await context.close();
});
