import { serveDist, launch } from './harness.js';
const server = await serveDist();
const browser = await launch();
for (let run = 0; run < 5; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__t = {};
    new MutationObserver(() => {
      if (!window.__t.rec && document.querySelector('.recommendation')) window.__t.rec = performance.now();
      if (!window.__t.done && document.querySelector('p.done[data-simulations="10000"]')) window.__t.done = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(server.url);
  await page.locator('p.done[data-simulations="10000"]').waitFor({ timeout: 30000 });
  const t = await page.evaluate(() => window.__t);
  console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])), 'sim after first results', Math.round(t.done - t.rec));
  await context.close();
}
await browser.close(); await server.close();
