// Types for <costshare-guide>, the guide as a custom element (`costshare-guide.js`, served with
// the site: README, "Embedding the guide"). The element's script comes from the site, not from
// this package; these types describe it. `import type {} from 'costshare/guide'` once in a
// project types `document.querySelector('costshare-guide')`, `document.createElement(...)` and
// the guide's events on the element and on `document`.
import type { CatalogFile, HouseholdFile } from './index.js';

/** One chosen option of a `costshare-recommendation` event. Amounts are decimal strings of dollars ("1206.90"). */
export interface GuideChoice {
  category: 'medical' | 'dental' | 'vision';
  planId: string;
  name: string;
  /** Null for going without a plan of this kind. */
  tierId: string | null;
  tier: string | null;
  /** The expected year's total. */
  yearlyTotal: string;
  /** The simulated years' average, once `simulated` is true. */
  average: string | null;
  /** The premium is an example value, not a published rate. */
  premiumIsExample: boolean;
}

/** The `detail` of `costshare-recommendation`. */
export interface GuideRecommendation {
  engineVersion: string;
  planYear: number;
  /** True once the simulated years are in (`average` and `simulations` are then set). */
  simulated: boolean;
  simulations: number;
  choices: GuideChoice[];
  /** The choices' expected-year totals added up. */
  yearlyTotal: string;
  average: string | null;
}

/** The `detail` of `costshare-error`. */
export interface GuideError {
  code: 'INVALID_ATTRIBUTE' | 'INVALID_INPUT' | 'INVALID_CATALOG' | 'LOAD_FAILED' | 'SIMULATION_FAILED' | 'CRASHED';
  /** The attribute or property at fault ("" when none is). */
  path: string;
  message: string;
}

/** The `detail` of `costshare-ready`. */
export interface GuideReady {
  engineVersion: string;
}

export interface GuideEventMap {
  'costshare-ready': CustomEvent<GuideReady>;
  /** The scenario, in the household file's format (once per new scenario). */
  'costshare-change': CustomEvent<HouseholdFile>;
  'costshare-recommendation': CustomEvent<GuideRecommendation>;
  'costshare-error': CustomEvent<GuideError>;
}

/** `<costshare-guide>`. Attributes: catalog, plans, goal, simulations, wasm, mode. */
export interface CostshareGuideElement extends HTMLElement {
  /** A catalog (the catalog file's format, or its JSON text); wins over the `catalog` attribute. */
  catalog: CatalogFile | string | undefined;
  /** Who is covered and their care; reading it gives the person's current entries. */
  household: HouseholdFile | undefined;
  /** The last `costshare-recommendation` event's detail (undefined before the first, and while the catalog cannot be used). */
  readonly recommendation: GuideRecommendation | undefined;
  addEventListener<K extends keyof GuideEventMap>(type: K, listener: (this: CostshareGuideElement, ev: GuideEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CostshareGuideElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof GuideEventMap>(type: K, listener: (this: CostshareGuideElement, ev: GuideEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CostshareGuideElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'costshare-guide': CostshareGuideElement;
  }
  // The events bubble and are composed: a listener on `document` hears every guide's.
  interface DocumentEventMap extends GuideEventMap {}
}
