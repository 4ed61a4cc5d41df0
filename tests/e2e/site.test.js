// The built site, driven in headless Chromium the way a person would use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveDist, launch, screenshotPath, dist, artifacts, cliCompare, sentBytes, liveAnswer, firstVisit, shownCount, shownRuns, trapSite, trapWorker, stoppingWorkers } from './harness.js';
import { copyStartingPage } from '../../web/embed/snapshot-copy.js';

const require = createRequire(import.meta.url);
const badCatalog = JSON.stringify({ schema_version: 1, name: 'Broken employer catalog', plans: [{ schema_version: 1, id: 'Bad Plan' }] });
let server, browser;

before(async () => { server = await serveDist({ '/employer/bad-catalog.json': badCatalog }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openPage(url = server.url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const external = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) external.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.locator(liveAnswer).first().waitFor();
  return { page, context, external, errors };
}

/** Opens a disclosure of the detail (by its id) the way a person does: a click on its summary. */
async function reveal(page, id) {
  if (!(await page.locator(`#${id}`).evaluate((d) => d.open))) await page.locator(`#${id} > summary`).click();
}

const simulated = (page) => page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });

/** The scenario the page holds, from its link (the fragment). */
async function scenarioOf(page) {
  const hash = await page.evaluate(() => location.hash);
  return JSON.parse(decodeURIComponent(hash.replace(/^#s=/, '')));
}

const engineReport = (scenario) => cliCompare(scenario);

const dollars = (d) => `$${Math.round(Number(d)).toLocaleString('en-US')}`;
// Bounds read in whole dollars round so their words stay true (web/src/model.rs): a maximum up,
// a range outward.
const atMost = (d) => `$${Math.ceil(Number(d)).toLocaleString('en-US')}`;
const range = (low, high) => (Number(low) === Number(high) ? cents(low) : `$${Math.floor(Number(low)).toLocaleString('en-US')}–${atMost(high)}`);
const cents = (d) => `$${Number(d).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
// Beside an option's yearly total (to the cent) a figure that is that total reads to the cent,
// and every figure does when the worst case is the total (web/src/model.rs, Beside).
const allExact = (o) => o.worst_case != null && Number(o.worst_case) === Number(o.expected.total);
const beside = (o, d, rounded) => (allExact(o) || Number(d) === Number(o.expected.total) ? cents(d) : rounded(d));
const besideRange = (o, low, high) => (allExact(o) && Number(low) !== Number(high) ? `${cents(low)}–${cents(high)}` : range(low, high));

test('a new user completes the flow and sees the engine\'s numbers', async () => {
  const { page, context, external, errors } = await openPage();
  await page.screenshot({ path: screenshotPath('start-desktop.png'), fullPage: true });

  // Household: add a spouse who smokes and a child.
  await page.getByRole('button', { name: 'Add a spouse' }).click();
  await page.locator('#p1-age').fill('36');
  await page.locator('#p1-tobacco').check();
  await page.getByRole('button', { name: 'Add a child' }).click();
  await page.locator('#p2-age').fill('7');
  // Care: the spouse is having a baby; the employee sees a specialist three times.
  await page.locator('label:has(#c1-event-having_a_baby)').click();
  await page.locator('#c0-custom, details.custom').first().locator('summary').click();
  await page.locator('#c0-specialist_visit').fill('3');
  // Money: a real premium for the OAP, and the goal.
  await page.locator('#premium-shbp-2010-oap').fill('210.50');
  await page.locator('#premium-shbp-2010-oap').press('Tab');
  await page.locator('#goal').selectOption('lowest_expected');
  await simulated(page);

  const scenario = await scenarioOf(page);
  assert.equal(scenario.people.length, 3);
  const expected = engineReport(scenario);
  await reveal(page, 'detail-costs');
  for (const o of expected.options.filter((o) => o.eligible)) {
    const row = page.locator(`table.options tr[data-option="${o.id}"]`);
    assert.equal(await row.locator('td.total').innerText(), cents(o.expected.total), `${o.id} expected-year total`);
    assert.equal(await row.locator('.avg').innerText(), beside(o, o.simulated.mean, dollars), `${o.id} simulated average`);
    assert.equal(await row.locator('.range').innerText(), besideRange(o, o.simulated.p10, o.simulated.p90), `${o.id} likely range`);
    const card = page.locator(`.plan-card[data-option="${o.id}"]`);
    assert.equal(await card.locator('.expected-total').innerText(), cents(o.expected.total), `${o.id} card total`);
    assert.equal(await card.locator('.average').innerText(), beside(o, o.simulated.mean, dollars), `${o.id} card average`);
  }
  for (const rec of expected.recommendations) {
    const shown = await page.locator(`.recommendation[data-category="${rec.category}"] .pick`).innerText();
    const name = expected.options.find((o) => o.id === rec.recommended).name;
    assert.equal(shown, name, `${rec.category} recommendation`);
  }
  // The best combination of medical, dental and vision is the engine's: the verdict's picks, its
  // total and its simulated average.
  const top = expected.combinations[0];
  const picks = await page.locator('.verdict .pick').allInnerTexts();
  for (const id of top.options) assert.ok(picks.includes(expected.options.find((o) => o.id === id).name), `${id} in ${picks}`);
  assert.equal(await page.locator('.verdict-total .figure').innerText(), cents(top.expected));
  // The average is the picks' cards' averages added up as shown (each to the nearest dollar),
  // which may differ by a dollar or so from the engine's exact combined average.
  const shownSum = top.options.reduce((sum, id) => sum + Math.round(Number(expected.options.find((o) => o.id === id).simulated.mean)), 0);
  assert.ok(Math.abs(shownSum - Number(top.simulated.mean)) < top.options.length, `${shownSum} against ${top.simulated.mean}`);
  assert.match(await page.locator('.verdict-total').innerText(), new RegExp(`about ${dollars(shownSum).replace('$', '\\$')} on average`));
  // The surcharge and the real premium are in the OAP's row.
  const oapPremium = await page.locator('tr[data-option="shbp-2010-oap"] td.premium-cell').innerText();
  assert.equal(oapPremium, '$2,526.00 + $720.00 tobacco surcharge');
  assert.equal(await page.locator('.plan-card[data-option="shbp-2010-oap"] .premium').innerText(), '$2,526.00 a year + $720.00 tobacco surcharge');
  // Each surcharge is explained: per month, who triggers it, how to avoid it (the plan's words).
  assert.match(await page.locator('#detail-costs .notes').first().innerText(), /Tobacco surcharge: \$60\.00 a month \(\$720\.00 a year\) because Spouse used tobacco in the last 12 months\. The tobacco surcharge may be removed by completing the tobacco cessation requirements\. \(State Health Benefit Plan Open Access Plus \(OAP\) Medical Benefits, effective January 1, 2010, p\.15\)/);

  // Why this number: the claim-by-claim lines in plain words, from the plan's card.
  await page.locator('.plan-card[data-option="shbp-2010-oap"] .why-link').click();
  assert.equal(await page.locator('#why-plan').inputValue(), 'shbp-2010-oap');
  const why = await page.locator('.why').innerText();
  assert.match(why, /per-admission deductible/);
  assert.match(why, /Having a baby/);
  // A totals row adds up the claim lines: what you pay matches the row's "Your care" for plans
  // that list every kind of care.
  const totals = await page.locator('.why tr.totals').innerText();
  assert.match(totals, /^Totals/);
  await page.screenshot({ path: screenshotPath('results-desktop.png'), fullPage: true });

  assert.deepEqual(external, [], 'the page requests nothing but its own files');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared link restores the same results', async () => {
  const { page, context } = await openPage();
  await page.getByRole('button', { name: 'Add a child' }).click();
  await page.locator('#p1-age').fill('12');
  await page.locator('#status').selectOption('new_hire');
  await simulated(page);
  const link = page.url();
  await reveal(page, 'detail-costs');
  const table = await page.locator('table.options').first().innerText();
  const picks = await page.locator('.pick').allInnerTexts();
  await context.close();

  // A different person, with nothing saved, opens the link.
  const other = await openPage(link);
  await simulated(other.page);
  await reveal(other.page, 'detail-costs');
  assert.equal(await other.page.locator('table.options').first().innerText(), table);
  assert.deepEqual(await other.page.locator('.pick').allInnerTexts(), picks);
  assert.match(await other.page.locator('tr[data-option="shbp-2010-oap"]').innerText(), /Not available to you: new hires/);
  // Start over clears it, and offers to undo that until the next change.
  const people = await other.page.locator('fieldset.person').count();
  await other.page.getByRole('button', { name: 'Start over' }).click();
  assert.equal(await other.page.locator('fieldset.person').count(), 1);
  assert.match(await other.page.locator('header.site p[role=status]').last().innerText(), /^Your entries were cleared\. Undo$/);
  await other.page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await other.page.locator('fieldset.person').count(), people);
  assert.equal(await other.page.evaluate(() => document.activeElement.textContent), 'Start over');
  assert.equal(await other.page.getByRole('button', { name: 'Undo' }).count(), 0);
  assert.equal(other.page.url(), link, 'the address holds the entries again');
  await simulated(other.page);
  assert.equal(await other.page.locator('table.options').first().innerText(), table);
  // After a change, the cleared entries are gone for good.
  await other.page.getByRole('button', { name: 'Start over' }).click();
  await other.page.locator('#p0-age').fill('41');
  await other.page.locator('#p0-age').press('Tab');
  await other.page.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached' });
  await other.context.close();
});

test('a link cut short says so in plain words and stays in the address', async () => {
  const cut = `#s=${encodeURIComponent('{"people":[{"name":"A","relationship":"employee","age":40')}`;
  const { page, context, errors } = await openPage(`${server.url}${cut}`);
  const notice = await page.locator('p.notice').first().innerText();
  assert.match(notice, /^This link's entries could not be used, so the page starts from the example household instead\. The link may have been cut short or changed \(for whoever made it: /);
  await page.waitForTimeout(500);
  assert.equal(new URL(page.url()).hash, cut);
  // The person's first change makes the address theirs.
  await page.locator('#p0-age').fill('41');
  await page.waitForFunction(() => location.hash.includes('%22age%22%3A41'));
  // Until the years are simulated, the pick is the entered year's, and the heading says so.
  await page.waitForFunction(() => document.querySelector('#verdict-h')?.textContent === 'Our pick for the year you entered, for now');
  await page.waitForFunction(() => document.querySelector('#verdict-h')?.textContent === 'Our pick for you');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad catalog address or file gets a clear error, not a blank page', async () => {
  for (const [query, message] of [
    ['javascript:alert(1)', /only http and https addresses are allowed/],
    ['/employer/missing.json', /server answered 404/],
    ['/employer/bad-catalog.json', /plans\[0\]/],
    // Empty, the address would be the page itself.
    ['', /the link names no catalog: its “catalog=” is empty/],
  ]) {
    const { page, context, errors } = await openPage(`${server.url}?catalog=${encodeURIComponent(query)}`);
    const alert = page.locator('section.error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), message, query);
    assert.ok(await page.locator('.plan-card[data-option="shbp-2010-oap"]').count() > 0, 'the built-in catalog still works');
    assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
    if (query.includes('bad')) await page.screenshot({ path: screenshotPath('bad-catalog-desktop.png'), fullPage: true });
    await context.close();
  }
});

test("an employer's catalog whose figures cannot be worked out shows none, never the built-in plans under its name", async () => {
  // The built-in plans, renamed and moved to 2040, a year with no federal brackets in the data:
  // the page must ask for the bracket. It used to keep the built-in catalog's report on screen
  // ("the results below are for your last complete entries"), under the employer's banner.
  const catalog = fs.readFileSync(path.join(dist, 'public', 'catalog.json'), 'utf8')
    .replaceAll('2010-', '2040-').replaceAll('SHBP', 'Acme').replace(/"name": "[^"]*"/, '"name": "Acme 2040"');
  const own = await serveDist({ '/employer/plans-2040.json': catalog });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${own.url}?catalog=/employer/plans-2040.json`);
  await page.getByText('Plans from: Acme 2040').waitFor();
  const problem = page.locator('.results section.error[role=alert]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /costshare has no federal brackets for 2040: enter your tax bracket/);
  assert.doesNotMatch(await problem.innerText(), /last complete entries/);
  assert.equal(await page.locator('.plan-card').count(), 0, 'no plan cards');
  assert.equal(await page.locator('#verdict').count(), 0, 'no pick');
  assert.doesNotMatch(await page.locator('.costshare:not([data-snapshot])').innerText(), /SHBP/);
  assert.deepEqual(errors, []);
  await context.close();
  await own.close();
});

test('a catalog of medical plans only, paid biweekly: no combination to try, pay every two weeks, cards and pick work', async () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(dist, 'public', 'catalog.json'), 'utf8'));
  catalog.plans = catalog.plans.filter((p) => p.kind === 'medical');
  for (const plan of catalog.plans) plan.premium_frequency = 'biweekly';
  catalog.name = 'Medical only';
  const own = await serveDist({ '/employer/medical.json': JSON.stringify(catalog) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${own.url}?catalog=/employer/medical.json`);
  await page.getByText('Plans from: Medical only').waitFor();
  await page.locator(`${liveAnswer}`).first().waitFor();
  await page.locator('.plan-card[data-option="shbp-2010-hdhp"]').waitFor();
  assert.equal(await page.locator('#combination').isVisible(), false, 'no "Try your own combination" with one kind of plan');
  assert.equal(await page.locator('.plan-card[data-option="dental-low"]').count(), 0);
  // Its plans all take premiums every two weeks: so is the pay a person has not said.
  assert.equal(await page.locator('#pay-frequency').inputValue(), 'biweekly');
  assert.deepEqual(errors, []);
  await context.close();
  await own.close();
  // The built-in catalog has three kinds: a select for each.
  const { page: built, context: c2 } = await openPage();
  assert.equal(await built.locator('#combination select').count(), 3);
  await c2.close();
});

test('a yearly total below zero (tax savings above the premium and care) says what it means, and its range reads "to"', async () => {
  // An employer's HSA plans for 2026; a high earner who saves $3,800 in the HSA and expects
  // little care: the tax savings on the contribution are more than the premium and the care.
  const catalog = fs.readFileSync(path.resolve(dist, '../crates/costshare-decision/tests/fixtures/hsa-variants-2026.json'), 'utf8');
  const own = await serveDist({ '/employer/hsa.json': catalog });
  const household = { people: [{ name: 'Pat', relationship: 'employee', age: 30, usage: 'low' }], tax: { federal_bracket: '32%', state: 'GA' }, hsa_contribution: '3800' };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${own.url}?catalog=/employer/hsa.json#s=${encodeURIComponent(JSON.stringify(household))}`);
  await simulated(page);
  const total = Number(await page.locator('.verdict-total .figure').getAttribute('data-cents'));
  assert.ok(total < 0, `the pick's total ${total} is below zero`);
  const ahead = (cents) => `$${(-cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  // The $3,800 fits the 2026 limit less the employer's $500 ($4,400 − $500 = $3,900) in every
  // plan, so all of it is counted, and named as the source of most of the savings.
  const meaning = (cents) => `Below zero means you come out ${ahead(cents)} ahead for the year: the tax savings (including those on the $3,800.00 you put in the HSA yourself, which stays yours) and employer HSA money are more than the premium and what you pay for care.`;
  const verdict = await page.locator('.verdict-total').innerText();
  assert.ok(verdict.startsWith(`-${ahead(total)} a year for this plan, for the care you entered (about -$`), verdict);
  assert.ok(verdict.endsWith(` on average over the simulated years). ${meaning(total)}`), verdict);
  // Each card below zero says it too, with its own amount; a range that starts below zero
  // reads "to", never "-$1,418–-$1,417".
  for (const card of await page.locator('.plan-card').all()) {
    const cents = Number(await card.locator('.expected-total').getAttribute('data-cents'));
    const note = card.locator('.below-zero');
    if (cents < 0) assert.equal(await note.innerText(), meaning(cents));
    else assert.equal(await note.count(), 0);
    assert.ok(!(await card.innerText()).includes('–-$'));
  }
  // The printed summary says it as well.
  assert.ok((await page.locator('.print-only').innerText()).includes(meaning(total)));
  await page.screenshot({ path: screenshotPath('below-zero-desktop.png'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.plan-card').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('below-zero-phone.png') });
  assert.deepEqual(errors, []);
  await context.close();
  await own.close();
});

test('everything works by keyboard alone', async () => {
  const { page, context } = await openPage();
  // Tab to the "Add a spouse" button and press Enter.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent === 'Add a spouse');
  }
  assert.ok(found, 'the Add a spouse button is reachable by Tab');
  await page.keyboard.press('Enter');
  // Focus moves to the new spouse's age, which starts at the employee's.
  await page.waitForFunction(() => document.activeElement?.id === 'p1-age');
  assert.equal(await page.locator('#p1-age').inputValue(), '40');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  // The goal by keyboard.
  await page.locator('#goal').focus();
  await page.keyboard.press('ArrowDown');
  await simulated(page);
  const scenario = await scenarioOf(page);
  assert.equal(scenario.people[1].relationship, 'spouse');
  assert.equal(scenario.people[1].age, 50);
  assert.match(await page.locator('.plan-card[data-option="shbp-2010-oap"] .tier').innerText(), /Spouse/);
  // Every control can take focus and shows where it is.
  const unfocusable = await page.evaluate(() => [...document.querySelectorAll('input, select, button, summary')]
    .filter((el) => el.offsetParent !== null && el.tabIndex < 0).map((el) => el.id || el.textContent));
  assert.deepEqual(unfocusable, []);
  await context.close();
});

test('for keyboard and screen reader users: the skip link keeps the entries, errors are tied to their fields, the pick is announced once, charts have their tables', async () => {
  const household = JSON.parse(fs.readFileSync(path.resolve(dist, '../tests/households/family-with-baby.json'), 'utf8'));
  const { page, context, errors } = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(household))}`);
  await simulated(page);
  const address = page.url();
  // The skip link moves focus to the results without replacing the entries in the address,
  // which "Copy link" copies.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'results');
  assert.equal(page.url(), address);
  // The finished run's status names the pick, once; the progress count is not a live region.
  const done = await page.locator('p.done[role="status"]').textContent();
  assert.match(done, /^Based on 10,000 simulated years of care for your household\. Our pick: .+, \$[\d,]+ a year\.$/);
  assert.equal(await page.locator('.progress[role="status"], .combination-total[role="status"]').count(), 0);
  // Each field's error is its description, and the field is marked invalid.
  const described = (id) => page.locator(`#${id}`).evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    text: (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((d) => document.getElementById(d)?.textContent ?? `(no #${d})`).join(' | '),
  }));
  await page.locator('#p0-age').fill('200');
  await page.locator('#p0-age').press('Tab');
  assert.deepEqual(await described('p0-age'), { invalid: 'true', text: await page.locator('#p0-age-error').innerText() });
  assert.match((await described('p0-age')).text, /200/);
  await page.locator('#p0-age').fill('44');
  await page.locator('#p0-age').press('Tab');
  assert.deepEqual(await described('p0-age'), { invalid: 'false', text: '' });
  await page.locator('#hsa').fill('-100');
  await page.locator('#hsa').press('Tab');
  const hsa = await described('hsa');
  assert.equal(hsa.invalid, 'true');
  assert.ok(hsa.text.startsWith(await page.locator('#hsa-error').innerText()), hsa.text);
  // The state is checked when the person leaves it, not at each letter.
  await page.locator('#state').fill('N');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#state-error').count(), 0, 'no error while typing');
  await page.locator('#state').press('Tab');
  await page.locator('#state-error').waitFor();
  assert.deepEqual(await described('state'), { invalid: 'true', text: await page.locator('#state-error').innerText() });
  await page.locator('#state').fill('GA');
  await page.locator('#state').press('Tab');
  await page.locator('#state-error').waitFor({ state: 'detached' });
  // The run that change started has finished (the charts are drawn again when it does).
  await page.waitForFunction(() => !document.querySelector('.costshare:not([data-snapshot]) .progress') && document.querySelector('p.done[data-simulations="10000"]'));
  await reveal(page, 'detail-charts');
  // Where the cheapest plan changes is said in words too (the chart's circles; on a phone the
  // table's rows may all fall on one side of a change), with the figures of "what would change".
  const words = await page.locator('p.crossovers').innerText();
  const first = words.match(/^The cheapest plan changes, as the care costs more \(in allowed charges\): at about (\$[\d,]+) to /);
  assert.ok(first, words);
  const flips = (await page.locator('ul.changes[data-category="medical"] li').allTextContents()).join(' ');
  assert.ok(flips.includes(`about ${first[1]}`), `${first[1]} in: ${flips}`);
  // Beside each chart, its table is in the accessibility tree (visually hidden until focused).
  for (const table of await page.locator('.chart-table.scroll').all()) {
    assert.notEqual(await table.evaluate((t) => getComputedStyle(t).display), 'none');
    const placed = () => page.locator('#detail-charts').evaluate((d) => { const r = d.getBoundingClientRect(); return [r.top + scrollY, r.height]; });
    const before = await placed();
    await table.focus();
    assert.ok((await table.boundingBox()).width > 100, 'a focused chart table shows');
    // Over the page: nothing moves when it shows, or when focus leaves (a click elsewhere
    // must land where the pointer is).
    assert.deepEqual(await placed(), before);
  }
  // An event that no longer fits (Sam, now 10, "having a baby"), unticked: it leaves the list
  // and focus goes to Sam's level of care, not to the page.
  await page.locator('#p1-age').fill('10');
  await page.locator('#p1-age').press('Tab');
  await page.locator('#c1-event-having_a_baby').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.activeElement?.id === 'c1-usage');
  assert.equal(await page.locator('#c1-event-having_a_baby').isVisible(), false);
  await page.locator('#p1-age').fill('34');
  await page.locator('#p1-age').press('Tab');
  // Two children are told apart, and nobody's fieldset is nameless.
  await page.getByRole('button', { name: 'Add a child' }).click();
  await page.waitForFunction(() => /^p\d-age$/.test(document.activeElement?.id ?? ''));
  const added = await page.evaluate(() => document.activeElement.id.replace('-age', ''));
  await page.locator(`#${added}-name`).fill('');
  const legends = await page.locator('fieldset.person > legend, fieldset.person-care > legend').allInnerTexts();
  assert.ok(legends.every((l) => l.trim()), JSON.stringify(legends));
  assert.deepEqual(legends, ['You (the employee)', 'Spouse', 'Child 1', 'Child 2', 'pat', 'sam', 'kit', 'Child 2'], JSON.stringify(legends));
  assert.equal(await page.locator(`#${added}-name`).locator('xpath=ancestor::fieldset[1]').locator('button.link').innerText(), 'Remove Child 2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the pick bar shows where focus is, and a slow start says the controls are coming', async () => {
  const { page, context } = await openPage(server.url, { width: 390, height: 844 });
  await simulated(page);
  const link = page.locator('.sticky-answer a');
  await link.focus();
  const [ring, bar] = await Promise.all([link.evaluate((a) => getComputedStyle(a).outlineColor), page.locator('.sticky-answer').evaluate((b) => getComputedStyle(b).backgroundColor)]);
  assert.notEqual(ring, bar, 'the focus ring is not the colour of the bar');
  // Entries with a problem: the bar says its answer is for the last complete ones.
  await page.locator('#state').fill('N');
  await page.locator('#state').press('Tab');
  await page.locator('#state-error').waitFor();
  assert.match(await page.locator('.sticky-answer .headline').innerText(), /^For your last complete entries: \$[\d,]+ a year · Our pick: /);
  await page.locator('#state').fill('GA');
  await page.locator('#state').press('Tab');
  await page.locator('#state-error').waitFor({ state: 'detached' });
  assert.match(await page.locator('.sticky-answer .headline').innerText(), /^\$[\d,]+ a year · Our pick: /);
  await context.close();
  // A slow device: the wasm arrives after 4 s; after a moment the snapshot says it is starting.
  const slow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p2 = await slow.newPage();
  await p2.route('**/*.wasm', async (route) => { await new Promise((r) => setTimeout(r, 4000)); await route.continue(); });
  await p2.goto(server.url);
  const before = () => p2.locator('.costshare[data-snapshot]').evaluate((el) => { const s = getComputedStyle(el, '::before'); return { visibility: s.visibility, content: s.content }; });
  assert.equal((await before()).visibility, 'hidden', 'not at once');
  await p2.waitForTimeout(2000);
  assert.deepEqual(await before(), { visibility: 'visible', content: '"Starting… the figures below are ready; the controls work once the page has loaded."' });
  await p2.screenshot({ path: screenshotPath('starting-slow.png') });
  await p2.locator('.costshare:not([data-snapshot]) .recommendation').first().waitFor({ timeout: 20000 });
  await slow.close();
});

