// The Node entry point: the nodejs build loads its wasm synchronously on import, so init() and
// initSync() only exist to keep code the same in both places.
import raw from './node/costshare_wasm.js';
import { bind, isCostshareError } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

/** Nothing to do in Node: resolves at once. */
export function init(_options) {
  return Promise.resolve();
}

/** Nothing to do in Node. */
export function initSync(_options) {}

export const { validatePlan, validateCatalog, estimate, compare } = bind(raw, () => true);
