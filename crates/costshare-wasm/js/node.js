// The Node entry point: the nodejs build loads its wasm synchronously on import, so init() and
// initSync() only exist to keep code the same in both places.
import raw from './node/costshare_wasm.js';
import { isCostshareError, nodeEntry } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

export const { init, initSync, validatePlan, validateCatalog, estimate, compare } = nodeEntry(raw);