test('the page works at phone width', async () => {
  const { page, context, errors } = await openPage(server.url, { width: 360, height: 780 });
  await simulated(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width}px wide at a 360px viewport`);
  await page.screenshot({ path: screenshotPath('results-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every input has a label and axe finds no serious or critical problems', async () => {
  const { page, context } = await openPage();
  await simulated(page);
  await page.locator('details.custom').first().locator('summary').click();
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.id || el.outerHTML));
  assert.deepEqual(unlabeled, []);
  // Evaluated by the test tool, not as an inline <script>: the page's CSP refuses inline scripts.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  assert.deepEqual(bad, []);
  await context.close();
});

test('printing gives a one-page summary', async () => {
  const { page, context } = await openPage();
  await simulated(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.inputs').isVisible(), false);
  // The summary carries the date, the goal, the example caveats and no claim that every number
  // comes from plan documents.
  const summary = await page.locator('.print-only').innerText();
  assert.match(summary, /Made with costshare on \d{4}-\d{2}-\d{2}, for plan year 2010\. Covered: You \(40\)\. Goal: a balance of average cost and protection/);
  assert.match(summary, /Example premiums, not published rates: /);
  assert.match(summary, /rest on example values/);
  assert.match(summary, /Prices of care are typical allowed amounts, many of them our estimates/);
  assert.doesNotMatch(summary, /every number is worked out from the plan documents/);
  // The picks as the screen gives them, and the total to the cent without "about".
  // Each with the coverage enrolled in and the premium counted: the HRA's Employee tier,
  // $75 a month × 12 = $900.00 (the file's example).
  assert.match(summary, /Medical: SHBP Health Reimbursement Arrangement \(HRA\) 2010\nEmployee; premium \$900\.00 a year \(example\)\.\nSaves about \$307 a year on average against SHBP High Deductible Health Plan \(HDHP\) 2010\./);
  assert.match(summary, /Together, the recommended choices cost \$1,553\.63 for the expected year \(about \$1,603 on average over the simulated years\)\./);
  // The table by kind of plan: going without dental coverage among the dental plans.
  const table = await page.locator('.print-only table').innerText();
  assert.ok(table.indexOf('Dental') < table.indexOf('No dental plan') && table.indexOf('No dental plan') < table.indexOf('Vision'), table);
  const pdf = await page.pdf({ format: 'Letter' });
  fs.writeFileSync(path.join(artifacts, 'summary.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the printed summary has ${pages} pages`);
  // A couple with a child, a smoker and a spouse with other coverage (both surcharges, more
  // notes) also fits one US Letter page (it took two).
  const couple = { spouse_other_coverage: true, people: [{ name: 'Maria Lopez', relationship: 'employee', age: 41, usage: 'moderate', tobacco: true }, { name: 'Jose Lopez', relationship: 'spouse', age: 40, usage: 'moderate' }, { name: 'Ana Lopez', relationship: 'child', age: 9, usage: 'low' }] };
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${server.url}#s=${encodeURIComponent(JSON.stringify(couple))}`);
  await page.reload();
  await simulated(page);
  await page.emulateMedia({ media: 'print' });
  const letter = await page.pdf({ format: 'Letter' });
  assert.equal((letter.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1);
  await context.close();
});

