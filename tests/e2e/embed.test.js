// <costshare-guide> on a carrier's page: the page on one loopback origin, the guide's files on
// another (served with CORS), under a strict Content-Security-Policy sent as an HTTP header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveDist, servePages, launch, screenshotPath, dist, artifacts, cliCompare, trapSite, trapWorker } from './harness.js';

const require = createRequire(import.meta.url);
let widget, browser, widgetOrigin;

before(async () => {
  widget = await serveDist({
    '/catalogs/bad.json': JSON.stringify({ schema_version: 1, name: 'Broken', plans: [{ schema_version: 1, id: 'Bad Plan' }] }),
  }, '', { 'access-control-allow-origin': '*' });
  widgetOrigin = new URL(widget.url).origin;
  browser = await launch();
});
after(async () => { await browser?.close(); await widget?.close(); });

/** The strict policy of the issue, plus (when `blob`) `worker-src blob:` for the background worker. */
const policy = (blob) => `script-src 'self' ${widgetOrigin} 'wasm-unsafe-eval'; style-src 'self'${blob ? '; worker-src blob:' : ''}`;

const hostPage = (body, css = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Health: choose your plan</title>
<link rel="stylesheet" href="/host.css"></head><body><h1 id="outside">Acme Health</h1>${body}
<script type="module" src="${widget.url}costshare-guide.js"></script></body></html>`;

/** Opens a host page; collects the guide's events, page errors and CSP violations. */
async function openHost(pages, { blob = true, viewport = { width: 1366, height: 900 }, css = '' } = {}) {
  const host = await servePages({ ...pages, '/host.css': css }, { 'content-security-policy': policy(blob) });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.events = [];
    window.violations = [];
    for (const t of ['costshare-ready', 'costshare-change', 'costshare-recommendation', 'costshare-error']) {
      document.addEventListener(t, (e) => window.events.push({ type: t, target: e.target.id, detail: e.detail }));
    }
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(host.url);
  return { page, context, errors, host, close: async () => { await context.close(); await host.close(); } };
}

const events = (page, type, target) => page.evaluate(([t, id]) => window.events.filter((e) => e.type === t && (!id || e.target === id)).map((e) => e.detail), [type, target]);
const inGuide = (page, selector, id = 'guide') => page.locator(`#${id}`).locator(selector);
const simulated = (page, id = 'guide', n = 10000) => inGuide(page, `p.done[data-simulations="${n}"]`, id).waitFor({ timeout: 40000 });

const compareWithCli = (household) => cliCompare(household, 'household-from-widget.json');
// The built-in catalog (as the site publishes it) without one plan, for a host's own catalog.
const builtInCatalogWithout = (planId) => {
  const catalog = JSON.parse(fs.readFileSync(path.join(dist, 'public', 'catalog.json'), 'utf8'));
  catalog.plans = catalog.plans.filter((p) => p.id !== planId);
  return catalog;
};

test('a carrier page embeds the guide from another origin under a strict policy, and hears what it recommends', async () => {
  const { page, errors, close } = await openHost({ '/': hostPage('<costshare-guide id="guide" goal="protection"></costshare-guide>') });
  await inGuide(page, '.verdict .recommendation').first().waitFor({ timeout: 20000 });
  await simulated(page);
  // A person adds a child, inside the shadow root, by keyboard.
  await inGuide(page, 'button:has-text("Add a child")').focus();
  await page.keyboard.press('Enter');
  await simulated(page);
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-recommendation').at(-1)?.detail.simulated
    && window.events.filter((e) => e.type === 'costshare-change').at(-1)?.detail.people.length === 2);
  const [ready] = await events(page, 'costshare-ready');
  assert.match(ready.engineVersion, /^\d+\.\d+\.\d+$/);
  assert.equal(await page.evaluate(() => window.events[0].type), 'costshare-ready', 'ready comes first');
  const household = (await events(page, 'costshare-change')).at(-1);
  assert.equal(household.goal, 'lowest_worst_case', 'the goal attribute reached the guide');
  // A household file's fields are left out when not set, never null (its TypeScript type says
  // `tax?: TaxFile`).
  assert.deepEqual(Object.entries(household).filter(([, v]) => v === null), []);
  assert.equal(household.people.length, 2);
  // The recommendation event has the CLI's picks and totals for the same household.
  const rec = (await events(page, 'costshare-recommendation')).at(-1);
  const cli = compareWithCli(household);
  assert.equal(rec.simulations, 10000);
  for (const r of cli.recommendations) {
    const choice = rec.choices.find((c) => c.category === r.category);
    assert.equal(choice.planId, r.recommended, `${r.category} pick`);
    const option = cli.options.find((o) => o.id === r.recommended);
    assert.equal(Number(choice.yearlyTotal), Number(option.expected.total), `${r.category} yearly total`);
    assert.equal(Number(choice.average), Number(option.simulated.mean), `${r.category} average`);
  }
  assert.equal(rec.engineVersion, ready.engineVersion);
  // Code that runs later reads the same from the element.
  assert.deepEqual(await page.locator('#guide').evaluate((g) => g.recommendation), rec);
  // The npm package's types for the element (costshare/guide) are checked against a recorded
  // event (tests/npm/guide-consumer.ts); that event has the fields this one has.
  const recorded = JSON.parse(fs.readFileSync(path.resolve(dist, '../tests/npm/guide-consumer.ts'), 'utf8').match(/const sent: GuideRecommendation = (\{.*\});/)[1]);
  const shape = (v) => (Array.isArray(v) ? [shape(v[0])] : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])])) : typeof v);
  assert.deepEqual(shape(rec), shape(recorded));
  // Each change event is a new scenario.
  const changes = await events(page, 'costshare-change');
  changes.slice(1).forEach((c, i) => assert.notDeepEqual(c, changes[i], 'no change event repeats the one before it'));
  // The guide's verdict says the same total as the event.
  const figure = await inGuide(page, '.verdict-total .figure').getAttribute('data-cents');
  assert.equal(Number(figure) / 100, Number(rec.yearlyTotal));
  // Nothing was refused by the page's policy, and the page's address is untouched.
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(errors, []);
  await page.screenshot({ path: screenshotPath('embed-carrier-desktop.png'), fullPage: true });
  await close();
});

