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

/**
 * A browser entry point over one wasm-bindgen web build (`wbgInit` its default export, `raw` its
 * functions): `init` (once; after a failure it can be called again), `initSync` (from bytes or a
 * compiled module, for workers) and the guarded functions the build has.
 */
export function webEntry(wbgInit, raw) {
  let ready = false;
  let pending;
  const failed = (e) => costshareError('INIT_FAILED', `could not load costshare's wasm: ${message(e)}`, e);
  function init(options) {
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
  function initSync(options) {
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
  return { init, initSync, ...bind(raw, () => ready) };
}

/**
 * A Node entry point over one wasm-bindgen nodejs build, which loads its wasm synchronously on
 * import: `init` and `initSync` only exist to keep code the same in both places.
 */
export function nodeEntry(raw) {
  return { init: (_options) => Promise.resolve(), initSync: (_options) => {}, ...bind(raw, () => true) };
}

/** Wraps the generated functions: NOT_INITIALIZED before init, INTERNAL if the engine traps. */
export function bind(raw, isReady) {
  const guard = (name) => (...args) => {
    if (!isReady()) {
      throw costshareError('NOT_INITIALIZED', `costshare is not initialized: await init() before calling ${name}()`);
    }
    // validatePlan and validateCatalog answer any value with problems; these need their request.
    if ((name === 'estimate' || name === 'compare') && (args[0] === null || typeof args[0] !== 'object')) {
      const shape = name === 'estimate' ? '{ plan, tier, members, claims }' : '{ catalog, household }';
      throw costshareError('INVALID_INPUT', `${name}() needs an object ${shape}, not ${args[0] === null ? 'null' : typeof args[0]}`);
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
  // The functions this build has (the engine-only build has no `compare`).
  const names = ['validatePlan', 'validateCatalog', 'estimate', 'compare'];
  return Object.fromEntries(names.filter((n) => typeof raw[n] === 'function').map((n) => [n, guard(n)]));
}

/** `{ wasm }` options, or the wasm source itself. */
export function wasmSource(options) {
  if (options !== null && typeof options === 'object' && Object.getPrototypeOf(options) === Object.prototype) {
    return options.wasm;
  }
  return options ?? undefined;
}
