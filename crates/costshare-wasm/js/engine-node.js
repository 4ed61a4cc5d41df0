// `costshare/engine` in Node: plan checks and estimates without the decision model.
import raw from './engine/node/costshare_wasm.js';
import { isCostshareError, nodeEntry } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

export const { init, initSync, validatePlan, validateCatalog, estimate } = nodeEntry(raw);