test('the host page cannot restyle the guide, and the guide restyles nothing outside it', async () => {
  const body = '<p id="para">Pick a plan below.</p><costshare-guide id="guide"></costshare-guide>';
  const measure = async (css) => {
    const { page, close } = await openHost({ '/': hostPage(body) }, { css });
    await inGuide(page, '.verdict .recommendation').first().waitFor({ timeout: 20000 });
    const inside = await inGuide(page, '.verdict h2').evaluate((h) => {
      const s = getComputedStyle(h);
      return { color: s.color, margin: s.margin, border: s.borderTopWidth, size: s.fontSize, background: getComputedStyle(h.closest('.verdict')).backgroundColor };
    });
    const outside = await page.locator('#para').evaluate((h) => getComputedStyle(h).color);
    await close();
    return { inside, outside };
  };
  const plain = await measure('');
  const hostile = await measure('* { color: rgb(255, 0, 0) !important; margin: 40px !important; border: 5px solid lime !important; background: yellow !important; font-size: 30px !important; } h2 { display: none !important; }');
  assert.equal(hostile.outside, 'rgb(255, 0, 0)', 'the hostile stylesheet applies to the page');
  assert.deepEqual(hostile.inside, plain.inside, 'the guide looks the same under a stylesheet that restyles everything');
  // And the guide's own sheet does not reach the page: the page's heading keeps the browser's look.
  const { page, close } = await openHost({ '/': hostPage(body) });
  await inGuide(page, '.verdict').waitFor({ timeout: 20000 });
  const outside = await page.locator('#outside').evaluate((h) => { const s = getComputedStyle(h); return { color: s.color, size: s.fontSize, margin: s.margin, font: s.fontFamily }; });
  const bare = await browser.newPage();
  await bare.setContent('<h1 id="outside">Acme Health</h1>');
  const expected = await bare.locator('#outside').evaluate((h) => { const s = getComputedStyle(h); return { color: s.color, size: s.fontSize, margin: s.margin, font: s.fontFamily }; });
  await bare.close();
  assert.deepEqual(outside, expected);
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length + document.querySelectorAll('style').length), 0);
  await close();
});

test("printing from a guide on a host page prints the guide's summary alone, on one page, and leaves the page as it was", async () => {
  // A host layout that would squeeze the guide: a side menu and a narrow column, under the
  // strict policy (no inline styles allowed: the print stylesheet is a constructed one).
  const body = `<nav id="menu"><a href="#">Benefits home</a></nav><div id="layout"><aside id="side">Questions? Call us.</aside>
<main id="column"><p id="para">Pick a plan below.</p><costshare-guide id="guide"></costshare-guide></main></div><footer id="foot">Acme Health footer</footer>`;
  const css = '#layout { display: grid; grid-template-columns: 60% 340px; } #column { border: 4px solid red; padding: 30px; }';
  const { page, errors, close } = await openHost({ '/': hostPage(body) }, { css });
  await simulated(page);
  // The browser's print dialog cannot be driven headless: record what the page looks like when
  // the guide asks for it.
  await page.evaluate(() => {
    window.print = () => {
      window.printCalls = (window.printCalls ?? 0) + 1;
      window.markedAtPrint = [...document.querySelectorAll('[data-costshare-printing]')].map((e) => e.id || e.localName);
    };
  });
  await inGuide(page, 'button:has-text("Print a one-page summary")').click();
  assert.equal(await page.evaluate(() => window.printCalls), 1);
  assert.deepEqual(await page.evaluate(() => window.markedAtPrint), ['html', 'body', 'layout', 'column', 'guide']);
  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.locator(selector).evaluate((e) => getComputedStyle(e).display !== 'none');
  for (const id of ['#outside', '#menu', '#side', '#para', '#foot']) assert.equal(await shown(id), false, `${id} is not printed`);
  assert.equal(await inGuide(page, '.print-only').isVisible(), true);
  assert.match(await inGuide(page, '.print-only').innerText(), /Made with costshare on \d{4}-\d{2}-\d{2}, for plan year 2010\./);
  assert.equal(await inGuide(page, '.inputs').isVisible(), false);
  // The guide takes the paper's width, not its screen column's.
  const widths = await page.evaluate(() => [document.getElementById('guide').getBoundingClientRect().width, document.documentElement.clientWidth]);
  assert.ok(widths[0] >= widths[1] - 1, `guide ${widths[0]} px wide on a ${widths[1]} px page`);
  await page.screenshot({ path: screenshotPath('embed-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'Letter' });
  fs.writeFileSync(path.join(artifacts, 'embed-summary.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the printed summary has ${pages} pages`);
  // When printing ends, the page is as it was.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-costshare-printing]').length + document.adoptedStyleSheets.length), 0);
  for (const id of ['#outside', '#menu', '#side', '#para', '#foot']) assert.equal(await shown(id), true, `${id} is back`);
  assert.deepEqual(errors, []);
  await close();
});

test('themes through custom properties and parts', async () => {
  const { page, close } = await openHost({ '/': hostPage('<costshare-guide id="guide"></costshare-guide>') },
    { css: 'costshare-guide { --costshare-color-primary: rgb(120, 20, 90); --costshare-radius: 0px; } costshare-guide::part(verdict) { outline: 4px solid rgb(1, 2, 3); }' });
  await inGuide(page, '.verdict').waitFor({ timeout: 20000 });
  const look = await inGuide(page, '.verdict').evaluate((v) => ({ border: getComputedStyle(v).borderTopColor, radius: getComputedStyle(v).borderTopLeftRadius, outline: getComputedStyle(v).outlineColor }));
  assert.deepEqual(look, { border: 'rgb(120, 20, 90)', radius: '0px', outline: 'rgb(1, 2, 3)' });
  // The radius reaches the plan cards, fields and buttons too (only the "Our pick" badge stays
  // round).
  const rounded = await page.locator('#guide').evaluate((g) => [...g.shadowRoot.querySelectorAll('*')]
    .filter((e) => !e.matches('.badge') && getComputedStyle(e).borderTopLeftRadius !== '0px').map((e) => e.className || e.localName));
  assert.deepEqual(rounded, []);
  await close();
});

test('two guides on one page share one module and keep their own answers', async () => {
  const { page, close } = await openHost({ '/': hostPage('<costshare-guide id="a" plans="shbp-2010-hra shbp-2010-oap dental-low vision-basic"></costshare-guide><costshare-guide id="b" goal="lowest-average" simulations="2000"></costshare-guide>') });
  await simulated(page, 'a');
  await simulated(page, 'b', 2000);
  const loads = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(loads, 1, 'the wasm module is fetched once');
  // Guide a shows only the plans named.
  const cards = await inGuide(page, 'ul.plan-cards[data-category="medical"] .plan-card', 'a').evaluateAll((cs) => cs.map((c) => c.dataset.option));
  assert.deepEqual(cards.sort(), ['shbp-2010-hra', 'shbp-2010-oap']);
  assert.equal(await inGuide(page, '.plan-card[data-option="shbp-2010-hdhp"]', 'b').count(), 1);
  // Guide b's words count its own 2,000 years, nowhere the site's 10,000.
  assert.match(await inGuide(page, 'p.done', 'b').textContent(), /^Based on 2,000 simulated years of care for your household\. Our pick: /);
  await inGuide(page, '#detail-costs > summary', 'b').click();
  assert.match(await inGuide(page, '#detail-costs .hint', 'b').first().innerText(), /the middle 80% of the simulated years/);
  assert.doesNotMatch(await inGuide(page, '.costshare', 'b').first().innerText(), /(?<!\$)10,000/);
  // Changing an attribute updates the view.
  await page.locator('#b').evaluate((g) => g.setAttribute('goal', 'protection'));
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change' && e.target === 'b').at(-1)?.detail.goal === 'lowest_worst_case');
  await page.screenshot({ path: screenshotPath('embed-two-desktop.png'), fullPage: true });
  await close();
});

test('bad attributes, catalogs and households get an error event and a message in the guide, never a dead element', async () => {
  const { page, errors, close } = await openHost({ '/': hostPage('<costshare-guide id="guide" goal="cheapest" plans="shbp-2010-hra nope"></costshare-guide>') });
  await inGuide(page, '.verdict').waitFor({ timeout: 20000 });
  const problems = async () => (await events(page, 'costshare-error')).map((e) => `${e.code} ${e.path}: ${e.message}`);
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-error').length >= 2);
  let seen = (await problems()).join('\n');
  assert.match(seen, /INVALID_ATTRIBUTE goal: "cheapest" is not a goal; use lowest-average, protection or balanced/);
  assert.match(seen, /INVALID_ATTRIBUTE plans: the catalog has no plan nope/);
  assert.match(await inGuide(page, 'section.error').first().innerText(), /goal: "cheapest" is not a goal/);
  // A catalog that fails validation.
  await page.locator('#guide').evaluate((g, url) => g.setAttribute('catalog', url), `${widget.url}catalogs/bad.json`);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.code === 'INVALID_CATALOG'));
  seen = (await problems()).join('\n');
  assert.match(seen, /INVALID_CATALOG catalog: the catalog at .*bad\.json has problems:\n.*plans\[0\]/);
  assert.equal((await problems()).filter((p) => p.startsWith('INVALID_ATTRIBUTE goal')).length, 1, 'each problem is told once');
  // A household object of the wrong shape.
  await page.locator('#guide').evaluate((g) => { g.household = { people: 'everyone' }; });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.path === 'household'));
  // Objects that cannot be written as JSON (a cycle): no exception into the host's code, an
  // event, and the guide shows that reason in place of the earlier one.
  const thrown = await page.locator('#guide').evaluate((g) => {
    const cyclic = { people: [] };
    cyclic.self = cyclic;
    try { g.household = cyclic; g.catalog = cyclic; return null; } catch (e) { return String(e); }
  });
  assert.equal(thrown, null);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.path === 'household' && e.detail.message.startsWith('the household property cannot be turned into JSON')));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.code === 'INVALID_CATALOG' && e.detail.message.startsWith('the catalog property cannot be read as JSON')));
  const shown = (await inGuide(page, 'section.error').allInnerTexts()).join('\n');
  assert.match(shown, /the household property cannot be turned into JSON/);
  assert.match(shown, /the catalog property cannot be read as JSON/);
  assert.doesNotMatch(shown, /invalid type: string "everyone"/);
  await page.locator('#guide').evaluate((g) => { g.catalog = undefined; });
  // The guide still works: fix the goal and the answer is there.
  await page.locator('#guide').evaluate((g) => { g.setAttribute('goal', 'balanced'); g.removeAttribute('catalog'); g.household = { people: [{ name: 'Sam', relationship: 'employee', age: 30, usage: 'low' }] }; });
  await inGuide(page, '#p0-name').and(page.locator('[id="p0-name"]')).waitFor().catch(() => {});
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change').at(-1)?.detail.people[0].name === 'Sam');
  assert.equal(await inGuide(page, '#p0-name').inputValue(), 'Sam');
  assert.deepEqual(errors, []);
  await close();
});

