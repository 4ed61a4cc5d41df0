// A TypeScript consumer of the packed package, compiled with `tsc --strict --noEmit` by
// types.test.js: proves the published types are usable (and not `any`).
import {
  init, initSync, validatePlan, validateCatalog, estimate, compare, isCostshareError,
  ENGINE_VERSION, PLAN_SCHEMA_VERSION,
  type PlanFile, type CatalogFile, type HouseholdFile, type MemberFile, type ClaimFile,
  type EstimateReport, type Report, type Validation, type Problem, type ErrorCode, type CostshareError,
} from 'costshare';
import { builtinCatalog } from 'costshare/catalog';
import * as engine from 'costshare/engine';

export async function run(plan: PlanFile, members: MemberFile[], claims: ClaimFile[]): Promise<string> {
  await init();
  await init({ wasm: new URL('https://cdn.example/costshare.wasm') });
  await init('/static/costshare_bg.wasm');
  initSync({ wasm: new Uint8Array(8) });

  const checked: Validation = validatePlan(plan);
  const problems: Problem[] = checked.problems;
  const first: string | undefined = problems[0]?.path;
  const version: number | undefined = checked.schemaVersion;
  validateCatalog('{"schema_version": 1}');

  const catalog: CatalogFile = builtinCatalog();
  const household: HouseholdFile = {
    people: [{ name: 'pat', relationship: 'employee', age: 44, usage: 'moderate' }],
    tax: { federal_bracket: '22%', state: 'GA', state_rate: '5.75%' },
    goal: 'balanced',
  };

  try {
    const r: EstimateReport = estimate({ plan, tier: 'family', members, claims, explain: true });
    const paid: string = r.totals.member_paid;
    const steps: string[] = r.claims[0]?.explanation ?? [];
    const perMember: string | undefined = r.members['pat']?.member_paid;

    const report: Report = compare({ catalog, household, simulations: 1000, seed: 7 }, (done, total) => {
      const share: number = done / total;
      void share;
    });
    const cents: number = report.recommended_total;
    return `${paid} ${steps.length} ${perMember} ${cents} ${first} ${version} ${ENGINE_VERSION} ${PLAN_SCHEMA_VERSION}`;
  } catch (e: unknown) {
    if (isCostshareError(e)) {
      const err: CostshareError = e;
      const code: ErrorCode = err.code;
      const where: string = err.path;
      const all: Problem[] = err.problems;
      if (code === 'UNKNOWN_TIER' || code === 'INVALID_INPUT') return `${where}: ${err.message} (${all.length})`;
    }
    throw e;
  }
}

export function misuse(plan: PlanFile, members: MemberFile[], claims: ClaimFile[]): void {
  // @ts-expect-error the tier is a string
  estimate({ plan, tier: 5, members, claims });
  // @ts-expect-error claims are required
  estimate({ plan, tier: 'family', members });
  // @ts-expect-error amounts are decimal strings, never numbers
  const claim: ClaimFile = { date: '2010-01-01', member: 'pat', allowed: 120 };
  void claim;
  // @ts-expect-error the household needs people
  compare({ catalog: builtinCatalog(), household: {} });
  // @ts-expect-error onProgress gets numbers
  compare({ catalog: builtinCatalog(), household: { people: [] } }, (done: string) => done);
  const r = validatePlan({});
  // @ts-expect-error ok is a boolean
  const s: string = r.ok;
  void s;
  // @ts-expect-error no such code
  const c: ErrorCode = 'OOPS';
  void c;
}

/** `costshare/engine`: the same functions and types, without `compare`. */
export async function engineOnly(plan: PlanFile, members: MemberFile[], claims: ClaimFile[]): Promise<string> {
  await engine.init({ wasm: new URL('https://cdn.example/costshare-engine.wasm') });
  const checked: engine.Validation = engine.validatePlan(plan);
  const r: engine.EstimateReport = engine.estimate({ plan, tier: 'family', members, claims });
  // @ts-expect-error costshare/engine has no decision model
  engine.compare({ catalog: builtinCatalog(), household: { people: [] } });
  return `${checked.ok} ${r.totals.member_paid} ${engine.ENGINE_VERSION}`;
}
