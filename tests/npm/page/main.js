// Runs in headless Chromium under a strict CSP: the web build, imported from the installed package.
import * as cs from '/pkg/index.js';
import { builtinCatalog } from '/pkg/catalog.js';

const out = {};
// ?source=response|bytes: only load the wasm that way and run one estimate; ?source=engine: the
// same with costshare/engine.
const source = new URLSearchParams(location.search).get('source');
const caught = (fn) => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return { name: e.name, code: e.code, path: e.path, message: e.message, isError: e instanceof Error, guard: cs.isCostshareError(e) };
  }
};

try {
  const [plan, claimsFile, household] = await Promise.all(
    ['/data/oap.json', '/data/claims.json', '/data/household.json'].map((u) => fetch(u).then((r) => r.json())));
  if (source === 'engine') {
    // costshare/engine: its own, smaller wasm, from beside its module.
    const engine = await import('/pkg/engine.js');
    await engine.init();
    const r = engine.estimate({ plan, tier: 'family', members: claimsFile.members, claims: claimsFile.claims });
    Object.assign(out, { source, memberPaid: r.totals.member_paid, compare: typeof engine.compare, valid: engine.validatePlan(plan).ok });
  } else if (source) {
    const wasm = source === 'response' ? fetch('/cdn/engine.wasm')
      : new Uint8Array(await (await fetch('/cdn/engine.wasm')).arrayBuffer());
    await cs.init(source === 'response' ? wasm : { wasm });
    const r = cs.estimate({ plan, tier: 'family', members: claimsFile.members, claims: claimsFile.claims });
    Object.assign(out, { source, memberPaid: r.totals.member_paid });
  } else {
    await everything(plan, claimsFile, household);
  }
} catch (e) {
  out.failure = String(e?.stack ?? e);
}
window.__results = out;
document.getElementById('status').textContent = 'done';

async function everything(plan, claimsFile, household) {
  out.beforeInit = caught(() => cs.estimate({}));
  try {
    await cs.init({ wasm: '/missing.wasm' });
    out.failedInit = 'no error';
  } catch (e) {
    out.failedInit = { name: e.name, code: e.code, guard: cs.isCostshareError(e) };
  }
  // Retried after the failure, twice at once, from a path of the host's choosing.
  await Promise.all([cs.init({ wasm: '/cdn/engine.wasm' }), cs.init({ wasm: '/cdn/engine.wasm' })]);
  await cs.init();
  out.version = [cs.ENGINE_VERSION, cs.PLAN_SCHEMA_VERSION];
  out.validPlan = cs.validatePlan(plan);
  out.badPlan = cs.validatePlan({ ...plan, schema_version: 0 });
  out.weird = [undefined, 5, 'nope', [], 10n].map((d) => cs.validateCatalog(d).ok);
  out.estimate = cs.estimate({ plan, tier: 'family', members: claimsFile.members, claims: claimsFile.claims, explain: true });
  out.unknownTier = caught(() => cs.estimate({ plan, tier: 'gold', members: claimsFile.members, claims: claimsFile.claims }));
  out.badAmount = caught(() => cs.estimate({ plan, tier: 'family', members: claimsFile.members,
    claims: [{ ...claimsFile.claims[0], allowed: 1.5 }] }));
  const progress = [];
  const report = cs.compare({ catalog: builtinCatalog(), household, simulations: 1000, seed: 7 }, (d, t) => progress.push([d, t]));
  out.compare = { options: report.options.length, total: report.recommended_total, last: progress.at(-1) };
  // initSync in a module worker, from a compiled module.
  const worker = new Worker('/page/worker.js', { type: 'module' });
  out.worker = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
    worker.postMessage({ plan, claimsFile });
  });
}
