// `costshare/engine` for browsers and bundlers: plan checks and estimates without the decision
// model (no `compare`), from a wasm module of its own, less than half the size of the main one.
import wbgInit, * as raw from './engine/web/costshare_wasm.js';
import { isCostshareError, webEntry } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

export const { init, initSync, validatePlan, validateCatalog, estimate } = webEntry(wbgInit, raw);
