// Types of `costshare/engine` (browsers and Node): plan checks and estimates, without the
// decision model. The data types (PlanFile, CatalogFile, EstimateReport, Validation, ...) are
// generated from the Rust types of the engine-only build.
import type * as wasm from './engine/web/costshare_wasm.js';
export type * from './engine/web/costshare_wasm.js';

/** Where the wasm comes from: a URL, a fetch Response (or its promise), bytes or a compiled module. */
export type WasmSource = wasm.InitInput | Promise<wasm.InitInput>;

export interface InitOptions {
  /** Default: `costshare_wasm_bg.wasm` beside the module (the `costshare/engine/wasm` subpath). */
  wasm?: WasmSource;
}

/** Loads the wasm. Idempotent; after a failure (INIT_FAILED) it can be called again. */
export declare function init(options?: InitOptions | WasmSource): Promise<void>;

/** Loads the wasm synchronously from its bytes or a compiled module (for workers). */
export declare function initSync(options: { wasm: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;

/** Checks a plan file. Never throws on a bad document. */
export declare const validatePlan: typeof wasm.validatePlan;
/** Checks a catalog file. Never throws on a bad document. */
export declare const validateCatalog: typeof wasm.validateCatalog;
/** Runs claims through a plan: claim by claim and totals, amounts as decimal strings. */
export declare const estimate: typeof wasm.estimate;

/** The engine's version, to record which engine produced a number. */
export declare const ENGINE_VERSION: string;
/** The plan file `schema_version` this engine reads. */
export declare const PLAN_SCHEMA_VERSION: number;

/** What costshare throws: a real `Error` with a stable `code` and the field `path`. */
export interface CostshareError extends Error, wasm.CostshareErrorFields {
  name: 'CostshareError';
}

/** True when `e` is a CostshareError. */
export declare function isCostshareError(e: unknown): e is CostshareError;
