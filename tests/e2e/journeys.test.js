// The journeys people take through the guide, at desktop (1366 px) and phone (390 px) width,
// each ending in screenshots (tests/e2e/artifacts/journey-*.png) and a check that nothing on the
// page contradicts anything else on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, screenshotPath, livePage } from './harness.js';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const desktop = { width: 1366, height: 900 };
const phone = { width: 390, height: 844 };

async function openPage(viewport = desktop) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.locator(`${livePage} .verdict .recommendation`).first().waitFor();
  return { page, context, errors };
}

const simulated = (page) => page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
const cents = (t) => Math.round(Number(String(t).replace(/[^0-9.-]/g, '')) * 100);
const dollars = (c) => `$${Math.round(c / 100).toLocaleString('en-US')}`;
// The verdict says "going without a vision plan" where the card is "No vision plan".
const cardName = (n) => n.replace(/^going without a (\w+) plan$/, (_, c) => `No ${c} plan`);

async function reveal(page, id) {
  if (!(await page.locator(`#${id}`).evaluate((d) => d.open))) await page.locator(`#${id} > summary`).click();
}

/** Reads the verdict, the cards, the chart, the flips, the sticky bar and the print summary,
 * and checks that they agree. */
async function checkNothingContradicts(page) {
  await simulated(page);
  const verdict = await page.evaluate(() => ({
    picks: [...document.querySelectorAll('.verdict .recommendation')].map((li) => ({
      category: li.dataset.category, name: li.querySelector('.pick').textContent, compare: li.querySelector('.compare').textContent,
    })),
    total: Number(document.querySelector('.verdict-total .figure').dataset.cents),
    averageText: document.querySelector('.verdict-total .average')?.textContent ?? '',
  }));
  const cards = await page.evaluate(() => [...document.querySelectorAll('ul.plan-cards')].map((ul) => ({
    category: ul.dataset.category,
    cards: [...ul.querySelectorAll('.plan-card')].map((c) => ({
      id: c.dataset.option, name: c.querySelector('h4').firstChild.textContent, picked: c.classList.contains('picked'),
      total: Number(c.querySelector('.expected-total').dataset.cents), average: Number(c.querySelector('.average').dataset.cents),
      averageShown: c.querySelector('.average').textContent,
      cheapest: [...c.querySelectorAll('dt')].find((dt) => dt.textContent === 'Cheapest in')?.nextElementSibling.textContent,
    })),
  })));
  // The sort order must be the goal's for the pick to be first.
  assert.equal(await page.locator('#sort-by').inputValue(), 'goal');
  let sum = 0;
  for (const pick of verdict.picks) {
    const list = cards.find((c) => c.category === pick.category).cards;
    const marked = list.filter((c) => c.picked);
    assert.equal(marked.length, 1, `${pick.category}: one card is marked as our pick`);
    assert.equal(marked[0].name, pick.name, `${pick.category}: the marked card is the verdict's pick`);
    assert.equal(list[0].name, pick.name, `${pick.category}: the pick is first for the goal`);
    sum += marked[0].total;
    // "Saves about $D against R": D is the difference of the two cards' averages as shown.
    const saves = pick.compare.match(/^Saves about (\$[\d,]+) a year on average against (.+)\.$/);
    if (saves) {
      const other = list.find((c) => c.name === cardName(saves[2]));
      assert.ok(other, `${saves[2]} has a card`);
      assert.equal(saves[1], dollars(cents(other.averageShown) - cents(marked[0].averageShown)), pick.compare);
      assert.ok(other.average >= marked[0].average, pick.compare);
    }
    // "Costs $M more ... than L, to pay $B less ...": L is cheaper on average by M.
    const trade = pick.compare.match(/^Costs (\$[\d,]+) more a year on average than (.+?), to pay/);
    if (trade) {
      const other = list.find((c) => c.name === cardName(trade[2]));
      assert.equal(trade[1], dollars(cents(marked[0].averageShown) - cents(other.averageShown)), pick.compare);
    }
  }
  // The verdict's total is the picks' cards added up, and so is the sticky bar's; its average
  // is the picked cards' averages added up as they are shown.
  assert.equal(verdict.total, sum, 'the verdict total is the sum of the picked cards');
  const averages = verdict.picks.map((p) => cards.find((c) => c.category === p.category).cards.find((c) => c.picked).averageShown);
  assert.ok(verdict.averageText.includes(`about ${dollars(averages.map(cents).reduce((a, b) => a + b, 0))} on average`), `${verdict.averageText} against ${averages}`);
  assert.equal(await page.locator('.sticky-answer .total').textContent(), `${dollars(sum)} a year`);
  // The chart's expected-year dots are the medical cards' totals, at the spending the flips quote.
  await reveal(page, 'detail-charts');
  const medical = cards.find((c) => c.category === 'medical').cards;
  for (const c of medical) {
    const dot = await page.locator(`circle.at-expected[data-option="${c.id}"]`).getAttribute('data-cents');
    assert.equal(Number(dot), c.total, `${c.id}: the chart at your expected year is the card's total`);
  }
  const spend = Number(await page.locator('line.expected-spend').getAttribute('data-cents'));
  const flips = await page.locator('ul.changes[data-category="medical"] li').allTextContents();
  const byName = (n) => medical.find((c) => c.name === n);
  const medicalPick = verdict.picks.find((p) => p.category === 'medical')?.name;
  for (const f of flips) {
    // Either another plan would cost less than the cheapest for the year, or the pick would
    // become the cheapest too; the pick is never offered as the change.
    const r = f.match(/came to (?:(?:less|more) than about (\$[\d,]+)|between about (\$[\d,]+) and (\$[\d,]+)) in allowed charges \(you expect (\$[\d,]+);.*?costing (less|more)\), (?:(.+) would cost less for the year than (.+)|our pick, (.+), would also cost the least for the year \(instead of (.+)\))\.$/);
    assert.ok(r || !f.startsWith('If your medical care came to'), `unread: ${f}`);
    if (!r) continue;
    // [, direction, threshold (the end of the range next to the expected spending), expected, winner, loser]
    const m = [f, r[5], r[1] ?? (r[5] === 'less' ? r[3] : r[2]), r[4], r[6] ?? r[8], r[7] ?? r[9]];
    assert.equal(f.includes('our pick'), m[4] === medicalPick, f);
    assert.equal(m[3], dollars(spend), `${f}: the expected spending is the chart's`);
    if (m[1] === 'less') assert.ok(cents(m[2]) <= spend, f); else assert.ok(cents(m[2]) > spend, f);
    // At the expected spending the plan said to win past the threshold does not already win.
    const [winner, loser] = [byName(m[4]), byName(m[5])];
    assert.ok(winner && loser, f);
    assert.ok(winner.total >= loser.total, `${f}: but at your expected year ${m[4]} already costs ${winner.total} against ${loser.total}`);
  }
  // Each row of the full cost table adds up from left to right: premium and surcharges + your
  // care − employer HSA money − tax savings = the total, which is the card's.
  await reveal(page, 'detail-costs');
  const rows = await page.locator('table.options tbody tr:not(.excluded)').evaluateAll((trs) => trs.map((tr) => {
    const cell = (label) => tr.querySelector(`td[data-label="${label}"]`).textContent;
    return { id: tr.dataset.option, premium: cell('Premium + surcharges'), care: cell('Your care'), hsa: cell('Employer HSA money'), tax: cell('Tax savings'), total: cell('Total, expected year'), cheapest: cell('Cheapest in') };
  }));
  const amounts = (t) => [...t.matchAll(/\$[\d,]+\.\d\d/g)].map((m) => cents(m[0]));
  for (const row of rows) {
    const premium = amounts(row.premium).reduce((a, b) => a + b, 0);
    const [care] = amounts(row.care);
    assert.equal(premium + care - cents(row.hsa) - cents(row.tax), cents(row.total), `${row.id}: ${JSON.stringify(row)}`);
    const card = cards.flatMap((c) => c.cards).find((c) => c.id === row.id);
    assert.equal(cents(row.total), card.total, `${row.id}: the table's total is the card's`);
    // "Cheapest in": the same percent on the card and in the table.
    assert.equal(card.cheapest.replace(' of simulated years', ''), row.cheapest.replace(' of years', ''), `${row.id}: cheapest in`);
  }
  // The print summary carries the same total.
  const printed = (sum / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const printedText = await page.locator('.print-only').textContent();
  assert.ok(printedText.includes(`cost $${printed} for the expected year`), 'the print summary total');
  // Paper says what the screen says about each pick: its saving or what it trades.
  for (const pick of verdict.picks) assert.ok(printedText.includes(pick.compare), `printed: ${pick.compare}`);
  return { verdict, cards };
}

async function shoot(page, name) {
  await page.screenshot({ path: screenshotPath(`journey-${name}.png`), fullPage: true });
}

/** Runs a journey at both widths. */
function journey(title, name, steps) {
  for (const [width, viewport] of [['desktop', desktop], ['phone', phone]]) {
    test(`${title} (${width})`, async () => {
      const { page, context, errors } = await openPage(viewport);
      await steps(page, width);
      const seen = await checkNothingContradicts(page);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= viewport.width, `the page is ${scrollWidth}px wide`);
      await shoot(page, `${name}-${width}`);
      assert.deepEqual(errors, []);
      assert.ok(seen.verdict.picks.length >= 1);
      await context.close();
    });
  }
}