test('under the exact strict policy (no blob: workers) the simulation runs on the page, shorter, and says so', async () => {
  const { page, errors, close } = await openHost({ '/': hostPage('<costshare-guide id="guide"></costshare-guide>') }, { blob: false });
  await simulated(page, 'guide', 2000);
  assert.match(await inGuide(page, 'p.notice').first().innerText(), /security settings do not let the simulation run in the background, so it simulates 2,000 years/);
  // The only refusal is the guide's own check for a worker.
  const violations = await page.evaluate(() => window.violations);
  assert.ok(violations.every((v) => v.startsWith('worker-src blob') || v.startsWith('script-src blob')), violations.join('\n'));
  assert.deepEqual(errors, []);
  await close();
});

test('works at phone width and in a 320 px column, as tall as its content, with keyboard and axe', async () => {
  // A host page with a wide serif font, which the guide inherits.
  const { page, close } = await openHost({ '/': hostPage('<div id="column"><costshare-guide id="guide"></costshare-guide></div>') }, { viewport: { width: 390, height: 844 }, css: 'body { font-family: Georgia, "DejaVu Serif", serif; } #column { width: 320px; }' });
  await simulated(page);
  // Each of a person's labels is beside its own field (left of it, on its line), whatever the font.
  for (const id of ['p0-name', 'p0-age']) {
    const [label, field] = await Promise.all([inGuide(page, `label[for="${id}"]`).boundingBox(), inGuide(page, `#${id}`).boundingBox()]);
    const middle = (b) => b.y + b.height / 2;
    assert.ok(Math.abs(middle(label) - middle(field)) < 12 && label.x + label.width <= field.x, `${id}: label ${JSON.stringify(label)}, field ${JSON.stringify(field)}`);
  }
  const sizes = await page.locator('#guide').evaluate((g) => {
    const all = [...g.shadowRoot.querySelectorAll('*')];
    return {
      width: g.getBoundingClientRect().width,
      overflow: all.filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible' && !e.closest('.scroll')).map((e) => e.className),
      scrollers: all.filter((e) => e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)).map((e) => e.className),
      widest: Math.max(...all.filter((e) => !e.closest('.scroll')).map((e) => e.getBoundingClientRect().right)),
    };
  });
  assert.equal(sizes.width, 320);
  assert.deepEqual(sizes.scrollers, [], 'no inner scrollbars');
  assert.ok(sizes.widest <= 320 + 8 + 1, `content reaches ${sizes.widest}px`);
  // Cards stack and the charts are tables in a narrow guide.
  await inGuide(page, '#detail-charts > summary').click();
  // The disclosure builds its content when it opens: wait for it before checking what shows.
  await inGuide(page, '.curve-table').waitFor({ state: 'visible' });
  assert.ok((await inGuide(page, '.chart').count()) > 0, 'the chart is in the guide');
  assert.equal(await inGuide(page, '.chart').first().isVisible(), false);
  // Keyboard: a Why? link opens the detail, inside the shadow root.
  await inGuide(page, '.verdict .why-link').first().focus();
  await page.keyboard.press('Enter');
  assert.ok(await inGuide(page, '#detail-costs').evaluate((d) => d.open));
  // axe inside the shadow root.
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') }).catch(() => {});
  const loaded = await page.evaluate(() => typeof window.axe);
  if (loaded !== 'undefined') {
    const result = await page.evaluate(async () => await window.axe.run('#guide', { resultTypes: ['violations'] }));
    assert.deepEqual(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  } else {
    // The page's policy refuses inline scripts; check the same markup on a page without one.
    const bare = await browser.newPage();
    await bare.setContent('<!doctype html><html lang="en"><head><title>Guide</title></head><body><main><div id="x"></div></main></body></html>');
    await bare.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const html = await page.locator('#guide').evaluate((g) => g.shadowRoot.innerHTML);
    const css = await page.locator('#guide').evaluate((g) => [...g.shadowRoot.adoptedStyleSheets[0].cssRules].map((r) => r.cssText).join('\n'));
    await bare.evaluate(([h, c]) => { const host = document.querySelector('#x'); const r = host.attachShadow({ mode: 'open' }); const s = new CSSStyleSheet(); s.replaceSync(c); r.adoptedStyleSheets = [s]; r.innerHTML = h; }, [html, css]);
    const result = await bare.evaluate(async () => await window.axe.run('#x', { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    assert.deepEqual(bad, []);
    await bare.close();
  }
  await page.screenshot({ path: screenshotPath('embed-column-phone.png'), fullPage: true });
  await close();
});

test("element mode: the host's catalog decides every recommendation; none while it loads or when it cannot be used", async () => {
  // The built-in plans without the HRA, on the host's origin. With the built-in catalog this
  // household's balanced pick is the HRA.
  const catalog = builtInCatalogWithout('shbp-2010-hra');
  const { page, errors, close } = await openHost({
    '/': hostPage('<costshare-guide id="guide" catalog="/benefits/plans.json"></costshare-guide>'),
    '/benefits/plans.json': JSON.stringify(catalog),
  });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-recommendation' && e.detail.simulated), null, { timeout: 40000 });
  const medical = async () => (await events(page, 'costshare-recommendation')).map((r) => r.choices.find((c) => c.category === 'medical')?.planId);
  const picks = await medical();
  assert.ok(picks.every((id) => id && id !== 'shbp-2010-hra'), `only the host's plans, from the first answer on: ${picks}`);
  // A plans attribute naming a plan the host's catalog lacks: one problem, about that catalog.
  await page.locator('#guide').evaluate((g) => g.setAttribute('plans', 'shbp-2010-oap nope'));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.path === 'plans'));
  await page.waitForTimeout(500);
  const plansProblems = (await events(page, 'costshare-error')).filter((e) => e.path === 'plans');
  assert.equal(plansProblems.length, 1, JSON.stringify(plansProblems));
  assert.doesNotMatch(plansProblems[0].message, /shbp-2010-hra/);
  // A catalog that cannot be loaded: an error and a message, and no recommendation of plans the
  // host did not ask for.
  await page.locator('#guide').evaluate((g) => { g.removeAttribute('plans'); g.setAttribute('catalog', '/benefits/missing.json'); });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.code === 'INVALID_CATALOG'));
  const before = (await events(page, 'costshare-recommendation')).length;
  await page.locator('#guide').evaluate((g) => g.setAttribute('goal', 'protection'));
  await inGuide(page, 'p.done[data-simulations="10000"]').waitFor({ timeout: 40000 });
  await page.waitForTimeout(500);
  assert.equal((await events(page, 'costshare-recommendation')).length, before, 'no recommendation from the built-in plans');
  // Nor does the property keep the last catalog's.
  assert.equal(await page.locator('#guide').evaluate((g) => g.recommendation), undefined);
  assert.match(await inGuide(page, 'section.error').first().innerText(), /missing\.json/);
  assert.deepEqual(errors, []);
  await close();
});

