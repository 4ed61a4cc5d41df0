// A module worker that loads the engine with initSync from a compiled WebAssembly.Module.
import { initSync, estimate } from '/pkg/index.js';

const compiled = WebAssembly.compileStreaming(fetch('/pkg/web/costshare_wasm_bg.wasm'));
self.onmessage = async ({ data: { plan, claimsFile } }) => {
  const module = await compiled;
  initSync(module);
  initSync({ wasm: module }); // idempotent
  const r = estimate({ plan, tier: 'family', members: claimsFile.members, claims: claimsFile.claims });
  self.postMessage({ memberPaid: r.totals.member_paid });
};
