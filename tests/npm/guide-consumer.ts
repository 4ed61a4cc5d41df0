// A TypeScript page that embeds <costshare-guide>, compiled with `tsc --strict --noEmit` by
// types.test.js: the element, its properties and its events are typed (not `any`).
import type {} from 'costshare/guide';
import type { GuideRecommendation, GuideError, CostshareGuideElement } from 'costshare/guide';
import type { CatalogFile } from 'costshare';

// A recommendation exactly as the guide sent it (tests/e2e, the built-in plans without the HRA):
// as an object literal it must match the type field for field, so a renamed or added field in
// the events fails here.
export const sent: GuideRecommendation = {"engineVersion":"0.1.0","planYear":2010,"simulated":true,"simulations":10000,"choices":[{"category":"medical","planId":"shbp-2010-hdhp","name":"SHBP High Deductible Health Plan (HDHP) 2010","tierId":"employee","tier":"Employee (EE)","yearlyTotal":"1549.17","average":"1561.43","premiumIsExample":true},{"category":"dental","planId":"dental-low","name":"MetLife PDP Plus Dental, Low plan (example)","tierId":"employee","tier":"Employee","yearlyTotal":"260.36","average":"245.34","premiumIsExample":true},{"category":"vision","planId":"vision-basic","name":"MetLife Vision, Davis Vision network (example)","tierId":"employee","tier":"Employee","yearlyTotal":"86.37","average":"104.11","premiumIsExample":true}],"yearlyTotal":"1895.90","average":"1910.88"};
export const failed: GuideError = {"code":"INVALID_CATALOG","path":"catalog","message":"the catalog at http://127.0.0.1:46129/missing.json could not be loaded (the server answered 404 Not Found)"};

export function wire(form: HTMLFormElement, catalog: CatalogFile): void {
  const guide = document.querySelector('costshare-guide');
  if (!guide) return;
  const fromTag: CostshareGuideElement = document.createElement('costshare-guide');
  void fromTag;
  guide.catalog = catalog;
  guide.catalog = JSON.stringify(catalog);
  guide.household = { people: [{ name: 'Pat', relationship: 'employee', age: 44, usage: 'moderate' }] };
  const last: GuideRecommendation | undefined = guide.recommendation;
  void last;
  guide.addEventListener('costshare-recommendation', (e) => {
    const medical = e.detail.choices.find((c) => c.category === 'medical');
    const input = form.querySelector<HTMLInputElement>('input[name="plan"]');
    if (medical && input) input.value = medical.planId;
    const total: string = e.detail.yearlyTotal;
    void total;
  });
  document.addEventListener('costshare-error', (e) => {
    const code: GuideError['code'] = e.detail.code;
    if (code === 'CRASHED') form.hidden = true;
  });
  document.addEventListener('costshare-change', (e) => {
    const people: number = e.detail.people?.length ?? 0;
    void people;
  });
  guide.addEventListener('click', (e) => { const x: number = e.clientX; void x; });
}