test('iframe mode: the site in a frame sends the same events and its height, to the host page only', async () => {
  // The host's catalog (the built-in plans without the HDHP) on the host's own origin, fetched by
  // the element on the host page as in element mode; the theme set on the element.
  const catalog = builtInCatalogWithout('shbp-2010-hdhp');
  const framesBefore = widget.requests.filter((r) => r === '/').length;
  const { page, errors, close } = await openHost({
    '/': hostPage('<costshare-guide id="guide" mode="iframe" goal="protection" catalog="/benefits/plans.json"></costshare-guide>'),
    '/benefits/plans.json': JSON.stringify(catalog),
  }, { blob: false, css: 'costshare-guide { --costshare-color-primary: rgb(0, 100, 0); }' });
  // The frame is the site on the widget's origin.
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-ready'));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-recommendation' && e.detail.simulated), null, { timeout: 40000 });
  // The frame starts once, with the element's settings: its first answer already follows them.
  assert.equal(widget.requests.filter((r) => r === '/').length - framesBefore, 1, 'the site was framed once');
  assert.equal(await page.evaluate(() => window.events[0].type), 'costshare-ready', 'ready comes first');
  const changes = await events(page, 'costshare-change');
  assert.ok(changes.length >= 1);
  assert.ok(changes.every((c) => c.goal === 'lowest_worst_case'), 'every change, the first included, has the goal attribute');
  const recommendations = await events(page, 'costshare-recommendation');
  const medical = recommendations.map((r) => r.choices.find((c) => c.category === 'medical')?.planId);
  assert.ok(medical.every((id) => id && id !== 'shbp-2010-hdhp'), `only the host's catalog's plans: ${medical}`);
  const inFrame = page.frameLocator('#guide >> iframe');
  // The host's theme reaches the frame.
  const accent = await inFrame.locator('.costshare').first().evaluate((e) => getComputedStyle(e).getPropertyValue('--accent').trim());
  assert.equal(accent, 'rgb(0, 100, 0)');
  // A theme changed later on the host page (here its style; a class or a media query alike)
  // reaches the frame by itself, with no other change to the element.
  await page.locator('#guide').evaluate((g) => g.style.setProperty('--costshare-color-primary', 'rgb(0, 0, 120)'));
  const changed = await inFrame.locator('.costshare').first().evaluate((e) => new Promise((done) => {
    const until = performance.now() + 5000;
    const check = () => {
      const value = getComputedStyle(e).getPropertyValue('--accent').trim();
      if (value === 'rgb(0, 0, 120)' || performance.now() > until) done(value); else setTimeout(check, 20);
    };
    check();
  }));
  assert.equal(changed, 'rgb(0, 0, 120)');
  const frame = page.locator('#guide').locator('iframe');
  const height = await frame.evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(height > 1000, `the frame is as tall as the guide (${height}px)`);
  const src = await frame.getAttribute('src');
  assert.equal(new URL(src).searchParams.get('embed'), new URL(page.url()).origin);
  // The household property reaches the frame at once; reading it gives the person's entries.
  await page.locator('#guide').evaluate((g) => { g.household = { people: [{ name: 'Robin', relationship: 'employee', age: 52, usage: 'high' }] }; });
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change').at(-1)?.detail.people[0].name === 'Robin');
  assert.equal(await inFrame.locator('#p0-name').inputValue(), 'Robin');
  await inFrame.locator('#p0-name').fill('Robin Q');
  await inFrame.locator('#p0-name').press('Tab');
  await page.waitForFunction(() => document.querySelector('#guide').household?.people?.[0]?.name === 'Robin Q');
  // A changed attribute keeps the person's entries.
  await page.locator('#guide').evaluate((g) => g.setAttribute('goal', 'balanced'));
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change').at(-1)?.detail.goal !== 'lowest_worst_case');
  assert.equal(await inFrame.locator('#p0-name').inputValue(), 'Robin Q');
  const all = await events(page, 'costshare-change');
  all.slice(1).forEach((c, i) => assert.notDeepEqual(c, all[i], 'no change event repeats the one before it'));
  // A frame that names another origin sends this page nothing: the browser drops messages for a
  // target origin that is not the parent's.
  await page.evaluate((url) => {
    window.stray = 0;
    window.addEventListener('message', (m) => { if (m.source === document.querySelector('#stray')?.contentWindow) window.stray++; });
    const f = document.createElement('iframe');
    f.id = 'stray';
    f.src = url;
    document.body.append(f);
  }, `${widget.url}?embed=${encodeURIComponent('http://127.0.0.1:9')}`);
  await page.frameLocator('#stray').locator('.verdict').waitFor({ timeout: 20000 });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.stray), 0);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: screenshotPath('embed-iframe-desktop.png'), fullPage: true });
  await close();
});