journey('a single person with little care', 'single-low', async (page) => {
  await page.locator('#c0-usage').selectOption('low');
});

journey('a family of four expecting a baby, with a smoker and a spouse with other coverage', 'family-baby', async (page) => {
  await page.getByRole('button', { name: 'Add a spouse' }).click();
  await page.locator('#p1-tobacco').check();
  await page.locator('#spouse-other').check();
  for (const age of ['9', '5']) {
    await page.getByRole('button', { name: 'Add a child' }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(age);
  }
  // Children are not asked about tobacco or Medicare.
  assert.equal(await page.locator('#p3-tobacco').count(), 0);
  assert.equal(await page.locator('#p3-medicare').count(), 0);
  await page.locator('label:has(#c1-event-having_a_baby)').click();
  const offer = page.locator('.offer');
  await offer.waitFor();
  await offer.getByRole('button', { name: 'Add the baby' }).click();
  await offer.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#p4-age').inputValue(), '0');
  await page.waitForFunction(() => document.activeElement?.id === 'p4-name');
  await page.locator('.plan-card[data-option="shbp-2010-oap"] .tier').filter({ hasText: /Child/ }).waitFor();
  // Both surcharges, by name, on the plan that charges them.
  await simulated(page);
  assert.match(await page.locator('.plan-card[data-option="shbp-2010-oap"] .premium').innerText(), /\+ \$1,200\.00 surcharges/);
  await reveal(page, 'detail-costs');
  const notes = await page.locator('#detail-costs .notes').first().innerText();
  assert.match(notes, /Tobacco surcharge: \$60\.00 a month/);
  assert.match(notes, /Spousal surcharge: \$40\.00 a month/);
});

journey('a new hire', 'new-hire', async (page) => {
  await page.locator('#status').selectOption('new_hire');
  await page.locator('.plan-card[data-option="shbp-2010-oap"]').waitFor({ state: 'detached' });
  assert.match(await page.locator('#plans').innerText(), /SHBP Open Access Plus \(OAP\) 2010: not available to you: new hires/);
  assert.notEqual(await page.locator('.recommendation[data-category="medical"] .pick').innerText(), 'SHBP Open Access Plus (OAP) 2010');
});

journey('a person with diabetes who changes the goal', 'diabetes-goal', async (page) => {
  await page.locator('label:has(#c0-event-type_2_diabetes)').click();
  await simulated(page);
  const pick = async () => page.locator('.recommendation[data-category="medical"]').innerText();
  await page.locator('#goal').selectOption('lowest_expected');
  await simulated(page);
  const cheapest = await pick();
  assert.match(cheapest, /Saves about \$[\d,]+ a year on average against/);
  await page.locator('#goal').selectOption('lowest_worst_case');
  await simulated(page);
  const safest = await pick();
  // Either the same plan, or the trade is said in money.
  if (safest.split('\n')[1] !== cheapest.split('\n')[1]) {
    assert.match(safest, /Costs \$[\d,]+ more a year on average than .+, to pay \$[\d,]+ less in a very bad year \(1 year in 100\)\./);
  }
});

journey('dental and vision choices', 'dental-vision', async (page) => {
  await simulated(page);
  // Any combination: the HDHP with the high dental plan and no vision plan.
  await page.locator('#combo-medical').selectOption({ label: 'SHBP High Deductible Health Plan (HDHP) 2010' });
  await page.locator('#combo-dental').selectOption({ label: 'MetLife PDP Plus Dental, High plan (example)' });
  await page.locator('#combo-vision').selectOption({ label: 'No vision plan' });
  const total = async (id) => Number(await page.locator(`.plan-card[data-option="${id}"] .expected-total`).getAttribute('data-cents'));
  const sum = (await total('shbp-2010-hdhp')) + (await total('dental-high')) + (await total('no-vision'));
  const line = await page.locator('.combination-total').innerText();
  assert.ok(line.startsWith(`$${(sum / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} for the year of care you entered`), line);
  assert.match(line, /more than our pick/);
  // Sorting the cards by premium puts the lowest premium first in each category.
  await page.locator('#sort-by').selectOption('premium');
  const premiums = await page.locator('ul.plan-cards[data-category="dental"] .plan-card .premium').allInnerTexts();
  const values = premiums.map((p) => cents(p.split(' a year')[0]));
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  await page.locator('#sort-by').selectOption('goal');
});

test('the why links open the detail that backs each reason, and the phone bar reaches the answer', async () => {
  const { page, context, errors } = await openPage(phone);
  await simulated(page);
  // The sticky bar is on screen at the top of the page, and one tap reaches the verdict.
  const bar = page.locator('.sticky-answer');
  assert.ok(await bar.isVisible());
  assert.ok(!(await page.locator('#verdict').isVisible()) || (await page.locator('#verdict').boundingBox()).y > phone.height);
  await bar.getByRole('link', { name: 'See why' }).click();
  await page.waitForFunction(() => { const r = document.querySelector('#verdict').getBoundingClientRect(); return r.top >= -1 && r.top < 200; });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verdict');
  assert.match(page.url(), /#s=/, 'the link still holds the entries');
  // On a phone the charts are tables with readable text.
  await page.locator('.verdict .why-link').first().click();
  await reveal(page, 'detail-charts');
  // The disclosure builds its content when it opens: wait for it before checking what shows.
  await page.locator('.curve-table').waitFor({ state: 'visible' });
  assert.ok((await page.locator('.chart').count()) > 0, 'the chart is on the page');
  assert.equal(await page.locator('.chart').first().isVisible(), false);
  const size = await page.locator('.curve-table td').first().evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
  assert.ok(size >= 12, `table text is ${size}px`);
  // A card's "How … is worked out" opens its claim lines with a totals row.
  await page.locator('.plan-card[data-option="shbp-2010-hdhp"] .why-link').click();
  assert.ok(await page.locator('#detail-why').evaluate((d) => d.open));
  assert.equal(await page.locator('#why-plan').inputValue(), 'shbp-2010-hdhp');
  assert.match(await page.locator('.why tr.totals').innerText(), /^Totals/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy link puts the page address, with the entries, on the clipboard', async () => {
  const { page, context } = await openPage();
  await page.getByRole('button', { name: 'Add a child' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.locator('header .copied').filter({ hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(decodeURIComponent(copied), /"relationship":"child"/);
  await context.close();
});

test('nothing overflows at 1280 px with every disclosure open', async () => {
  const { page, context } = await openPage({ width: 1280, height: 900 });
  await simulated(page);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.locator('#why-plan').selectOption('shbp-2010-oap');
  // A chart's table at this width is for screen readers (clipped to a pixel) until focused.
  const over = await page.evaluate(() => [...document.querySelectorAll('.scroll, .card, table')]
    .filter((e) => !e.closest('.chart-table:not(:focus-within)'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.getAttribute('aria-label') ?? e.className}: ${e.scrollWidth} > ${e.clientWidth}`)
    .filter((e) => !e.startsWith('Claim by claim')));
  assert.deepEqual(over, []);
  await context.close();
});

test('axe finds no serious or critical problems in the new regions, opened, at both widths', async () => {
  const fs = await import('node:fs');
  const { createRequire } = await import('node:module');
  const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const viewport of [desktop, phone]) {
    const { page, context } = await openPage(viewport);
    await simulated(page);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.locator('#why-plan').selectOption('shbp-2010-hra');
    await page.evaluate(axe); // not an inline <script>: the page's CSP refuses those
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
    assert.deepEqual(bad, [], `at ${viewport.width}px`);
    await context.close();
  }
});

test('the answer, the cards and the detail work by keyboard alone', async () => {
  const { page, context } = await openPage();
  await simulated(page);
  // Tab from the top of the page to the first "Why?" link of the verdict and follow it.
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList.contains('why-link') && !!document.activeElement.closest('.verdict'));
  }
  assert.ok(found, 'a Why? link in the verdict is reachable by Tab');
  const target = await page.evaluate(() => document.activeElement.getAttribute('href').slice(1));
  await page.keyboard.press('Enter');
  assert.ok(await page.locator(`#${target}`).evaluate((d) => d.open), `${target} opens`);
  assert.equal(await page.evaluate(() => document.activeElement?.parentElement?.id), target, 'focus moves to what opened (its summary)');
  // The sort order by keyboard.
  await page.locator('#sort-by').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#sort-by').inputValue(), 'average');
  // A disclosure by keyboard.
  await page.locator('#detail-rules > summary').focus();
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#detail-rules').evaluate((d) => d.open));
  await context.close();
});
