// The browser and bundler entry point: wraps the web build of the wasm-bindgen output.
import wbgInit, * as raw from './web/costshare_wasm.js';
import { isCostshareError, webEntry } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

export const { init, initSync, validatePlan, validateCatalog, estimate, compare } = webEntry(wbgInit, raw);