test('the printed summary carries the HSA note and why options were left out', async () => {
  const link = (household) => `${server.url}#s=${encodeURIComponent(JSON.stringify(household))}`;
  // The built-in HDHP's $1,150 deductible is below 2010's $1,200 minimum: no plan here takes an
  // HSA, so the $3,000 entered saves nothing, and paper says so as the page does.
  const hsa = await openPage(link({ people: [{ name: 'You', relationship: 'employee', age: 40, usage: 'moderate' }], hsa_contribution: '3000' }));
  const notes = () => hsa.page.locator('.print-only .print-notes').textContent();
  await hsa.page.waitForFunction(() => document.querySelector('.print-only .print-notes')?.textContent.includes('HSA contribution'));
  assert.ok((await notes()).includes('Your HSA contribution of $3,000.00: None of the plans compared here qualifies for an HSA (SHBP High Deductible Health Plan (HDHP) 2010 is described as one but does not meet the IRS rules for the plan year: its card says why), so this contribution is not counted.'));
  await hsa.context.close();
  // A retiree: the plans without a retiree tier are named with the reason.
  const retiree = await openPage(link({ status: 'retiree', people: [{ name: 'You', relationship: 'employee', age: 60, usage: 'moderate' }] }));
  await retiree.page.waitForFunction(() => document.querySelector('.print-only .print-notes')?.textContent.includes('not compared'));
  await retiree.page.emulateMedia({ media: 'print' });
  const pdf = await retiree.page.pdf({ format: 'Letter' });
  assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1, 'one page');
  assert.match(await retiree.page.locator('.print-only .print-notes').textContent(), /SHBP Health Reimbursement Arrangement \(HRA\) 2010; SHBP High Deductible Health Plan \(HDHP\) 2010; [^:]*: not compared: its plan file has no coverage tier or premium for retirees, so we cannot price it; ask your benefits office whether retirees may choose it, and at what premium\./);
  await retiree.context.close();
});