test("iframe mode: a change while the host's catalog is still loading never shows the built-in plans; a catalog that does not load is said", async () => {
  const catalog = builtInCatalogWithout('shbp-2010-hdhp');
  const { page, errors, close } = await openHost({
    '/': hostPage('<costshare-guide id="guide" mode="iframe" goal="balanced" catalog="/benefits/plans.json"></costshare-guide>'),
    '/benefits/plans.json': JSON.stringify(catalog),
  }, { blob: false });
  // The catalog answers slowly; the goal changes while it loads (with the built-in plans,
  // "protection" picks the HDHP).
  await page.route('**/benefits/plans.json', async (route) => { await new Promise((r) => setTimeout(r, 3000)); await route.continue(); });
  await page.reload();
  await page.waitForTimeout(1500);
  await page.locator('#guide').evaluate((g) => g.setAttribute('goal', 'protection'));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-recommendation' && e.detail.simulated), null, { timeout: 40000 });
  const medical = (await events(page, 'costshare-recommendation')).map((r) => r.choices.find((c) => c.category === 'medical')?.planId);
  assert.ok(medical.every((id) => id && id !== 'shbp-2010-hdhp'), `only the host's plans: ${medical}`);
  assert.equal((await events(page, 'costshare-change')).at(-1).goal, 'lowest_worst_case');
  // A catalog address that does not load: the frame says why, in the guide's words.
  await page.locator('#guide').evaluate((g) => g.setAttribute('catalog', '/benefits/missing.json'));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.code === 'INVALID_CATALOG'));
  const failure = (await events(page, 'costshare-error')).find((e) => e.code === 'INVALID_CATALOG');
  assert.match(failure.message, /^the catalog at http:\/\/127\.0\.0\.1:\d+\/benefits\/missing\.json could not be loaded \(the server answered 404 Not Found\)$/);
  // The catalog property given as JSON text, as in element mode: read as the catalog, not as a
  // string (it was written out as JSON a second time, and the frame refused a string).
  const errorsBefore = (await events(page, 'costshare-error')).length;
  const recommendationsBefore = (await events(page, 'costshare-recommendation')).filter((r) => r.simulated).length;
  await page.locator('#guide').evaluate((g, text) => { g.removeAttribute('catalog'); g.catalog = text; }, JSON.stringify(catalog));
  await page.waitForFunction((n) => window.events.filter((e) => e.type === 'costshare-recommendation' && e.detail.simulated).length > n, recommendationsBefore, { timeout: 40000 });
  assert.deepEqual((await events(page, 'costshare-error')).slice(errorsBefore), []);
  const fromText = (await events(page, 'costshare-recommendation')).at(-1).choices.find((c) => c.category === 'medical').planId;
  assert.notEqual(fromText, 'shbp-2010-hdhp');
  assert.deepEqual(errors, []);
  await close();
});

test("the site in a host's own sandboxed frame (an opaque origin) starts styled and simulates on its own thread, instead of crashing", async () => {
  // Without allow-same-origin the frame's origin is "null": `new Worker` of the site's own loader
  // throws there, which used to stop the module (gloo panics); the stylesheet is a cross-origin
  // file whose integrity is checked only over CORS. The site's files are served with CORS here.
  const host = await servePages({ '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head><body>
<iframe sandbox="allow-scripts" title="Plan guide" src="${widget.url}" width="1200" height="900"></iframe></body></html>` });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(host.url);
  const frame = page.frameLocator('iframe');
  // The frame's own policy (worker-src 'self') refuses the blob: loader an opaque origin needs.
  await frame.getByText(/security settings do not let the simulation run in the background, so it simulates 2,000 years/).waitFor({ timeout: 40000 });
  await frame.locator('#p0-age').fill('41');
  await frame.locator('#p0-age').press('Tab');
  await frame.locator('.costshare:not([data-snapshot]) p.done[data-simulations="2000"]').waitFor({ timeout: 40000 });
  assert.equal(await frame.locator('main.crashed').count(), 0);
  assert.match(await frame.locator('.costshare:not([data-snapshot]) .recommendation').first().innerText(), /Saves about \$\d+ a year on average/);
  // Styled: the stylesheet arrived (unstyled, the page's layout has no maximum width).
  assert.notEqual(await frame.locator('main.layout').first().evaluate((e) => getComputedStyle(e).maxWidth), 'none');
  assert.deepEqual(errors, []);
  await context.close();
  await host.close();
});

test("the site in a host's sandboxed frame, served without CORS, says it could not start and why, instead of a silent snapshot", async () => {
  const plain = await serveDist();
  const host = await servePages({ '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head><body>
<iframe sandbox="allow-scripts" title="Plan guide" src="${plain.url}" width="1200" height="900"></iframe></body></html>` });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  const notice = page.frameLocator('iframe').locator('p.boot-failed[role="alert"]');
  await notice.waitFor({ timeout: 20000 });
  assert.equal(await notice.innerText(), 'costshare could not start: its program file did not load. This page is in a frame sandboxed without allow-same-origin, so its files must be served with Access-Control-Allow-Origin. Nothing can be changed here; any figures below are for the example starting household.');
  assert.equal(await notice.count(), 1);
  await page.screenshot({ path: screenshotPath('sandboxed-no-cors.png') });
  await context.close();
  await host.close();
  await plain.close();
});

