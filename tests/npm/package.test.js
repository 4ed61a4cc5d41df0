// The packed package in Node: installed from its tarball into a scratch project and imported by
// name, so package.json `exports` is what resolves it. Calls every function with good and bad input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installScratch, oapPlan, familyClaims, household, root } from './helpers.js';

let cs; // the package's main entry
let catalog; // costshare/catalog
let scratch;

before(async () => {
  scratch = installScratch('node');
  fs.writeFileSync(path.join(scratch, 'load.js'),
    "export * as cs from 'costshare';\nexport * as catalog from 'costshare/catalog';\n");
  ({ cs, catalog } = await import(pathToFileURL(path.join(scratch, 'load.js'))));
});

/** Asserts that `fn` throws a CostshareError with this code (and path, when given). */
function throwsCostshare(fn, code, pathWanted) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected a CostshareError ${code}, nothing was thrown`);
  assert.ok(error instanceof Error, `a real Error, got ${error}`);
  assert.ok(cs.isCostshareError(error), `a CostshareError, got ${error?.stack ?? error}`);
  assert.equal(error.name, 'CostshareError');
  assert.equal(error.code, code, error.message);
  if (pathWanted !== undefined) assert.equal(error.path, pathWanted, error.message);
  assert.equal(typeof error.message, 'string');
  assert.ok(Array.isArray(error.problems) && error.problems.length > 0);
  return error;
}

const members = () => familyClaims().members;
const claims = () => familyClaims().claims;

test('exports: constants, functions, the wasm subpath and the catalog subpath', async () => {
  assert.equal(typeof cs.ENGINE_VERSION, 'string');
  assert.match(cs.ENGINE_VERSION, /^\d+\.\d+\.\d+/);
  assert.equal(cs.PLAN_SCHEMA_VERSION, 2);
  for (const f of ['init', 'initSync', 'validatePlan', 'validateCatalog', 'estimate', 'compare', 'isCostshareError']) {
    assert.equal(typeof cs[f], 'function', f);
  }
  await cs.init();
  await cs.init(); // idempotent
  cs.initSync();
  const wasm = createRequire(path.join(scratch, 'load.js')).resolve('costshare/wasm');
  assert.deepEqual([...fs.readFileSync(wasm).subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules/costshare/package.json'), 'utf8'));
  assert.equal(manifest.version, cs.ENGINE_VERSION);
  // The licenses it declares ship with it.
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(fs.existsSync(path.join(scratch, 'node_modules/costshare', file)), file);
  }
  const builtin = catalog.builtinCatalog();
  assert.ok(builtin.plans.length >= 5);
  builtin.plans.length = 0; // a fresh copy every call
  assert.ok(catalog.builtinCatalog().plans.length >= 5);
});

test('costshare/engine: plan checks and estimates without the decision model, the same numbers', async () => {
  fs.writeFileSync(path.join(scratch, 'engine.js'), "export * as engine from 'costshare/engine';\n");
  const { engine } = await import(pathToFileURL(path.join(scratch, 'engine.js')));
  for (const f of ['init', 'initSync', 'validatePlan', 'validateCatalog', 'estimate', 'isCostshareError']) {
    assert.equal(typeof engine[f], 'function', f);
  }
  assert.equal(engine.compare, undefined, 'no decision model in costshare/engine');
  assert.deepEqual([engine.ENGINE_VERSION, engine.PLAN_SCHEMA_VERSION], [cs.ENGINE_VERSION, cs.PLAN_SCHEMA_VERSION]);
  await engine.init();
  const wasm = createRequire(path.join(scratch, 'engine.js')).resolve('costshare/engine/wasm');
  assert.ok(fs.statSync(wasm).size < fs.statSync(createRequire(path.join(scratch, 'load.js')).resolve('costshare/wasm')).size);
  assert.deepEqual(engine.validatePlan(oapPlan()), cs.validatePlan(oapPlan()));
  assert.deepEqual(engine.validateCatalog(catalog.builtinCatalog()), cs.validateCatalog(catalog.builtinCatalog()));
  const args = { plan: oapPlan(), tier: 'family', members: members(), claims: claims(), explain: true };
  assert.deepEqual(engine.estimate(args), cs.estimate(args));
  let error;
  try {
    engine.estimate({ ...args, tier: 'platinum' });
  } catch (e) {
    error = e;
  }
  assert.ok(engine.isCostshareError(error) && cs.isCostshareError(error));
  assert.deepEqual([error.code, error.path], ['UNKNOWN_TIER', 'tier']);
});

test('validatePlan and validateCatalog accept good documents', () => {
  const v = cs.validatePlan(oapPlan());
  assert.equal(v.ok, true, JSON.stringify(v.problems));
  assert.equal(v.schemaVersion, 2);
  assert.ok(v.problems.every((p) => p.severity === 'warning'));
  const v1 = cs.validatePlan({ ...oapPlan(), schema_version: 1 });
  assert.deepEqual([v1.ok, v1.schemaVersion], [true, 1], 'a version 1 plan still reads');
  assert.equal(cs.validatePlan(JSON.stringify(oapPlan())).ok, true, 'JSON text works too');
  const c = cs.validateCatalog(catalog.builtinCatalog());
  assert.equal(c.ok, true, JSON.stringify(c.problems));
  assert.equal(c.schemaVersion, 2);
});

test('validatePlan and validateCatalog never throw, and name the field', () => {
  const plan = oapPlan();
  plan.tiers[0].deductible.in_network.individual = 'lots';
  let v = cs.validatePlan(plan);
  assert.equal(v.ok, false);
  assert.match(v.problems[0].path, /^tiers\[0\]\.deductible/);
  assert.equal(v.problems[0].severity, 'error');

  const numeric = oapPlan();
  numeric.tiers[0].deductible.in_network.individual = 300; // a number, not a decimal string
  v = cs.validatePlan(numeric);
  assert.equal(v.ok, false);
  assert.match(v.problems[0].message, /write amounts as strings/);

  const typo = oapPlan();
  typo.tiers[0].deductable = typo.tiers[0].deductible;
  assert.equal(cs.validatePlan(typo).ok, false, 'unknown fields are reported, as in files');

  const old = oapPlan();
  old.schema_version = 0;
  v = cs.validatePlan(old);
  assert.deepEqual([v.ok, v.schemaVersion, v.problems[0].path], [false, 0, 'schema_version']);

  const cyclic = {};
  cyclic.self = cyclic;
  const weird = [undefined, null, 0, 1.5, NaN, '', 'not json', '{', [], {}, true, 10n, Symbol('x'),
    () => 1, cyclic, new Map(), new Uint8Array(4), { schema_version: '1' }, { schema_version: 1e300 }];
  for (const doc of weird) {
    for (const f of [cs.validatePlan, cs.validateCatalog]) {
      const r = f(doc);
      assert.equal(r.ok, false, `${String(typeof doc)} ${String(doc?.toString?.())}`);
      assert.ok(r.problems.length > 0);
    }
  }
  const emptyCatalog = cs.validateCatalog({ schema_version: 1, name: 'x', plans: [] });
  assert.equal(emptyCatalog.ok, false);
  assert.equal(emptyCatalog.problems[0].path, 'plans');
  assert.equal(cs.validateCatalog({ schema_version: 3, name: 'x', plans: [] }).problems[0].path, 'schema_version');
});

test('estimate gives the claim-by-claim breakdown the command line prints', (t) => {
  const r = cs.estimate({ plan: oapPlan(), tier: 'family', members: members(), claims: claims(), explain: true });
  const first = r.claims[0];
  // Primary care visit, allowed $120 in-network: $35 copay, plan pays $85 (oap2010 p.30).
  assert.equal(first.service, 'Primary care physician office visit');
  assert.equal(first.copay, '35.00');
  assert.equal(first.plan_paid, '85.00');
  assert.ok(first.explanation.length > 0);
  const sum = r.claims.reduce((s, c) => s + BigInt(c.member_paid.replace('.', '')), 0n);
  assert.equal(BigInt(r.totals.member_paid.replace('.', '')), sum, 'exact cents add up');
  assert.ok(Object.keys(r.members).length === 3);
  const quiet = cs.estimate({ plan: oapPlan(), tier: 'family', members: members(), claims: claims() });
  assert.equal(quiet.claims[0].explanation.length, 0);
  assert.equal(quiet.totals.member_paid, r.totals.member_paid);

  const cli = ['target/debug/costshare', 'target/release/costshare'].map((p) => path.join(root, p)).find(fs.existsSync);
  if (!cli) {
    t.diagnostic('no costshare binary in target/: the comparison with the CLI was not run');
    return;
  }
  const out = execFileSync(cli, ['estimate', '--plan', 'shbp-2010-oap', '--tier', 'family',
    '--claims', path.join(root, 'tests/claims/family-year.json'), '--json'], { cwd: root });
  assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(out));
});

test('estimate rejects bad input with stable codes and field paths', () => {
  const good = () => ({ plan: oapPlan(), tier: 'family', members: members(), claims: claims() });
  for (const input of [undefined, null, 42, 'family', [], () => 1]) {
    throwsCostshare(() => cs.estimate(input), 'INVALID_INPUT');
  }
  assert.match(throwsCostshare(() => cs.estimate(), 'INVALID_INPUT', '').message,
    /^estimate\(\) needs an object \{ plan, tier, members, claims \}, not undefined$/);
  throwsCostshare(() => cs.estimate({ ...good(), tier: 5 }), 'INVALID_INPUT', 'tier');
  assert.equal(throwsCostshare(() => cs.estimate({ ...good(), explain: 'yes' }), 'INVALID_INPUT', 'explain').message, 'explain: must be true or false');
  throwsCostshare(() => cs.estimate({ ...good(), plan: undefined }), 'INVALID_INPUT', 'plan');
  const { tier, ...noTier } = good();
  throwsCostshare(() => cs.estimate(noTier), 'INVALID_INPUT');
  const e = throwsCostshare(() => cs.estimate({ ...good(), tier: 'platinum' }), 'UNKNOWN_TIER', 'tier');
  assert.match(e.message, /employee/);

  const bad = (change) => { const input = good(); change(input); return input; };
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].allowed = '12x'; })), 'INVALID_INPUT', 'claims[0].allowed');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].allowed = 120; })), 'INVALID_INPUT', 'claims[0].allowed');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].allowed = '-5'; })), 'INVALID_INPUT', 'claims[0].allowed');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].allowed = '0.001'; })), 'INVALID_INPUT', 'claims[0].allowed');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].allowed = '99999999999999'; })), 'INVALID_INPUT', 'claims[0].allowed');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].date = '2010-02-30'; })), 'INVALID_INPUT', 'claims[0].date');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].service = 'teleportation'; })), 'INVALID_INPUT', 'claims[0].service');
  throwsCostshare(() => cs.estimate(bad((i) => { i.claims[0].member = 'nobody'; })), 'INVALID_INPUT', 'claims[0].member');
  throwsCostshare(() => cs.estimate(bad((i) => { i.members[0].age = -1; })), 'INVALID_INPUT', 'members[0].age');
  throwsCostshare(() => cs.estimate(bad((i) => { i.members = 'pat'; })), 'INVALID_INPUT', 'members');
  throwsCostshare(() => cs.estimate(bad((i) => { i.hra_carryover = 'some'; })), 'INVALID_INPUT', 'hra_carryover');
  throwsCostshare(() => cs.estimate({ ...good(), tier: 'employee' }), 'INVALID_INPUT');
  throwsCostshare(() => cs.estimate(bad((i) => { i.plan.tiers[0].id = 7; })), 'INVALID_INPUT', 'plan.tiers[0].id');
  throwsCostshare(() => cs.estimate(bad((i) => { i.plan.schema_version = 0; })), 'UNSUPPORTED_SCHEMA', 'plan.schema_version');
  // A plan from an older format: other field names too, still reported by its version.
  throwsCostshare(() => cs.estimate({ ...good(), plan: { schema_version: 0, plan_name: 'old', tiers: {} } }),
    'UNSUPPORTED_SCHEMA', 'plan.schema_version');
  // The engine still works after all that.
  assert.equal(cs.estimate(good()).claims[0].copay, '35.00');
});

test('compare returns the decision model report and reports progress', () => {
  const seen = [];
  const r = cs.compare({ catalog: catalog.builtinCatalog(), household: household(), simulations: 2000, seed: 7 },
    (done, total) => seen.push([done, total]));
  assert.equal(r.simulations, 2000);
  assert.equal(r.seed, 7);
  assert.ok(r.options.length >= 6);
  assert.ok(r.categories.some((c) => c.category === 'medical' && c.recommended !== undefined));
  assert.ok(Number.isSafeInteger(r.recommended_total), 'whole cents');
  assert.deepEqual(seen.at(-1), [2000, 2000]);
  assert.ok(seen.length >= 2);
  const again = cs.compare({ catalog: catalog.builtinCatalog(), household: household(), simulations: 2000, seed: 7 });
  assert.deepEqual(again, r, 'same seed, same report');
  assert.deepEqual(r.options[0].why, []);
  const explained = cs.compare({ catalog: catalog.builtinCatalog(), household: household(), simulations: 0, explain: true });
  assert.ok(explained.options.some((o) => o.why.length > 0));
});

test('compare rejects bad input and passes on an onProgress error', () => {
  const good = () => ({ catalog: catalog.builtinCatalog(), household: household(), simulations: 600 });
  const boom = new Error('stop');
  assert.throws(() => cs.compare(good(), () => { throw boom; }), (e) => e === boom);
  throwsCostshare(() => cs.compare(good(), 'not a function'), 'INVALID_INPUT', 'onProgress');
  // The field's own words, not the reader's ("invalid type: floating point `-1.0`").
  assert.equal(throwsCostshare(() => cs.compare({ ...good(), simulations: -1 }), 'INVALID_INPUT', 'simulations').message,
    'simulations: must be a whole number from 0 to 100,000');
  assert.equal(throwsCostshare(() => cs.compare({ ...good(), simulations: 1.5 }), 'INVALID_INPUT', 'simulations').message,
    'simulations: must be a whole number from 0 to 100,000');
  throwsCostshare(() => cs.compare({ ...good(), simulations: 100001 }), 'INVALID_INPUT', 'simulations');
  throwsCostshare(() => cs.compare({ ...good(), simulations: 1e9 }), 'INVALID_INPUT', 'simulations');
  throwsCostshare(() => cs.compare({ ...good(), seed: 'seven' }), 'INVALID_INPUT', 'seed');
  throwsCostshare(() => cs.compare({ ...good(), catalog: { schema_version: 9, name: 'x', plans: [] } }),
    'UNSUPPORTED_SCHEMA', 'catalog.schema_version');
  throwsCostshare(() => cs.compare({ ...good(), catalog: { schema_version: 1, name: 'x', plans: [] } }),
    'INVALID_INPUT', 'catalog.plans');
  const h = household();
  h.people[0].age = 'forty';
  throwsCostshare(() => cs.compare({ ...good(), household: h }), 'INVALID_INPUT', 'household.people[0].age');
  const h2 = household();
  h2.people[1].usage = 'extreme';
  throwsCostshare(() => cs.compare({ ...good(), household: h2 }), 'INVALID_INPUT', 'household.people[1].usage');
  const h3 = household();
  h3.premiums = { 'shbp-2010-oap': '-5' };
  throwsCostshare(() => cs.compare({ ...good(), household: h3 }), 'INVALID_INPUT');
  for (const input of [undefined, null, 1, 'x', [], {}]) throwsCostshare(() => cs.compare(input), 'INVALID_INPUT');
  assert.ok(cs.compare({ ...good(), simulations: 0 }).options.length > 0);
});

test('isCostshareError tells costshare errors from others', () => {
  assert.equal(cs.isCostshareError(new Error('x')), false);
  assert.equal(cs.isCostshareError(null), false);
  assert.equal(cs.isCostshareError('CostshareError'), false);
  assert.equal(cs.isCostshareError({ name: 'CostshareError' }), false);
});