test('a plan that costs its worst case every year reads one amount, to the cent, everywhere on the page', async () => {
  // Very high use with an outpatient surgery and ongoing therapy reaches the HDHP's $1,700
  // out-of-pocket maximum every year: $420.00 premium + $1,700.00 − $162.33 tax savings (38.65% of
  // $420: 25% federal, 6% Georgia, 7.65% payroll) = $1,957.67, its total and its worst case.
  const household = { people: [{ name: 'Pat', relationship: 'employee', age: 55, usage: 'very_high', events: ['outpatient_surgery', 'ongoing_therapy'] }], tax: { federal_bracket: '25%', state: 'GA' } };
  const { page, context } = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(household))}`);
  await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
  const card = page.locator('li.plan-card[data-option="shbp-2010-hdhp"]');
  assert.equal(await card.locator('.expected-total').innerText(), '$1,957.67');
  assert.equal(await card.locator('dd.average').innerText(), '$1,957.67');
  assert.equal(await card.locator('dd.worst').innerText(), '$1,957.67');
  assert.match(await card.innerText(), /Likely range \(8 in 10 years\)\s*\$1,957\.67/);
  await page.locator('#detail-costs > summary').click();
  const row = page.locator('#detail-costs tr[data-option="shbp-2010-hdhp"]');
  assert.equal(await row.locator('td.worst').textContent(), '$1,957.67');
  assert.equal(await row.locator('.avg').textContent(), '$1,957.67');
  assert.match(await page.locator('.verdict').innerText(), /costs at most \$1,957\.67 for the year/);
  // No rounded neighbour of the same amount anywhere.
  assert.doesNotMatch(await page.locator('.costshare:not([data-snapshot])').innerText(), /\$1,958\b/);
  await context.close();
});

test('first load is small and fast', async () => {
  // A first visit in a fresh browser, measured as the site's benchmark measures it (harness.js
  // firstVisit): when the answer and the 10,000-year figures were drawn, the live page ready, the
  // quiet start (a short run that warms the workers), the first run a person asks for and the
  // starting household again with the workers warm, each from the page's own marks
  // (web/src/sim.rs).
  const visit = await firstVisit(server.url);
  const { firstResults, ready } = visit;
  // What a static host sends, compressed: each distinct file once (the worker reuses the page's
  // module, revalidated from the cache).
  const { raw, gzip, brotli } = sentBytes(visit.paths);
  const metrics = { firstResultsMs: Math.round(firstResults), readyMs: Math.round(ready), simulationDoneMs: Math.round(visit.simulationDone), warmUpMs: Math.round(visit.warmUp), simulationRunMs: Math.round(visit.firstRun), simulationWarmMs: Math.round(visit.warmRuns[0]), files: visit.paths, rawBytes: raw, gzipBytes: gzip, brotliBytes: brotli };
  fs.writeFileSync(path.join(artifacts, 'metrics.json'), JSON.stringify(metrics, null, 2));
  console.log(`# first results ${metrics.firstResultsMs} ms (the live page ready ${metrics.readyMs} ms); the 10,000-year figures drawn ${metrics.simulationDoneMs} ms (the quiet start ${metrics.warmUpMs} ms; the first run asked for ${metrics.simulationRunMs} ms from its request to its result on the page; ${metrics.simulationWarmMs} ms for the starting household again with the workers warm); first load ${Math.round(gzip / 1024)} KB gzip (${Math.round(brotli / 1024)} KB brotli, ${Math.round(raw / 1024)} KB raw)`);
  // Budget: 460 KB gzip (below). It was 500 KB, then 640 KB after the decision corrections of issue 7
  // (about 32 KB gzip of code), the answer-first page of issue 8 (45 KB), the <costshare-guide>
  // element and its frame mode (25 KB) and plan format 2 (20 KB); issue 12's first steps brought
  // the load to 553 KB (field paths without serde_path_to_error, one shared sort, type-erased
  // components), then 517 KB (files read by costshare-json, no report JSON read on the page),
  // then 491 KB (one shared sort, tables by key instead of B-trees, thinner list and map
  // readers, compact built-in JSON, no plan writers), then 455 KB (no float parser, no Unicode
  // case tables, no float writer in serde_json's messages), then 420 KB (built-in plans without
  // their readings, maps of the file types as sorted lists, minified JavaScript glue), then 427 KB
  // (the starting page's snapshot in index.html, which draws the first answer before the wasm
  // module has loaded: 6 KB), then 431 KB (iframe mode's fixes from a newcomer's trial of the
  // README: settings before the first answer, theme, catalog and household into the frame; each
  // event once; no recommendation before the host's catalog is in: 4 KB), then 402 KB (the
  // standard library built with the site, panics aborting at once: .ci/site-env; a plain
  // `trunk build --release` is 29 KB bigger), then 400 KB (the starting household's simulation
  // in index.html and the code that reads it, 13 KB; shorter import names, 6 KB less; functions
  // ordered by name, 3 KB less; the page's scripts minified, 1 KB less), then 413 KB (two
  // audits' corrections: balance bills in the claim table, the HSA field's note, dental terms,
  // round chart labels, the risk scale, dated life events, 9 KB), then 420 KB (a third audit's
  // corrections: fields that say what to enter instead of changing what was typed into another
  // number, whose out-of-pocket maximum a claim reached, the printed summary's notes, plain
  // messages for a damaged link: 6 KB), then 429 KB (two more audits, a benefits administrator's
  // and a carrier developer's: a removed guide no longer crashes the others and closes its
  // workers, entries survive a move, the host's settings survive a household and Start over, an
  // employer catalog never shows the built-in plans' figures, figures equal to a total read to
  // the cent, claim lines name the deductible and maximum that applied, HSA and preventive-drug
  // rules, Start over can be undone: 9 KB), then 443 KB (a benefits consultant's and an
  // accessibility expert's audits: where the cheapest plan changes found to the dollar, vaccines
  // billed as immunizations, young children's presets, totals below zero explained, sources by
  // document title; errors tied to their fields, the pick announced once, charts' tables for
  // screen readers, a guide's print of itself alone, the phone bar's stale answer: 10 KB, most
  // of it reactive attributes and their closures), then 454 KB (four audits of session 20, a tax
  // specialist's, a family's, an administrator's and a security review's: HSA rules for telehealth
  // and drugs, IRS limits for 2011-2024, Employee + One tiers, catalogs read plan by plan, New
  // Jersey's premium tax, no pick where nothing can be compared, why a plan has no HSA on its card,
  // enrollment rules by household, catalogs that time out or are too large, households too large
  // for a link refused whole, JSON the host page cannot write said: 6 KB of wasm, the rest the
  // starting page's snapshot with those words), then 468 KB (four audits of session 21, a
  // chronic-care family's, a Medicare-age couple's, a plain-language review on phones and a
  // carrier QA's: a baby's premiums month by month with the month it is due and the smaller
  // tier's premium field, Medicare Advantage and Medicare at 64 said, drug tiers and deductibles
  // already met on claim lines, the medical plans that pay for an eye exam, typed problems that
  // hold the answer, no recommendation from a catalog before, entries kept in a moved frame:
  // 13 KB of wasm spread over the components and the model, no single part over 4 KB by
  // twiggy's diff), then 474 KB (the three audits after those: expecting parents', an HR
  // generalist's and a low-end phone tester's: the start marker per tab, links with text after
  // them, typed mistakes cleared by Start over, the page hidden with a field half typed, the
  // printed date and plan year, coinsurance limits named on claim lines: 6 KB, spread the same
  // way), with the budget at 480 KB. Issue 12 takes it to 250 KB.
  assert.ok(gzip <= 480 * 1024, `first load is ${gzip} bytes gzip-compressed (built with .ci/trunk build --release?)`);
  assert.ok(firstResults < 1000, `first results after ${firstResults} ms`);
  assert.ok(ready < 1000, `the live page ready after ${ready} ms`);
});

test('a first visit sees the starting answer before the page starts, and the live page takes its place', async () => {
  // Without the wasm module the page cannot start: the build's snapshot stays, inert, under a
  // message that says so.
  const stuck = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const early = await stuck.newPage();
  await early.route('**/*_bg.wasm', (route) => route.abort());
  await early.goto(server.url);
  const snapshot = early.locator('.costshare[data-snapshot]');
  await snapshot.locator('.verdict .recommendation').first().waitFor();
  assert.equal(await snapshot.getAttribute('inert'), '');
  assert.equal(await snapshot.getAttribute('aria-busy'), 'true');
  // The starting household's entries are in it, as the live page shows them.
  assert.equal(await snapshot.locator('#p0-age').inputValue(), '40');
  assert.equal(await snapshot.locator('#c0-usage').inputValue(), 'moderate');
  const notice = early.getByRole('alert').filter({ hasText: 'could not start in this browser' });
  await notice.waitFor();
  // Nothing in the snapshot takes focus or input.
  await early.keyboard.press('Tab');
  assert.equal(await early.evaluate(() => document.activeElement.closest('[data-snapshot]')), null);
  await early.screenshot({ path: screenshotPath('snapshot-no-wasm.png') });
  await stuck.close();
  // Without JavaScript: the same, with a note that says why.
  const noScript = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto(server.url);
  await still.getByRole('alert').filter({ hasText: 'needs JavaScript' }).waitFor();
  assert.ok(await still.locator('[data-snapshot] .verdict .recommendation').first().isVisible());
  await noScript.close();

  // Started: the snapshot is exactly the live page as it first appeared, and is gone.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(copyStartingPage);
  await page.goto(server.url);
  await page.locator(liveAnswer).first().waitFor();
  const [fromBuild, fromPage] = await page.evaluate(async () => {
    const html = await (await fetch(location.href)).text();
    const built = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-snapshot]');
    return [built?.outerHTML, window.costshareSnapshot];
  });
  assert.ok(fromBuild, 'index.html has the snapshot of the starting page (a release build)');
  assert.equal(fromBuild, fromPage);
  // The snapshot has the starting household's 10,000-year figures (the build's simulation,
  // written into index.html and read by the page), and they are the engine's.
  assert.match(fromBuild, /data-simulations="10000"/);
  await simulatedAveragesAreTheEngines(page);
  assert.equal(await page.locator('[data-snapshot]').count(), 0);
  assert.equal(await page.locator('body > .costshare').count(), 1);
  await context.close();
});

test('a visit that starts elsewhere never shows the starting answer', async () => {
  const saved = { people: [{ name: 'Sam', relationship: 'employee', age: 58 }] };
  for (const [what, suffix, storage] of [
    ['saved entries', '', { 'costshare.scenario': JSON.stringify(saved) }],
    ['a link with entries', '#s=%7B%7D', {}],
    ['a catalog address', '?catalog=employer/bad-catalog.json', {}],
    ['a start that died', '', { 'costshare.starting': '1' }],
  ]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The start marker is the tab's own (sessionStorage); the entries are saved for the site.
    await context.addInitScript((items) => { for (const [k, v] of Object.entries(items)) (k === 'costshare.starting' ? sessionStorage : localStorage).setItem(k, v); }, storage);
    const page = await context.newPage();
    await page.route('**/*_bg.wasm', (route) => route.abort());
    await page.goto(server.url + suffix);
    await page.getByRole('alert').filter({ hasText: 'could not start' }).waitFor();
    assert.equal(await page.locator('[data-snapshot]').count(), 1, what);
    assert.equal(await page.locator('[data-snapshot]').isVisible(), false, `the snapshot shows with ${what}`);
    await context.close();
  }
});

