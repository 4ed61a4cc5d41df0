import type { CatalogFile } from './web/costshare_wasm.js';

/** The built-in example catalog (SHBP 2010 plans, dental and vision): a fresh copy on every call. */
export declare function builtinCatalog(): CatalogFile;
