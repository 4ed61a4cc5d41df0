// Types of `costshare/engine` (browsers and Node): the main entry's functions without `compare`,
// so the same signatures. Its data types (PlanFile, CatalogFile, EstimateReport, Validation, ...)
// are the engine-only build's, generated from the same Rust types.
export type * from './engine/web/costshare_wasm.js';
export {
  init, initSync, validatePlan, validateCatalog, estimate, isCostshareError,
  ENGINE_VERSION, PLAN_SCHEMA_VERSION,
  type InitOptions, type WasmSource, type CostshareError,
} from './index.js';
