// The browser and bundler entry point: wraps the web build of the wasm-bindgen output.
import wbgInit, * as raw from './web/costshare_wasm.js';
import { bind, costshareError, isCostshareError, message, wasmSource } from './api.js';

export { ENGINE_VERSION, PLAN_SCHEMA_VERSION } from './constants.js';
export { isCostshareError };

let ready = false;
let pending;

const failed = (e) => costshareError('INIT_FAILED', `could not load costshare's wasm: ${message(e)}`, e);

/** Loads the wasm (once; after a failure it can be called again). */
export function init(options) {
  if (ready) return Promise.resolve();
  if (!pending) {
    const source = wasmSource(options);
    pending = wbgInit(source === undefined ? undefined : { module_or_path: source }).then(
      () => { ready = true; },
      (e) => { pending = undefined; throw failed(e); },
    );
  }
  return pending;
}

/** Loads the wasm synchronously from bytes or a compiled module (for workers). */
export function initSync(options) {
  if (ready) return;
  const source = wasmSource(options);
  if (source === undefined) throw failed(new Error('initSync needs the wasm bytes or a WebAssembly.Module'));
  try {
    raw.initSync({ module: source });
  } catch (e) {
    throw failed(e);
  }
  ready = true;
}

export const { validatePlan, validateCatalog, estimate, compare } = bind(raw, () => ready);