test('iframe mode: settings of the wrong type and a household that cannot be written as JSON are said, not dropped', async () => {
  const { page, close } = await openHost({ '/': hostPage('<costshare-guide id="guide" mode="iframe"></costshare-guide>') }, { blob: false });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-recommendation'), null, { timeout: 40000 });
  // The element posts the settings; a host page can also post its own, of the wrong type.
  const frame = page.frameLocator('#guide iframe');
  await page.evaluate(() => {
    const f = document.querySelector('#guide').shadowRoot.querySelector('iframe');
    f.contentWindow.postMessage({ type: 'costshare-settings', detail: { goal: 7, simulations: {}, household: 12345 } }, new URL(f.src).origin);
  });
  await page.waitForFunction(() => ['goal', 'simulations', 'household'].every((n) => window.events.some((e) => e.type === 'costshare-error' && e.detail.code === 'INVALID_ATTRIBUTE' && e.detail.path === n)));
  assert.match((await events(page, 'costshare-error')).find((e) => e.path === 'goal').message, /the goal setting must be text \(a string\) or null/);
  // A cyclic household through the element: said by the frame.
  await page.locator('#guide').evaluate((g) => { const h = { people: [] }; h.self = h; g.household = h; });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.detail.path === 'household' && e.detail.message.startsWith('the household property cannot be turned into JSON')));
  assert.ok(await frame.locator('section.error').count() > 0);
  await close();
});

