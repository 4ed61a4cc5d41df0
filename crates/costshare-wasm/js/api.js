// Shared by the browser and Node entry points: the init guard and CostshareError.

const NAME = 'CostshareError';

/** A CostshareError raised on the JavaScript side (the engine raises its own from Rust). */
export function costshareError(code, message, cause) {
  const e = new Error(message, cause === undefined ? undefined : { cause });
  e.name = NAME;
  e.code = code;
  e.path = '';
  e.problems = [{ path: '', message, severity: 'error' }];
  return e;
}

/** True for an error thrown by costshare (also across module copies and realms). */
export function isCostshareError(e) {
  return typeof e === 'object' && e !== null && e.name === NAME && typeof e.code === 'string'
    && typeof e.message === 'string' && typeof e.path === 'string';
}

export function message(e) {
  return e instanceof Error ? e.message : String(e);
}

/** Wraps the generated functions: NOT_INITIALIZED before init, INTERNAL if the engine traps. */
export function bind(raw, isReady) {
  const guard = (name) => (...args) => {
    if (!isReady()) {
      throw costshareError('NOT_INITIALIZED', `costshare is not initialized: await init() before calling ${name}()`);
    }
    try {
      return raw[name](...args);
    } catch (e) {
      if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) {
        throw costshareError('INTERNAL', `costshare failed inside the engine (${e.message}); please report this`, e);
      }
      throw e;
    }
  };
  return {
    validatePlan: guard('validatePlan'),
    validateCatalog: guard('validateCatalog'),
    estimate: guard('estimate'),
    compare: guard('compare'),
  };
}

/** `{ wasm }` options, or the wasm source itself. */
export function wasmSource(options) {
  if (options !== null && typeof options === 'object' && Object.getPrototypeOf(options) === Object.prototype) {
    return options.wasm;
  }
  return options ?? undefined;
}