test('prices can be changed, and bad values are explained', async () => {
  const { page, context } = await openPage();
  await reveal(page, 'detail-costs');
  // The cell's first line is the amount; the second says what the HRA paid of it.
  const care = async () => (await page.locator('tr[data-option="shbp-2010-hra"] td.care').innerText()).split('\n')[0];
  const before = await care();
  await page.locator('details.prices > summary').click();
  // Each default price is marked when it is our estimate, and says where it comes from
  // (prices.json: primary_care_visit is an assumption, er_visit is CMS's published $357).
  assert.equal(await page.locator('label[for="price-primary_care_visit"]').innerText(), 'Primary care visit (example)');
  assert.equal(await page.locator('label[for="price-er_visit"]').innerText(), 'Emergency room visit (facility)');
  assert.equal(await page.locator('#price-er_visit').getAttribute('placeholder'), '$357.00');
  await page.locator('details.price-bases > summary').click();
  const basis = page.locator('details.price-bases dl');
  assert.match(await basis.innerText(), /Emergency room visit \(facility\): \$357\.00\s+Published: cms-fracture-2019 'Emergency Department: Facility' \$357/);
  assert.match(await basis.innerText(), /Primary care visit: \$130\.00 \(example\)\s+Our estimate: Between KFF's/);
  assert.match(await page.locator('details.price-bases ul').innerText(), /cms-fracture-2019: Simple Fracture Guide 11-2019/);
  await page.locator('#region').fill('1.5');
  await page.locator('#region').press('Tab');
  await page.waitForFunction((b) => document.querySelector('tr[data-option="shbp-2010-hra"] td.care')?.innerText.split('\n')[0] !== b, before);
  const parse = (t) => Number(t.replace(/[$,]/g, ''));
  assert.ok(parse(await care()) > parse(before), 'higher prices cost more');
  await page.locator('#region').fill('10');
  await page.locator('#region').press('Tab');
  const alert = page.locator('.results section.error[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Prices where you live: must be between 0\.25 and 4/);
  // The last good results stay on the page meanwhile.
  assert.ok(await page.locator('.plan-card').count() > 0);
  // A premium that is not an amount is explained next to the field.
  await page.locator('#region').fill('1');
  await page.locator('#region').press('Tab');
  await page.locator('#premium-shbp-2010-oap').fill('about 100');
  await page.locator('#premium-shbp-2010-oap').press('Tab');
  const fieldError = page.locator('.premium:has(#premium-shbp-2010-oap) .field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /“about 100” is not an amount of dollars/);
  assert.equal(await page.locator('#premium-shbp-2010-oap').getAttribute('aria-invalid'), 'true');
  await context.close();
});

test('the site works from a folder of an intranet server, not only from the root', async () => {
  const folder = await serveDist({}, '/benefits/open-enrollment');
  const { page, context, errors, external } = await openPage(folder.url);
  await simulated(page);
  assert.ok(folder.requests.every((p) => p.startsWith('/benefits/open-enrollment/')), folder.requests.join(' '));
  assert.deepEqual(errors, []);
  assert.deepEqual(external.filter((u) => !u.startsWith(folder.url)), []);
  await context.close();
  await folder.close();
});

test('the corrections a benefits professional checks hold on the page', async () => {
  const { page, context, errors } = await openPage();
  await reveal(page, 'detail-costs');
  // Premiums are per paycheck, for the pay frequency the person says: $100 every two weeks is
  // $2,600 a year (26 paychecks), not $1,200.
  await page.locator('#pay-frequency').selectOption('biweekly');
  await page.locator('#premium-shbp-2010-oap').fill('100');
  await page.locator('#premium-shbp-2010-oap').press('Tab');
  const premium = page.locator('tr[data-option="shbp-2010-oap"] td.premium-cell');
  await page.waitForFunction(() => document.querySelector('tr[data-option="shbp-2010-oap"] td.premium-cell')?.innerText === '$2,600.00');
  assert.equal(await premium.innerText(), '$2,600.00');
  assert.match(await page.locator('label[for="premium-shbp-2010-oap"]').innerText(), /per paycheck \(paid every two weeks\)/);
  // Taxes are the plan year's, with their source: Georgia 6% in 2010.
  assert.match((await page.locator('.tax-note').allInnerTexts()).join('\n'), /State income tax 6% \(GA in 2010; source: Official Code of Georgia 48-7-20/);
  assert.equal(await page.locator('#federal option').first().innerText(), 'Typical for 2010 (15%)');
  // The 2010 HDHP misses the HSA minimum deductible: an HSA contribution is said not to count.
  assert.equal(await page.locator('#hsa-hint').innerText(), 'None of the plans compared here qualifies for an HSA (SHBP High Deductible Health Plan (HDHP) 2010 is described as one but does not meet the IRS rules for the plan year: its card says why).');
  // The HDHP's card says why it gets no HSA (the tier as coverage, no hint for file authors).
  assert.equal(await page.locator('.plan-card[data-option="shbp-2010-hdhp"] .hsa-problem').innerText(), 'The plan is described as HSA-eligible, but for Employee (EE) coverage the deductible $1,150 is below the $1,200 minimum, so under the 2010 IRS limits (IRS Rev. Proc. 2009-29) the plan would not be HSA-qualified; HSA tax savings are not counted.');
  await page.locator('#hsa').fill('2000');
  await page.locator('#hsa').press('Tab');
  await page.waitForFunction((t) => document.querySelector('#hsa-hint')?.textContent === t, 'None of the plans compared here qualifies for an HSA (SHBP High Deductible Health Plan (HDHP) 2010 is described as one but does not meet the IRS rules for the plan year: its card says why), so this contribution is not counted.');
  await page.locator('#hsa').fill('');
  await page.locator('#hsa').press('Tab');
  // The OAP's copays continue after its maximum: no number for its worst case.
  await simulated(page);
  assert.equal(await page.locator('tr[data-option="shbp-2010-oap"] td.worst').innerText(), 'No cap');
  assert.match(await page.locator('#detail-costs .notes').first().innerText(), /No cap on what you could pay: copays continue after the out-of-pocket maximum/);
  assert.match(await page.locator('.plan-card[data-option="shbp-2010-oap"] .worst').innerText(), /^No cap: copays continue after the out-of-pocket maximum/);
  const scenario = await scenarioOf(page);
  const report = engineReport(scenario);
  const hra = report.options.find((o) => o.id === 'shbp-2010-hra');
  // $2,000 out-of-pocket maximum + $900 premium − $500 HRA − $257.85 tax savings (28.65% of
  // the premium) = $2,142.15: at most $2,143 in whole dollars (rounded up, so that no average
  // or range in whole dollars beside it can read above it).
  assert.equal(hra.worst_case, '2142.15');
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td.worst').innerText(), '$2,143');
  assert.equal(await page.locator('.plan-card[data-option="shbp-2010-hra"] .worst').innerText(), '$2,143');
  assert.equal(atMost(hra.worst_case), '$2,143');
  assert.match(await page.locator('.verdict .reasons').innerText(), /In the worst case, with every out-of-pocket maximum reached, SHBP Health Reimbursement Arrangement \(HRA\) 2010 costs at most \$2,143 for the year, counted like its yearly total \(premium included\)\./);
  // The payroll tax in the savings is said, and stops above the wage base: the HRA's $900
  // premium saves 15% + 6% + 7.65% = $257.85, then 15% + 6% + 1.45% = $202.05.
  const hraTax = page.locator('tr[data-option="shbp-2010-hra"] td[data-label="Tax savings"]');
  assert.equal(await hraTax.innerText(), '$257.85');
  assert.match((await page.locator('.tax-note').allInnerTexts()).join('\n'), /also save Social Security tax \(6\.2%\) and Medicare tax \(1\.45%\) in 2010/);
  await page.locator('#above-wage-base').check();
  await page.waitForFunction(() => document.querySelector('tr[data-option="shbp-2010-hra"] td[data-label="Tax savings"]')?.innerText === '$202.05');
  assert.match((await page.locator('.tax-note').allInnerTexts()).join('\n'), /also save Medicare tax \(1\.45%\) in 2010; above the Social Security wage base/);
  await page.locator('#above-wage-base').uncheck();
  await page.waitForFunction(() => document.querySelector('tr[data-option="shbp-2010-hra"] td[data-label="Tax savings"]')?.innerText === '$257.85');
  assert.ok(Number(hra.simulated.max) <= Number(hra.worst_case), 'the simulation never passes the ceiling');
  // The HRA's row adds up as read: $900.00 + $564.75 of care (after the HRA's $500.00, said in
  // the cell) − $0.00 employer HSA money − $257.85 = $1,206.90.
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td[data-label="Your care"]').innerText(), '$564.75\nafter $500.00 from the HRA');
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td[data-label="Employer HSA money"]').innerText(), '$0.00');
  // Half of the care out of network: balance bills get their own column in the claim table,
  // and every row, the totals too, reads allowed + billed above it = you + HRA + plan.
  await page.locator('summary', { hasText: 'Add your own counts' }).first().click();
  await page.locator('#c0-oon').fill('50');
  await page.locator('#c0-oon').press('Tab');
  await page.locator('#detail-why > summary').click();
  await page.locator('#why-plan').selectOption('shbp-2010-oap');
  // The OAP has no HRA: no HRA column.
  const billedRows = await page.locator('.why table.lines tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(billedRows[0].slice(3, 7), ['Allowed amount', 'Billed above allowed', 'You pay', 'Plan pays']);
  for (const row of billedRows.slice(1)) {
    const [allowed, billed, you, plan] = row.slice(row[0] === 'Totals' ? 1 : 3, row[0] === 'Totals' ? 5 : 7)
      .map((t) => Math.round(Number(t.replace(/[$,]/g, '')) * 100));
    assert.equal(allowed + billed, you + plan, row.join(' | '));
  }
  // The first out-of-network specialist visit: the plan allows $136.40 (80% of $170.50), the
  // provider bills $272.80 (160%); the person pays the $136.40 deductible and the $136.40 over.
  const specialist = billedRows.find((r) => r[2] === 'Specialist visitout-of-network');
  assert.deepEqual(specialist.slice(3, 7), ['$136.40', '$136.40', '$272.80', '$0.00']);
  assert.match(await page.locator('.why').innerText(), /the allowed amount \+ what is billed above it = what you pay \+ what the plan pays/);
  // The HRA's table has its HRA column, and every row still adds up.
  await page.locator('#why-plan').selectOption('shbp-2010-hra');
  await page.locator('.why[data-option="shbp-2010-hra"]').waitFor();
  const hraRows = await page.locator('.why table.lines tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(hraRows[0].slice(3, 8), ['Allowed amount', 'Billed above allowed', 'You pay', 'HRA', 'Plan pays']);
  for (const row of hraRows.slice(1)) {
    const [allowed, billed, you, fund, plan] = row.slice(row[0] === 'Totals' ? 1 : 3, row[0] === 'Totals' ? 6 : 8)
      .map((t) => Math.round(Number(t.replace(/[$,]/g, '')) * 100));
    assert.equal(allowed + billed, you + fund + plan, row.join(' | '));
  }
  await page.locator('#c0-oon').fill('0');
  await page.locator('#c0-oon').press('Tab');
  // A premium belongs to its tier: adding a child moves to another tier, whose premium is the
  // plan's example until one is entered.
  await page.getByRole('button', { name: 'Add a child' }).click();
  await page.waitForFunction(() => /example/.test(document.querySelector('tr[data-option="shbp-2010-oap"] td.premium-cell')?.innerText));
  assert.equal(await page.locator('#premium-shbp-2010-oap').inputValue(), '');
  // A child too old for the plans gets a clear problem at the field.
  await page.locator('#p1-age').fill('27');
  const alert = page.locator('.results section.error[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /too old to be covered as a child .* under 19, or under 26 if they are full-time students \(State Health Benefit Plan Open Access Plus \(OAP\) Medical Benefits, effective January 1, 2010, p\.12\)/);
  // One wrong entry does not make every plan "not available": no tier is named meanwhile.
  assert.match(await page.locator('label[for="premium-shbp-2010-oap"]').innerText(), /^SHBP Open Access Plus \(OAP\) 2010: your premium per paycheck/);
  await page.locator('#p1-age').fill('20');
  await page.locator('#p1-student').check();
  await alert.waitFor({ state: 'detached' });
  await page.screenshot({ path: screenshotPath('corrections-desktop.png'), fullPage: true });
  // A retiree with Medicare is told that costs are shown as if the plan paid first.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.locator('#status').selectOption('retiree');
  await page.locator('#p0-age').fill('70');
  await page.locator('#p0-medicare').check();
  const note = page.locator('.medicare-note').filter({ hasText: 'as if this plan paid first' });
  await note.waitFor();
  assert.match(await note.innerText(), /as if this plan paid first, so what you pay for care is overstated/);
  // And that the Medicare Advantage options, where the booklet places them, are not compared.
  assert.match(await page.locator('.medicare-note').filter({ hasText: 'You have Medicare' }).innerText(), /which are not compared here/);
  // With Medicare the OAP is the only medical plan open (and no dental or vision plan, so no
  // pick for those, not "going without"): the verdict does not call it the cheapest of one,
  // and nothing would change the pick.
  await simulated(page);
  assert.deepEqual(await page.locator('.verdict .recommendation .compare').allInnerTexts(), ['The only option we can compare for you.']);
  assert.equal(await page.locator('.verdict .no-pick').count(), 2);
  assert.doesNotMatch(await page.locator('.verdict .reasons').innerText(), /cheapest/);
  await page.locator('.changes-box > summary').click();
  assert.equal(await page.locator('.changes-box .nothing-changes').innerText(), 'Nothing: each pick is the only option we can compare for you.');
  // The HRA and HDHP are not said to be closed to retirees (the booklet lets them choose
  // them, p.71 and p.77): this catalog has no retiree tier for them.
  assert.match(await page.locator('#plans').innerText(), /SHBP Health Reimbursement Arrangement \(HRA\) 2010: not compared: its plan file has no coverage tier or premium for retirees, so we cannot price it; ask your benefits office whether retirees may choose it, and at what premium\./);
  // One pick: "this plan".
  assert.match(await page.locator('.verdict-total').innerText(), /a year for this plan, for the care you entered/);
  // A retiree pays premiums from a pension: the form asks about pension payments, not paychecks.
  assert.equal(await page.locator('label[for="pay-frequency"]').innerText(), 'How often is your pension paid?');
  assert.match(await page.locator('label[for="premium-shbp-2010-oap"]').innerText(), /: your premium per pension payment \(paid once a month\)$/);
  assert.deepEqual(errors, []);
  await context.close();

  const phone = await openPage(server.url, { width: 390, height: 844 });
  await phone.page.locator('#pay-frequency').selectOption('weekly');
  await simulated(phone.page);
  await phone.page.screenshot({ path: screenshotPath('corrections-phone.png'), fullPage: true });
  await phone.context.close();
});

test('the audits of session 20 hold on the page: surcharges left out of typed premiums, an HSA amount over the limit, no pick where nothing can be compared', async () => {
  // A tobacco user paid every two weeks: the OAP's $60-a-month surcharge (oap2010 p.15) is
  // $720 a year, $27.69 a paycheck ($720 / 26 = $27.692): the premium field says to leave it out,
  // since the page adds it (a pay stub's deduction includes it).
  const smoker = { people: [{ name: 'You', relationship: 'employee', age: 40, usage: 'moderate', tobacco: true }], pay_frequency: 'biweekly' };
  const { page, context, errors } = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(smoker))}`);
  assert.match(await page.locator('#premium-shbp-2010-oap-hint').innerText(), /, without the \$27\.69 of surcharges per paycheck that we add$/);
  assert.match(await page.locator('#premiums > p.hint').innerText(), /leaving out any tobacco or spousal surcharge: the page adds the plan's own\.$/);
  // A plan without a surcharge for this household says nothing of one.
  assert.doesNotMatch(await page.locator('#premium-dental-low-hint').innerText(), /surcharge/);
  await context.close();
  // A retiree with Medicare: no dental or vision file has a retiree tier, so there is no dental
  // or vision pick (not "No dental plan"), and the page says why.
  const retiree = { status: 'retiree', people: [{ name: 'Pat', relationship: 'employee', age: 67, usage: 'moderate', medicare: true }, { name: 'Chris', relationship: 'spouse', age: 63, usage: 'moderate' }] };
  const r = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(retiree))}`);
  assert.deepEqual(await r.page.locator('.verdict .recommendation').evaluateAll((l) => l.map((e) => e.dataset.category)), ['medical']);
  const noPick = await r.page.locator('.verdict .no-pick').allInnerTexts();
  assert.deepEqual(noPick, ['dental', 'vision'].map((k) => `No ${k} plan could be compared for this household, so there is no pick: its plan file has no coverage tier or premium for retirees, so we cannot price it; ask your benefits office whether retirees may choose it, and at what premium.`));
  assert.equal(await r.page.locator('.plan-card[data-option="no-dental"]').count(), 0);
  assert.deepEqual([...errors, ...r.errors], []);
  await r.context.close();
  // A couple expecting a baby: the person adds the baby and says it is due in March. The
  // premiums count Employee + Spouse for January and February and the family tier from March,
  // said in the verdict, on the cards and at the premiums. OAP examples: 340 × 2 + 450 × 10 =
  // $5,180.00 (12 × 450 = $5,400.00 for the family tier all year).
  const family = { people: [{ name: 'You', relationship: 'employee', age: 32, usage: 'moderate' }, { name: 'Sam', relationship: 'spouse', age: 30, usage: 'moderate', events: ['having_a_baby'] }] };
  const b = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(family))}`);
  await b.page.getByRole('button', { name: 'Add the baby' }).click();
  await b.page.getByLabel('When is the baby due?').selectOption({ label: 'March' });
  const note = b.page.locator('.verdict .medicare-note').filter({ hasText: 'March' });
  await note.waitFor();
  assert.match(await note.innerText(), /^The baby's premiums are counted from March, the month the baby is due: for the 2 months before, each premium is the one for the coverage without the baby \(Employee \+ Spouse\)\./);
  const oap = b.page.locator('.plan-card[data-option="shbp-2010-oap"]');
  assert.equal(await oap.locator('.tier').innerText(), 'Employee + Spouse + Child(ren) for 10 months (Employee + Spouse for the first 2)');
  assert.match(await oap.locator('.premium').innerText(), /^\$5,180\.00 a year \(example\)/);
  assert.match(await b.page.getByLabel('SHBP Open Access Plus (OAP) 2010, Employee + Spouse (until the baby is born): your premium per paycheck (paid once a month)').getAttribute('placeholder'), /^example: about \$340\.00 per paycheck/);
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('the audits of session 21 hold on the page: Medicare Advantage beside a retiree\'s pick, a pick for protection said, the HRA\'s Why? opens its claims, typed problems hold the answer', async () => {
  // A retiree couple with Medicare: beside the pick, that the Medicare Advantage options (the
  // booklet's default, the only ones the State helps pay for) are not compared (p.70–71, p.79).
  const retiree = { status: 'retiree', people: [{ name: 'Pat', relationship: 'employee', age: 67, usage: 'moderate', medicare: true }, { name: 'Lee', relationship: 'spouse', age: 66, usage: 'moderate', medicare: true }] };
  const r = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(retiree))}`);
  assert.match(await r.page.locator('.verdict').innerText(), /Pat and Lee have Medicare: a retiree's household member with Medicare is placed in the Medicare Advantage Standard Option unless they choose another option within 31 days\. The State helps pay only for the Medicare Advantage options, which are not compared here/);
  // Its one pick's premium is the example: said of that pick.
  assert.equal(await r.page.locator('.verdict .example-warning').innerText(), "The medical pick's premium is an example, not a published figure. Enter your own premiums to be sure.");
  assert.deepEqual(r.errors, []);
  await r.context.close();

  // A healthy 29-year-old: the balanced goal picks the HDHP, cheaper in only about a quarter of
  // the simulated years; the verdict says it is picked for protection.
  const single = { people: [{ name: 'You', relationship: 'employee', age: 29, usage: 'low', care: { primary_care_visit: 3 } }] };
  const s = await openPage(`${server.url}#s=${encodeURIComponent(JSON.stringify(single))}`);
  await simulated(s.page);
  const reasons = await s.page.locator('.verdict ul.reasons').innerText();
  assert.match(reasons, /It was the cheapest medical plan in only \d+% of simulated years: it is picked for protection against a very bad year, not for its price\./);
  // Own counts say what the level already counts.
  await s.page.locator('fieldset.person-care details.custom > summary').first().click();
  assert.match(await s.page.locator('fieldset.person-care details.custom .hint').first().innerText(), /^These are added to what the level above already counts: 1 × preventive check-up/);
  await s.context.close();

  // The starting household: its HRA pick's "Why?" opens "Why this number" on the HRA's claims.
  const { page, context, errors } = await openPage();
  await simulated(page);
  const hraReason = page.locator('.verdict ul.reasons li').filter({ hasText: 'Its HRA pays' });
  await hraReason.getByRole('link', { name: 'Why?' }).click();
  assert.equal(await page.locator('#why-plan').inputValue(), 'shbp-2010-hra');
  await page.locator('.why[data-option="shbp-2010-hra"]').waitFor();
  // An own price is no longer marked an example.
  await page.locator('details.prices > summary').click();
  const label = page.locator('label[for="price-primary_care_visit"]');
  assert.match(await label.innerText(), /\(example\)/);
  await page.locator('#price-primary_care_visit').fill('150');
  await page.locator('#price-primary_care_visit').press('Tab');
  await page.waitForFunction(() => !document.querySelector('label[for="price-primary_care_visit"]').innerText.includes('(example)'));
  // An age typed as a word: the field says why, and the results say they are for the last
  // complete entries.
  await page.locator('#p0-age').fill('forty');
  await page.locator('#p0-age').press('Tab');
  assert.equal(await page.locator('.results .error.typed').innerText(), 'An entry above needs fixing: the results below are for your last complete entries.');
  await page.locator('#p0-age').fill('41');
  await page.locator('#p0-age').press('Tab');
  await page.locator('.results .error.typed').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link opened on a slow connection says the page is loading, not a blank page, and the words go when it is up', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 700 }, isMobile: true });
  const page = await context.newPage();
  await page.route('**/*.wasm', async (route) => { await new Promise((done) => setTimeout(done, 2500)); await route.continue(); });
  const link = `${server.url}#s=${encodeURIComponent(JSON.stringify({ people: [{ name: 'Pat', relationship: 'employee', age: 30, usage: 'low' }] }))}`;
  const loaded = page.goto(link);
  const words = () => page.evaluate(() => getComputedStyle(document.body, '::before').content);
  await page.waitForFunction(() => getComputedStyle(document.body, '::before').visibility === 'visible');
  assert.equal(await words(), '"Loading costshare… your comparison appears as soon as the page has loaded. Everything is worked out on this device."');
  await loaded;
  await page.locator(liveAnswer).first().waitFor();
  assert.equal(await words(), 'none');
  await context.close();
});

test("with the browser's text at 200% on a phone, nothing makes the page scroll sideways", async () => {
  // Android's large-text setting: the default font 32 px on a 375 px screen. A fieldset's
  // min-content width, grid columns of a fixed number of ems and a card's term rows used to make
  // the page 534 px wide.
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  await page.goto(server.url);
  await page.locator(liveAnswer).first().waitFor();
  await simulated(page);
  const wide = await page.evaluate(() => [...document.querySelectorAll('.costshare:not([data-snapshot]) *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.scroll, .sticky-answer'))
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`).slice(0, 5));
  assert.deepEqual(wide, []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
  await context.close();
});

test("an HR generalist's findings hold: a link with a period after it, Start over after a typed mistake, Copy link on plain http", async () => {
  // A link pasted into an email, with the sentence's period after it, and one encoded twice.
  const household = { people: [{ name: 'Maria Lopez', relationship: 'employee', age: 41, usage: 'moderate' }] };
  const encoded = encodeURIComponent(JSON.stringify(household));
  for (const suffix of [`#s=${encoded}.`, `#s=${encoded.replaceAll('%', '%25')}`]) {
    const { page, context } = await openPage(server.url + suffix);
    assert.equal(await page.locator('#p0-name').inputValue(), 'Maria Lopez', suffix.slice(-12));
    await context.close();
  }
  // A typed mistake, then "Start over": the field shows the fresh entries, without the message.
  const { page, context, errors } = await openPage();
  await page.locator('#p0-age').fill('4S');
  await page.locator('#p0-age').press('Tab');
  await page.locator('.results .error.typed').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.locator('.results .error.typed').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#p0-age').inputValue(), '40');
  assert.equal(await page.locator('#p0-age-error').count(), 0);
  // A page without the clipboard (plain http, not a secure context): the link to copy by hand.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.match(await page.locator('header .copied').first().innerText(), /^Copy this link by hand: http/);
  // After a change, the note about the copied link goes.
  await page.locator('#p0-age').fill('52');
  await page.locator('#p0-age').press('Tab');
  await page.waitForFunction(() => !document.querySelector('header .copied')?.innerText.startsWith('Copy this link'));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a phone tester's findings hold: an adult's age is not called too young on its first digit, a premium typed but not left survives the page being hidden, the risk label follows a drag", async () => {
  const { page, context, errors } = await openPage();
  await simulated(page);
  // "6" on the way to "62": no message, no page alert, until the person leaves the field.
  await page.locator('#p0-age').selectText();
  await page.keyboard.type('6');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#p0-age-error').count(), 0);
  assert.equal(await page.locator('.results section.error').count(), 0);
  await page.keyboard.type('2');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('costshare.scenario') ?? '{}').people?.[0]?.age === 62);
  // Left at "6", it is the employee's age and is said to be too young.
  await page.locator('#p0-age').fill('6');
  await page.locator('#p0-age').press('Tab');
  await page.locator('#p0-age-error').waitFor();
  await page.locator('#p0-age').fill('40');
  await page.locator('#p0-age').press('Tab');
  await page.locator('#p0-age-error').waitFor({ state: 'detached' });
  // A premium typed in, then the phone switches apps (the page is hidden): it is taken.
  await reveal(page, 'premiums');
  await page.locator('#premium-shbp-2010-oap').focus();
  await page.keyboard.type('123.45');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction(() => Object.values(JSON.parse(localStorage.getItem('costshare.scenario') ?? '{}').premiums ?? {}).includes('123.45'));
  // The risk label follows the thumb while it moves, before it is let go.
  await page.locator('#risk').evaluate((r) => { r.value = '80'; r.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.locator('label[for="risk"]').innerText(), 'How much risk you are comfortable with: 80 of 100');
  assert.deepEqual(errors, []);
  await context.close();
});

test('clearing a field keeps the last results and says what is wrong at the field', async () => {
  const { page, context, errors } = await openPage();
  await simulated(page);
  await reveal(page, 'detail-costs');
  const total = await page.locator('tr[data-option="shbp-2010-hra"] td.total').innerText();
  const age = page.locator('#p0-age');
  const message = page.locator('fieldset.person .field-error');
  // Emptied while retyping: the field stays empty (not "0") and says nothing until it is left.
  await age.fill('');
  await page.waitForTimeout(300);
  assert.equal(await age.inputValue(), '');
  assert.equal(await message.count(), 0);
  await age.press('Tab');
  await message.waitFor();
  assert.equal(await message.innerText(), 'Enter an age in whole years, 0 to 120.');
  assert.equal(await age.getAttribute('aria-invalid'), 'true');
  // Nothing typed is changed into another number: not 40.5 into 0 or 40, not 200 into 120.
  for (const typed of ['40.5', '200']) {
    await age.fill(typed);
    await age.press('Tab');
    assert.equal(await message.innerText(), `Enter an age in whole years, 0 to 120; “${typed}” is not one.`);
    assert.equal(await age.inputValue(), typed);
  }
  // The results of the last complete entries stay.
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td.total').innerText(), total);
  // An age the plans do not take: the decision model's message, at the field and above the results.
  await age.fill('10');
  await age.press('Tab');
  await page.waitForFunction(() => document.querySelector('fieldset.person .field-error')?.textContent === 'The employee must be at least 14');
  assert.equal(await age.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td.total').innerText(), total);
  assert.match(await page.locator('.results section.error').innerText(), /You, age: the employee must be at least 14[\s\S]*last complete entries/);
  assert.doesNotMatch(await page.locator('body').innerText(), /people\[/);
  await page.screenshot({ path: screenshotPath('field-problem-desktop.png'), fullPage: false });
  await age.fill('41');
  await message.waitFor({ state: 'detached' });
  assert.equal(await age.getAttribute('aria-invalid'), 'false');
  // Counts, the state's rate and the HSA amount say what to enter, and change no figure.
  await page.locator('details.custom').first().locator('summary').click();
  const before = await page.locator('tr[data-option="shbp-2010-hra"] td.total').innerText();
  const fields = [
    ['#c0-specialist_visit', '1.5', 'Enter a whole number of times, 0 to 366; “1.5” is not one.'],
    ['#c0-oon', '150', 'Enter a whole percent, 0 to 100; “150” is not one.'],
    ['#state-rate', 'five', 'State income tax rate: enter a rate from 0 to 100, like 5.75; “five” is not one.'],
    ['#hsa', 'lots', '“lots” is not an amount of dollars; write it like 150 or 150.25'],
  ];
  for (const [field, typed, said] of fields) {
    await page.locator(field).fill(typed);
    await page.locator(field).press('Tab');
    assert.equal(await page.locator(field).getAttribute('aria-invalid'), 'true', field);
    await page.getByText(said, { exact: true }).waitFor();
    assert.equal(await page.locator(field).inputValue(), typed);
  }
  await page.waitForTimeout(400);
  assert.equal(await page.locator('tr[data-option="shbp-2010-hra"] td.total').innerText(), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page survives blocked storage, a start that died, and starting over by link', async () => {
  // Site data blocked (a third-party frame, strict privacy settings): localStorage throws.
  const blocked = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const page = await blocked.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.locator(liveAnswer).first().waitFor();
  await page.getByRole('button', { name: 'Add a spouse' }).click();
  await page.locator('.plan-card[data-option="shbp-2010-oap"] .tier').filter({ hasText: 'Spouse' }).waitFor();
  assert.deepEqual(errors, []);
  await blocked.close();

  // The last start died while opening (its marker is still there): the saved entries are
  // dropped instead of killing the page again.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p2 = await context.newPage();
  await p2.goto(server.url);
  await p2.locator(liveAnswer).first().waitFor();
  const saved = JSON.stringify({ people: [{ name: 'Pat', relationship: 'employee', age: 50 }] });
  await p2.evaluate((s) => { localStorage.setItem('costshare.scenario', s); sessionStorage.setItem('costshare.starting', '1'); }, saved);
  await p2.goto(server.url);
  await p2.locator(liveAnswer).first().waitFor();
  assert.match(await p2.locator('p.notice').first().innerText(), /stopped working last time/);
  assert.equal(await p2.locator('#p0-name').inputValue(), 'You');
  // A damaged saved scenario is dropped with a message.
  await p2.evaluate(() => localStorage.setItem('costshare.scenario', '{"people": 7}'));
  await p2.goto(server.url);
  await p2.locator(liveAnswer).first().waitFor();
  assert.match(await p2.locator('p.notice').first().innerText(), /could not be read/);
  assert.equal(await p2.evaluate(() => sessionStorage.getItem('costshare.starting')), null);
  // Another tab starting at the same moment (its marker is its own) is not a start that died:
  // the saved entries stay.
  await p2.evaluate((s) => localStorage.setItem('costshare.scenario', s), saved);
  const tabs = [await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((t) => t.goto(server.url)));
  for (const tab of tabs) {
    await tab.locator(liveAnswer).first().waitFor();
    assert.equal(await tab.locator('p.notice').filter({ hasText: 'stopped working' }).count(), 0);
    assert.equal(await tab.locator('#p0-name').inputValue(), 'Pat');
    await tab.close();
  }
  // The crash page's "Start over" link clears the saved entries and leaves a clean address.
  await p2.evaluate((s) => localStorage.setItem('costshare.scenario', s), saved);
  await p2.goto(`${server.url}?start-over=1`);
  await p2.locator(liveAnswer).first().waitFor();
  assert.equal(await p2.locator('#p0-name').inputValue(), 'You');
  assert.doesNotMatch(p2.url(), /start-over/);
  await context.close();
});

test('a crash replaces the page with a message, and "Start over" opens it again without the saved entries', async () => {
  const { page, context } = await openPage(`${server.url}?catalog=public/catalog.json`);
  await page.locator('#p0-name').fill('Pat');
  await page.waitForFunction(() => localStorage.getItem('costshare.scenario')?.includes('Pat'));
  const [error] = await Promise.all([page.waitForEvent('pageerror'), page.evaluate(trapSite)]);
  assert.match(String(error), /unreachable/);
  const crashed = page.getByRole('alert');
  await crashed.getByRole('heading', { name: 'costshare stopped working' }).waitFor();
  assert.match(await crashed.innerText(), /Nothing you entered has left this device/);
  // Nothing of the dead page is left to click; the link has the focus, so Enter follows it.
  assert.equal(await page.locator('input, select, button').count(), 0);
  await page.screenshot({ path: screenshotPath('crash-desktop.png') });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: screenshotPath('crash-phone.png') });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Start over');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('href')), /^\?catalog=.*&start-over=1$/);
  await page.keyboard.press('Enter');
  await page.locator(liveAnswer).first().waitFor();
  assert.equal(await page.locator('#p0-name').inputValue(), 'You');
  assert.doesNotMatch(page.url(), /start-over/);
  assert.match(page.url(), /catalog=/);
  await context.close();
});

/** The page's 10,000-year averages against the command line's for the household it holds. */
async function simulatedAveragesAreTheEngines(page) {
  const expected = engineReport(await scenarioOf(page));
  await reveal(page, 'detail-costs');
  for (const o of expected.options.filter((o) => o.eligible)) {
    assert.equal(await page.locator(`table.options tr[data-option="${o.id}"] .avg`).innerText(), beside(o, o.simulated.mean, dollars), `${o.id} simulated average`);
  }
}

/** Waits until the page runs exactly the workers of one pool (the old ones closed). */
async function onePool(page) {
  const size = await page.evaluate(() => Math.min(Math.max(Math.floor(navigator.hardwareConcurrency), 1), 4));
  const deadline = Date.now() + 10000;
  while (page.workers().length !== size && Date.now() < deadline) await page.waitForTimeout(50);
  assert.equal(page.workers().length, size, 'one pool of workers, the stopped ones closed');
}

test('the quiet start is a short run and keeps the figures that came with the page', async () => {
  const { page, context } = await openPage();
  await shownRuns(page, 1);
  // The last run the workers finished (its household and report, in the build's snapshot format:
  // the household file's JSON text inside) was the 2,000-year warm-up (sim::WARM_UP_YEARS)...
  const payload = await page.evaluate(() => window.wasmBindings.costshare_starting_payload());
  const text = Buffer.from(payload, 'hex').toString('latin1');
  assert.match(text, /"simulations":2000[,}]/);
  // ...and the page still shows the build's 10,000-year figures, with no progress shown.
  await simulated(page);
  assert.equal(await page.locator('p.done[data-simulations]').count(), 1);
  assert.match(await page.locator('p.done[data-simulations]').innerText(), /10,000 simulated years/);
  await context.close();
});

test('a simulation worker that stops between runs is replaced at the next run', async () => {
  const { page, context } = await openPage();
  // The starting household's figures came with the page; its first run starts the workers.
  await shownRuns(page, 1);
  // A real trap in one worker's module.
  await page.workers()[0].evaluate(trapWorker);
  await page.waitForFunction(() => performance.getEntriesByName('costshare-workers-stopped').length === 1);
  const before = await shownCount(page);
  await page.locator('#p0-age').fill('52');
  await shownRuns(page, before + 1);
  await simulated(page);
  assert.equal(await page.locator('p.notice', { hasText: 'could not run' }).count(), 0);
  await simulatedAveragesAreTheEngines(page);
  await onePool(page);
  await context.close();
});

/** A link to a household other than the starting one (whose figures come with the page), so
 * that the first run is one the page waits for. */
const linkTo52 = () => `${server.url}#s=${encodeURIComponent(JSON.stringify({ people: [{ name: 'You', relationship: 'employee', age: 52, usage: 'moderate' }] }))}`;

test('a run whose worker stops is asked again of new workers; if they stop too, it says so and the next change runs', async () => {
  // The first worker started stops on its first message: the first run is asked again of a new
  // pool, which finishes it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await stoppingWorkers(context, (n) => n === 0);
  let page = await context.newPage();
  await page.goto(linkTo52());
  await simulated(page);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('costshare-workers-stopped').length), 1);
  assert.equal(await page.locator('p.notice', { hasText: 'could not run' }).count(), 0);
  await simulatedAveragesAreTheEngines(page);
  await onePool(page);
  await context.close();

  // Every worker stops: the run fails once its second pool stops too, with a message instead of
  // figures that never come; the next change, with workers that work, runs.
  const second = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const restore = await stoppingWorkers(second, () => true);
  page = await second.newPage();
  await page.goto(linkTo52());
  const notice = page.locator('p.notice', { hasText: 'The simulation could not run' });
  await notice.waitFor({ timeout: 30000 });
  assert.equal(await notice.innerText(), 'The simulation could not run: the part of costshare that runs it stopped because of an internal error; change an entry to try again');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('costshare-workers-stopped').length), 2);
  // The expected year still stands beside the message.
  assert.ok(await page.locator(`${liveAnswer} .pick`).first().isVisible());
  await page.screenshot({ path: screenshotPath('workers-stopped-desktop.png') });
  await page.setViewportSize({ width: 375, height: 740 });
  await notice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('workers-stopped-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await restore();
  await page.locator('#p0-age').fill('53');
  await simulated(page);
  await simulatedAveragesAreTheEngines(page);
  await onePool(page);
  await second.close();
});