test('iframe mode: a site that does not let the page frame it gets an error event and a message, not a silent gap', async () => {
  const refusing = await serveDist({}, '', { 'access-control-allow-origin': '*', 'content-security-policy': "frame-ancestors 'none'" });
  const host = await servePages({ '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<costshare-guide id="guide" mode="iframe"></costshare-guide><script type="module" src="${refusing.url}costshare-guide.js"></script></body></html>` });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.failures = [];
    document.addEventListener('costshare-error', (e) => window.failures.push(e.detail));
  });
  await page.goto(host.url);
  await page.waitForFunction(() => window.failures.length > 0, null, { timeout: 20000 });
  const [failure] = await page.evaluate(() => window.failures);
  assert.equal(failure.code, 'LOAD_FAILED');
  assert.match(failure.message, /did not start: the site must send Content-Security-Policy frame-ancestors with this page's origin/);
  assert.match(await page.locator('#guide').locator('p[role="alert"]').innerText(), /The plan guide could not be loaded/);
  await context.close();
  await host.close();
  await refusing.close();
});

test("iframe mode: a host page whose own policy does not allow the site's frames is told to add it to frame-src", async () => {
  const host = await servePages({ '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<costshare-guide id="guide" mode="iframe"></costshare-guide><script type="module" src="${widget.url}costshare-guide.js"></script></body></html>` },
  { 'content-security-policy': "frame-src 'self'" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.failures = [];
    document.addEventListener('costshare-error', (e) => window.failures.push(e.detail));
  });
  const started = Date.now();
  await page.goto(host.url);
  await page.waitForFunction(() => window.failures.length > 0, null, { timeout: 20000 });
  // At once, not after the frame's start timeout, and one event only.
  assert.ok(Date.now() - started < 4000, `${Date.now() - started} ms`);
  await page.waitForTimeout(5500);
  const failures = await page.evaluate(() => window.failures);
  assert.equal(failures.length, 1, JSON.stringify(failures));
  assert.equal(failures[0].code, 'LOAD_FAILED');
  assert.equal(failures[0].message, `this page's Content-Security-Policy does not allow frames from ${widgetOrigin}: add it to the page's frame-src`);
  assert.match(await page.locator('#guide').locator('p[role="alert"]').innerText(), /add it to the page's frame-src/);
  await context.close();
  await host.close();
});

test('element mode: a wrong wasm address gets one error event naming it, and a message', async () => {
  const { page, close } = await openHost({ '/': hostPage('<costshare-guide id="guide" wasm="/nowhere.wasm"></costshare-guide>') });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error'));
  await page.waitForTimeout(500);
  const failures = await events(page, 'costshare-error');
  assert.equal(failures.length, 1, JSON.stringify(failures));
  assert.equal(failures[0].code, 'LOAD_FAILED');
  assert.equal(failures[0].path, 'wasm');
  assert.match(failures[0].message, /nowhere\.wasm could not be loaded/);
  assert.match(await inGuide(page, 'p[role="alert"]').innerText(), /could not be loaded/);
  await close();
});

test('two guides that name different wasm files: the second runs the module the page loaded, and says so', async () => {
  const { page, errors, close } = await openHost({ '/': hostPage('<costshare-guide id="a"></costshare-guide><costshare-guide id="b" wasm="/cdn/missing.wasm"></costshare-guide>') });
  await simulated(page, 'a');
  await simulated(page, 'b');
  const problems = await events(page, 'costshare-error', 'b');
  assert.deepEqual(problems.map((p) => [p.code, p.path]), [['INVALID_ATTRIBUTE', 'wasm']]);
  assert.match(problems[0].message, /already runs the guide's module from .*_bg\.wasm, so this element uses it too/);
  assert.deepEqual(errors, []);
  await close();
});

test('the example pages: a carrier page fills its form from the guide; an intranet table uses compare() alone', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text()); });
  await page.goto(`${widget.url}examples/carrier.html`);
  await page.locator('#status').filter({ hasText: /Recommended: about \$[\d,]+\.\d\d a year for your three choices · costshare/ }).waitFor({ timeout: 40000 });
  const medical = await page.locator('#medical').inputValue();
  const pick = await page.locator('#guide').locator('.recommendation[data-category="medical"] .pick').innerText();
  assert.ok(medical.startsWith(`${pick} (`), `${medical} is the guide's ${pick}`);
  // Themed by the carrier: its colour on the verdict's border.
  assert.equal(await page.locator('#guide').locator('.verdict').evaluate((v) => getComputedStyle(v).borderTopColor), 'rgb(91, 26, 74)');
  await page.screenshot({ path: screenshotPath('example-carrier-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('example-carrier-phone.png'), fullPage: true });

  await page.goto(`${widget.url}examples/intranet.html`);
  const hra = page.locator('#plans tr[data-plan="shbp-2010-hra"] td.cost');
  await hra.waitFor();
  const cli = compareWithCli({ people: [{ name: 'You', relationship: 'employee', age: 40, usage: 'moderate' }] });
  const expected = cli.options.find((o) => o.id === 'shbp-2010-hra').expected.total;
  assert.equal(await hra.innerText(), Number(expected).toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
  const single = await hra.innerText();
  await page.locator('#people').selectOption('4');
  await page.waitForFunction((before) => document.querySelector('#plans tr[data-plan="shbp-2010-hra"] td.cost').textContent !== before, single);
  await page.screenshot({ path: screenshotPath('example-intranet-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual([...new Set(missing)].filter((p) => p !== '/favicon.ico'), [], 'nothing is missing but the browser\'s own favicon request');
  await context.close();
});

// A trap in the guide's module, as in harness.js trapSite, but reached from a listener of the
// guide's own event, so that, as in a real crash, the guide's code is on the stack.
const glueFile = () => fs.readdirSync(dist).find((f) => /^costshare-web-.*\.js$/.test(f));

test('a crash in the guide: every guide on the page says so and sends CRASHED, the host page is untouched', async () => {
  const { page, errors, close } = await openHost({ '/': hostPage('<costshare-guide id="a"></costshare-guide><costshare-guide id="b" mode="iframe"></costshare-guide><costshare-guide id="c"></costshare-guide>') });
  await page.waitForFunction(() => ['a', 'b', 'c'].every((id) => window.events.some((e) => e.type === 'costshare-recommendation' && e.target === id)), null, { timeout: 40000 });
  await page.evaluate(async (glue) => {
    const wasm = await (await import(glue)).default();
    document.querySelector('#a').addEventListener('costshare-change', () => wasm.__wbindgen_malloc(8, 3), { once: true });
    document.querySelector('#a').setAttribute('goal', 'protection');
  }, `${widget.url}${glueFile()}`);
  for (const id of ['a', 'c']) {
    await inGuide(page, '[role=alert]', id).filter({ hasText: 'stopped working' }).waitFor();
    assert.deepEqual((await events(page, 'costshare-error', id)).map((d) => d.code), ['CRASHED'], id);
    assert.equal(await inGuide(page, 'input, select, button', id).count(), 0, `${id}: nothing dead is left to use`);
  }
  assert.match(errors.join('\n'), /RuntimeError: unreachable/);
  // The host page is as it was; the frame runs its own module and keeps working.
  assert.equal(await page.locator('#outside').innerText(), 'Acme Health');
  assert.deepEqual(await events(page, 'costshare-error', 'b'), []);
  // compare() on the dead module says so too, and an element added later says so at once.
  const compared = await page.evaluate(async (loader) => {
    const { compare } = await import(loader);
    return compare({ people: [{ name: 'You', relationship: 'employee', age: 40 }] }).then(() => 'resolved', (e) => e.code);
  }, `${widget.url}costshare-guide.js`);
  assert.equal(compared, 'CRASHED');
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('costshare-guide'), { id: 'd' })));
  await inGuide(page, '[role=alert]', 'd').filter({ hasText: 'stopped working' }).waitFor();
  await page.screenshot({ path: screenshotPath('embed-crash-desktop.png'), fullPage: true });

  // In iframe mode the frame shows the site's crash page and the host hears CRASHED.
  const frame = page.frames().find((f) => f.url().startsWith(widget.url) && f.url().includes('embed='));
  await frame.evaluate(trapSite);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.target === 'b'));
  assert.deepEqual((await events(page, 'costshare-error', 'b')).map((d) => d.code), ['CRASHED']);
  await frame.getByRole('heading', { name: 'costshare stopped working' }).waitFor();
  await close();
});

test("a guide's simulation worker that stops is replaced at the next change, and the host hears no error", async () => {
  const { page, close } = await openHost({ '/': hostPage('<costshare-guide id="guide"></costshare-guide>') });
  await simulated(page);
  // A real trap in one of the guide's workers (a blob: loader of the host's origin).
  assert.match(page.workers()[0].url(), /^blob:/);
  await page.workers()[0].evaluate(trapWorker);
  await page.waitForFunction(() => performance.getEntriesByName('costshare-workers-stopped').length === 1);
  const recommendations = (await events(page, 'costshare-recommendation')).length;
  await inGuide(page, 'button:has-text("Add a child")').click();
  await page.waitForFunction((n) => window.events.filter((e) => e.type === 'costshare-recommendation').length > n
    && window.events.filter((e) => e.type === 'costshare-recommendation').at(-1).detail.simulated, recommendations);
  await simulated(page);
  const household = (await events(page, 'costshare-change')).at(-1);
  assert.equal(household.people.length, 2);
  const rec = (await events(page, 'costshare-recommendation')).at(-1);
  const cli = compareWithCli(household);
  for (const r of cli.recommendations) {
    const choice = rec.choices.find((c) => c.category === r.category);
    assert.equal(Number(choice.average), Number(cli.options.find((o) => o.id === r.recommended).simulated.mean), `${r.category} average`);
  }
  // The module on the page is fine: no CRASHED, no message in the guide.
  assert.deepEqual(await events(page, 'costshare-error'), []);
  assert.equal(await inGuide(page, 'p.notice').count(), 0);
  await close();
});

test('a guide removed mid-run, moved, or set up before its script loads: no crash, no stray workers, entries and settings kept', async () => {
  const host = await servePages({
    '/': hostPage('<costshare-guide id="a"></costshare-guide><costshare-guide id="b" goal="protection" simulations="500"></costshare-guide><div id="slot"></div>'),
    '/host.css': '',
  }, { 'content-security-policy': policy(true) });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let workers = 0;
  let closed = 0;
  page.on('worker', (w) => { workers++; w.on('close', () => closed++); });
  await page.addInitScript(() => {
    // The page's own code sets the household as soon as the element is in the document, before
    // the guide's script defines it (an own property of a plain element, then).
    new MutationObserver((_, observer) => {
      const b = document.getElementById('b');
      if (!b) return;
      observer.disconnect();
      window.definedFirst = Boolean(customElements.get('costshare-guide'));
      b.household = { people: [{ name: 'Ann', relationship: 'employee', age: 50, usage: 'high' }] };
    }).observe(document, { childList: true, subtree: true });
    window.events = [];
    for (const t of ['costshare-change', 'costshare-recommendation', 'costshare-error']) {
      document.addEventListener(t, (e) => window.events.push({ type: t, target: e.target.id, detail: e.detail }));
    }
  });
  await page.goto(host.url);
  await simulated(page, 'a');
  await simulated(page, 'b', 500);
  // Taken over from before the element was defined, with the attributes' goal and years.
  const b = (await events(page, 'costshare-change', 'b')).at(-1);
  assert.equal(await page.evaluate(() => window.definedFirst), false);
  assert.deepEqual([b.people.map((p) => p.name), b.goal, b.simulations], [['Ann'], 'lowest_worst_case', 500]);

  // Removed while its simulation runs: the other guide keeps working, nobody crashed.
  await inGuide(page, 'button:has-text("Add a child")', 'a').click();
  await page.waitForTimeout(300);
  await page.locator('#a').evaluate((g) => g.remove());
  await page.waitForTimeout(1500);
  await inGuide(page, 'button:has-text("Add a spouse")', 'b').click();
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-recommendation' && e.target === 'b').at(-1)?.detail.choices[0].tier?.includes('Spouse'));
  await simulated(page, 'b', 500);
  assert.deepEqual((await events(page, 'costshare-error')).map((d) => d.code), []);
  assert.deepEqual(errors, []);
  // Its workers are gone (guide b's stay).
  await page.waitForTimeout(500);
  const live = page.workers().length;
  assert.ok(live <= workers - closed && closed >= 2, `removed guide's workers closed: ${workers} started, ${closed} closed, ${live} live`);

  // Moved by the page: the person's entries stay (Ann and the spouse just added).
  await page.locator('#b').evaluate((g) => document.getElementById('slot').append(g));
  await simulated(page, 'b', 500);
  const moved = await page.locator('#b').evaluate((g) => g.household);
  assert.deepEqual(moved.people.map((p) => p.relationship), ['employee', 'spouse']);
  // Start over returns to the host's household and attributes, not the site's example.
  await inGuide(page, 'button:has-text("Start over")', 'b').click();
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change' && e.target === 'b').at(-1)?.detail.people.length === 1);
  const fresh = (await events(page, 'costshare-change', 'b')).at(-1);
  assert.deepEqual([fresh.people[0].name, fresh.goal, fresh.simulations], ['Ann', 'lowest_worst_case', 500]);
  assert.deepEqual(errors, []);
  await context.close();
  await host.close();
});

test("a carrier QA's findings hold: no recommendation names a plan the new catalog lacks, an iframe keeps the person's entries when moved, compare() errors are documented ones", async () => {
  // The host lists every plan its employers offer, then switches to an employer whose catalog
  // has only the OAP and the High dental plan.
  const oap = builtInCatalogWithout('none');
  oap.plans = oap.plans.filter((p) => ['shbp-2010-oap', 'dental-high'].includes(p.id));
  const { page, errors, close } = await openHost({
    '/': hostPage('<costshare-guide id="guide" goal="protection" simulations="200" plans="shbp-2010-oap shbp-2010-hra dental-high dental-low vision-basic"></costshare-guide><div id="slot"></div><costshare-guide id="framed" mode="iframe" simulations="200"></costshare-guide>'),
    '/oap.json': JSON.stringify(oap),
  }, { blob: true });
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-recommendation' && e.target === 'guide' && e.detail.simulated), null, { timeout: 40000 });
  const before = (await events(page, 'costshare-recommendation', 'guide')).length;
  // The property forgets the last catalog's answer at once.
  assert.equal(await page.locator('#guide').evaluate((g) => { g.setAttribute('catalog', '/oap.json'); return g.recommendation; }), undefined);
  await page.waitForFunction((n) => window.events.filter((e) => e.type === 'costshare-recommendation' && e.target === 'guide').slice(n).some((e) => e.detail.simulated), before, { timeout: 40000 });
  const after = (await events(page, 'costshare-recommendation', 'guide')).slice(before);
  for (const r of after) {
    assert.deepEqual(r.choices.map((c) => c.planId).filter((id) => !['shbp-2010-oap', 'dental-high', 'no-dental'].includes(id)), [], JSON.stringify(r.choices));
  }
  // Not a quick answer between two simulated ones with the same figures.
  assert.ok(after.every((r, i) => i === 0 || r.simulated || !after[i - 1].simulated || r.yearlyTotal !== after[i - 1].yearlyTotal), JSON.stringify(after.map((r) => [r.simulated, r.yearlyTotal])));
  assert.deepEqual(await page.locator('#guide').evaluate((g) => g.recommendation.choices.map((c) => c.planId)), after.at(-1).choices.map((c) => c.planId));

  // Iframe mode: the person's entries stay when the page moves the element.
  const inFrame = page.frameLocator('#framed >> iframe');
  await inFrame.locator('#p0-name').waitFor({ timeout: 40000 });
  await inFrame.locator('#p0-name').fill('Robin Q');
  await inFrame.locator('#p0-name').press('Tab');
  await page.waitForFunction(() => document.querySelector('#framed').household?.people?.[0]?.name === 'Robin Q');
  await page.locator('#framed').evaluate((g) => document.getElementById('slot').append(g));
  await page.waitForFunction(() => window.events.filter((e) => e.type === 'costshare-change' && e.target === 'framed').length > 0
    && window.events.filter((e) => e.type === 'costshare-ready' && e.target === 'framed').length === 2, null, { timeout: 40000 });
  await page.waitForTimeout(1500);
  assert.equal(await inFrame.locator('#p0-name').inputValue(), 'Robin Q');
  assert.equal((await page.locator('#framed').evaluate((g) => g.household)).people[0].name, 'Robin Q');
  assert.equal((await events(page, 'costshare-change', 'framed')).at(-1).people[0].name, 'Robin Q');
  // An address that is not http(s) is refused in iframe mode as in element mode, without a fetch.
  await page.locator('#framed').evaluate((g) => g.setAttribute('catalog', 'javascript:alert(1)'));
  await page.waitForFunction(() => window.events.some((e) => e.type === 'costshare-error' && e.target === 'framed' && e.detail.code === 'INVALID_CATALOG'));
  const refused = (await events(page, 'costshare-error', 'framed')).find((e) => e.code === 'INVALID_CATALOG');
  assert.match(refused.message, /^the catalog attribute "javascript:alert\(1\)" is not an http or https address/);
  assert.deepEqual(await page.evaluate(() => window.violations), []);

  // compare() from the guide's script: every bad input is a CostshareError with code and path.
  const results = await page.evaluate(async (url) => {
    const { compare } = await import(url);
    const household = { people: [{ name: 'A', relationship: 'employee', age: 40 }] };
    const cyclic = { people: [] };
    cyclic.self = cyclic;
    const outcome = async (f) => { try { return { ok: Boolean(await f()) }; } catch (e) { return { name: e.name, code: e.code, path: e.path, message: e.message }; } };
    const catalog = await (await fetch('/oap.json')).text();
    return {
      text: await outcome(() => compare(household, { catalog })),
      none: await outcome(() => compare()),
      nullOptions: await outcome(() => compare(household, null)),
      cyclic: await outcome(() => compare(cyclic)),
      badOptions: await outcome(() => compare(household, 5)),
    };
  }, `${widgetOrigin}/costshare-guide.js`);
  assert.deepEqual(results.text, { ok: true });
  assert.deepEqual(results.nullOptions, { ok: true });
  assert.deepEqual([results.none.name, results.none.code, results.none.path], ['CostshareError', 'INVALID_INPUT', 'household']);
  assert.match(results.none.message, /no household was given/);
  assert.deepEqual([results.cyclic.code, results.cyclic.path], ['INVALID_INPUT', 'household']);
  assert.match(results.cyclic.message, /^the household cannot be turned into JSON: /);
  assert.deepEqual([results.badOptions.code, results.badOptions.path], ['INVALID_INPUT', 'options']);
  assert.deepEqual(errors, []);
  await close();
});