test('risk tolerance runs from protection (0) to the lowest average (100)', async () => {
  const { page, context, errors } = await openPage();
  await simulated(page);
  const medical = '.recommendation[data-category="medical"]';
  // Waits until the medical pick (and its comparison) read as expected once the run is done.
  const expectPick = async (name, compare = /./) => {
    await page.waitForFunction(([sel, name, source]) => {
      const li = document.querySelector(sel);
      return document.querySelector('p.done[data-simulations="10000"]') && li?.querySelector('.pick')?.textContent === name
        && new RegExp(source).test(li.querySelector('.compare')?.textContent ?? '');
    }, [medical, name, compare.source], { timeout: 30000 }).catch(async () => {
      assert.fail(`expected ${name} (${compare}), the page says: ${await page.locator(medical).innerText()}`);
    });
  };
  const setRisk = async (key, value) => {
    await page.locator('#risk').focus();
    await page.keyboard.press(key);
    await page.waitForFunction((v) => document.querySelector('label[for="risk"]')?.textContent.endsWith(`: ${v} of 100`), value);
  };
  const hra = 'SHBP Health Reimbursement Arrangement (HRA) 2010';
  const hdhp = 'SHBP High Deductible Health Plan (HDHP) 2010';
  // The starting household: the HRA costs $1,254 on average and at most $2,143 in a very bad
  // year (its 99th percentile is its cap, $2,142.15), the HDHP $1,561 and $2,000. At 0 only the
  // very bad year counts: the HDHP, as for protection, $1,561 − $1,254 = $307 more on average
  // to pay $2,143 − $2,000 = $143 less. At 100 only the average counts: the HRA, as for the
  // lowest average.
  await setRisk('Home', 0);
  await expectPick(hdhp, /^Costs \$307 more a year on average than SHBP Health Reimbursement Arrangement \(HRA\) 2010, to pay \$143 less in a very bad year \(1 year in 100\)\.$/);
  assert.match(await page.locator('.print-only').textContent(), /at risk tolerance 0 of 100: only a very bad year counts, as for protection/);
  await page.locator('#goal').selectOption('lowest_worst_case');
  await expectPick(hdhp);
  await page.locator('#goal').selectOption('balanced');
  await setRisk('End', 100);
  await expectPick(hra, /^Saves about \$307 a year on average/);
  await page.locator('#goal').selectOption('lowest_expected');
  await expectPick(hra);
  assert.deepEqual(errors, []);
  await context.close();
});
