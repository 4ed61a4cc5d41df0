// <costshare-guide>: the costshare decision guide as a custom element, for any page.
//
//   <script type="module" src="https://plans.example.com/costshare/costshare-guide.js"></script>
//   <costshare-guide catalog="/benefits/plans.json" goal="balanced"></costshare-guide>
//
// The guide is the site's own Leptos app, mounted in an open shadow root (the page's CSS cannot
// reach it, its CSS stays inside). Its module, wasm and stylesheet load from beside this script
// (or the `wasm` attribute's address); several elements share one module. With mode="iframe" the
// guide runs in a frame of the site instead, and its events are passed on the same way.
// Attributes: catalog, plans, goal, simulations, wasm, mode. Properties: catalog (an object),
// household (an object), recommendation (read only: the last one). Events (bubbling,
// composed): costshare-ready, costshare-change, costshare-recommendation, costshare-error. See
// the README, section "Embedding".

// The build (web/embed/finish-build.sh) writes this build's file names here.
const here = new URL(import.meta.url);
const GLUE = new URL('__COSTSHARE_GLUE__', here).href;
const WASM = new URL('__COSTSHARE_WASM__', here).href;
const CSS = new URL('__COSTSHARE_CSS__', here).href;
const SITE = new URL('./', here).href;
const ATTRIBUTES = ['catalog', 'plans', 'goal', 'simulations'];
// The theming properties (README, "Theming"): in iframe mode they are read on the host page and
// sent to the frame, since custom properties cannot cross into another document.
const THEME = ['color-primary', 'color-on-primary', 'color-text', 'color-muted', 'color-border',
  'color-background', 'color-highlight', 'font-family', 'font-size', 'radius'].map((n) => `--costshare-${n}`);
// How long a frame may take to say it has started, after it has loaded, before the element says
// it did not (a site that does not allow this page in its frame-ancestors shows the browser's
// error page instead, which says nothing to this page).
const FRAME_START_MS = 5000;

// A failed load names what failed: `path` is the attribute at fault ('wasm' for the .wasm file,
// which the `wasm` attribute can move; '' for the files that always come from beside this script).
class LoadError extends Error {
  constructor(path, message) { super(message); this.path = path; }
}

let loading; // one module and one stylesheet for every element on the page
function load(wasm) {
  loading ??= (async () => {
    const [glue, css] = await Promise.all([
      import(GLUE).catch((e) => { throw new LoadError('', `the guide's module ${GLUE} could not be loaded: ${e.message ?? e}`); }),
      fetch(CSS).then((r) => {
        if (!r.ok) throw new Error(`the server answered ${r.status}`);
        return r.text();
      }).catch((e) => { throw new LoadError('', `the guide's stylesheet ${CSS} could not be loaded: ${e.message ?? e}`); }),
    ]);
    await glue.default({ module_or_path: wasm })
      .catch((e) => { throw new LoadError('wasm', `the guide's .wasm file ${wasm} could not be loaded: ${e.message ?? e}`); });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return { glue, sheet, wasm };
  })();
  // A failed load can be tried again.
  loading.catch(() => { loading = undefined; });
  return loading;
}

function fail(element, code, path, message) {
  element.dispatchEvent(new CustomEvent('costshare-error', { bubbles: true, composed: true, detail: { code, path, message } }));
}

// A panic stops the shared wasm module for good. It arrives as a WebAssembly.RuntimeError (the
// module's `unreachable` trap) thrown out of a call into the module: from the guide's own event
// handlers and tasks to this window's error events, from the calls below to their caller. Every
// guide on the page then says so and sends CRASHED; nothing calls into the module again.
const CRASHED = 'the guide stopped working because of an internal error; reload the page to start it again';
const running = new Set(); // each element-mode guide's way to stop after a crash
let crashed = false;
function crash(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || !String(error.stack).includes(GLUE)) return false;
  if (!crashed) {
    crashed = true;
    for (const stop of running) stop();
    running.clear();
  }
  return true;
}
addEventListener('error', (event) => crash(event.error));
addEventListener('unhandledrejection', (event) => crash(event.reason));
// Calls into the module: after a crash, nothing, and a trap becomes the crash.
function guarded(call) {
  if (crashed) return undefined;
  try { return call(); } catch (e) { if (crash(e)) return undefined; throw e; }
}

class CostshareGuide extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES, 'wasm', 'mode'];
  #root = this.attachShadow({ mode: 'open' });
  #guide; #frame; #catalog; #household; #entries; #generation = 0; #started = false; #recommendation;

  constructor() {
    super();
    // Properties a page set before this script defined the element are own properties of the
    // element that hide the class's setters: take them over.
    for (const name of ['catalog', 'household']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    // The last recommendation, for a page whose code runs after the guide's first answer.
    this.addEventListener('costshare-recommendation', (e) => { this.#recommendation = e.detail; });
    // A catalog that cannot be used sends no recommendation; neither does the property.
    this.addEventListener('costshare-error', (e) => { if (e.detail?.code === 'INVALID_CATALOG') this.#recommendation = undefined; });
  }

  /** The last `costshare-recommendation` event's detail, or undefined before the first. */
  get recommendation() { return this.#recommendation; }

  get catalog() { return this.#catalog; }
  set catalog(value) { this.#catalog = value ?? undefined; this.#recommendation = undefined; this.#applyCatalog(); }
  // The person's current entries: from the guide, or in iframe mode the frame's last change.
  get household() {
    const json = this.#guide && guarded(() => this.#guide.household());
    if (json) return JSON.parse(json);
    return this.#frame?.scenario ?? this.#entries ?? this.#household;
  }
  set household(value) {
    this.#household = value ?? undefined;
    this.#entries = undefined;
    if (this.#guide && value != null) this.#sendHousehold();
    if (this.#frame && value != null) { this.#frame.householdPending = true; this.#post(); }
    // Unset: the entries stay as they are, and a problem with the value before goes.
    if (value == null) {
      guarded(() => this.#guide?.householdCleared());
      if (this.#frame) { this.#frame.householdCleared = true; this.#post(); }
    }
  }

  // The household property as JSON text, or why it cannot be written as JSON (a cycle, a BigInt).
  #householdJson() {
    try {
      return { json: JSON.stringify(this.#household) };
    } catch (e) {
      return { error: `the household property cannot be turned into JSON: ${e.message}` };
    }
  }

  #sendHousehold() {
    const { json, error } = this.#householdJson();
    guarded(() => (error ? this.#guide?.householdUnreadable(error) : this.#guide?.setHousehold(json)));
  }

  connectedCallback() { this.#start(); }
  disconnectedCallback() { this.#stop(); }
  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    // Another catalog, or other plans of it: the last recommendation may name plans no longer
    // offered, so the property has none until the guide's next one.
    if (name === 'catalog' || name === 'plans') this.#recommendation = undefined;
    // Before the element is connected (and while it is upgraded, when every attribute is
    // reported once), connectedCallback starts it with the attributes as they are.
    if (name === 'mode' || name === 'wasm') { if (this.#started) { this.#stop(); this.#start(); } return; }
    if (this.#guide) this.#apply(name);
    if (this.#frame) { if (name === 'catalog') this.#applyCatalog(); else this.#post(); }
  }

  async #start() {
    this.#started = true;
    const generation = ++this.#generation;
    if (this.getAttribute('mode') === 'iframe') { this.#startFrame(); return; }
    const wasm = this.hasAttribute('wasm') ? new URL(this.getAttribute('wasm'), document.baseURI).href : WASM;
    let loaded;
    try {
      loaded = await load(wasm);
    } catch (e) {
      if (generation !== this.#generation) return;
      const message = e.message ?? String(e);
      this.#root.replaceChildren(Object.assign(document.createElement('p'), { role: 'alert', textContent: `The plan guide could not be loaded: ${message}` }));
      fail(this, 'LOAD_FAILED', e.path ?? '', message);
      return;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    // One page runs one module: an element whose `wasm` names another file uses the one loaded
    // (its workers too), and says so.
    if (this.hasAttribute('wasm') && loaded.wasm !== wasm) {
      fail(this, 'INVALID_ATTRIBUTE', 'wasm', `this page already runs the guide's module from ${loaded.wasm}, so this element uses it too; give every guide on the page the same wasm address`);
    }
    this.#root.adoptedStyleSheets = [loaded.sheet];
    if (crashed) { this.#crashed(); return; }
    const container = document.createElement('div');
    this.#root.replaceChildren(container);
    running.add(this.#onCrash);
    this.#guide = guarded(() => loaded.glue.costshareMount(container, this, GLUE, loaded.wasm));
    if (!this.#guide) return;
    for (const name of ATTRIBUTES) if (name !== 'catalog') this.#apply(name);
    this.#applyCatalog();
    if (this.#household != null) this.#sendHousehold();
    // Back in the document (moved by the page): the person's entries as they left.
    if (this.#entries != null) guarded(() => this.#guide?.restoreEntries(JSON.stringify(this.#entries)));
  }

  // After a crash: the guide's DOM is dead; the module is not called again, not even to free it.
  #onCrash = () => { this.#guide = undefined; this.#crashed(); };
  #crashed() {
    this.#root.replaceChildren(Object.assign(document.createElement('p'), { role: 'alert', textContent: `The plan guide stopped working because of an internal error and cannot continue. Reload the page to start it again. Nothing entered in it has left this device.` }));
    fail(this, 'CRASHED', '', CRASHED);
  }

  #stop() {
    this.#started = false;
    this.#generation++;
    running.delete(this.#onCrash);
    if (this.#guide) {
      const guide = this.#guide;
      this.#guide = undefined;
      const json = guarded(() => guide.household());
      if (json) this.#entries = JSON.parse(json);
      guarded(() => { guide.unmount(); guide.free(); });
    }
    if (this.#frame) {
      // The person's entries as they left (the frame's last change), put back when it returns.
      if (this.#frame.scenario != null) this.#entries = this.#frame.scenario;
      window.removeEventListener('message', this.#frame.listener);
      document.removeEventListener('securitypolicyviolation', this.#frame.violation);
      clearTimeout(this.#frame.timer);
      this.#frame = undefined;
    }
    this.#root.replaceChildren();
  }

  #apply(name) {
    const value = this.getAttribute(name) ?? undefined;
    if (name === 'goal') guarded(() => this.#guide?.setGoal(value));
    else if (name === 'simulations') guarded(() => this.#guide?.setSimulations(value));
    else if (name === 'plans') guarded(() => this.#guide?.setPlans(value));
    else if (name === 'catalog') this.#applyCatalog();
  }

  #applyCatalog() {
    if (this.#frame) { this.#frameCatalog(); return; }
    if (!this.#guide) return;
    const { json, error } = this.#catalogJson();
    if (error) guarded(() => this.#guide?.catalogUnreadable(error));
    else guarded(() => this.#guide?.setCatalog(this.getAttribute('catalog') ?? undefined, json));
  }

  // The catalog property as JSON text (a string is taken as the text itself; undefined when it
  // is not set), or why it cannot be written as JSON. The guide shows the reason and sends the
  // INVALID_CATALOG event.
  #catalogJson() {
    if (this.#catalog === undefined) return { json: undefined };
    try {
      return { json: typeof this.#catalog === 'string' ? this.#catalog : JSON.stringify(this.#catalog) };
    } catch (e) {
      return { error: `the catalog property cannot be read as JSON: ${e.message}` };
    }
  }

  // Iframe mode: the site, in a frame, sends its events and height to this page's origin only.
  // It starts the guide once it has this element's settings (`costshare-frame` asks for them),
  // so its first answer already follows the attributes.
  #startFrame() {
    const frame = document.createElement('iframe');
    const address = new URL(SITE);
    address.searchParams.set('embed', location.origin);
    frame.src = address.href;
    frame.title = 'Health plan guide';
    frame.setAttribute('part', 'frame');
    const sheet = new CSSStyleSheet();
    // The theme reaches the frame again whenever it changes on the host page (a class, a style or
    // a media query): a discrete transition of each theming property on the frame element, which
    // inherits them, starts on every change of its value, and says so with a `transitionrun`.
    sheet.replaceSync(`:host { display: block; } iframe { border: 0; width: 100%; min-height: 40rem; display: block;
      transition-property: ${THEME.join(', ')}; transition-duration: 1ms; transition-behavior: allow-discrete; }`);
    this.#root.adoptedStyleSheets = [sheet];
    let themePending = false;
    frame.addEventListener('transitionrun', (event) => {
      if (!THEME.includes(event.propertyName) || themePending) return;
      themePending = true;
      queueMicrotask(() => { themePending = false; if (this.#frame === f) this.#post(); });
    });
    const f = { frame, origin: address.origin, started: false, householdPending: this.#household != null, scenario: undefined, timer: undefined };
    f.listener = (event) => {
      if (event.origin !== address.origin || event.source !== frame.contentWindow) return;
      const { type, detail } = event.data ?? {};
      if (type === 'costshare-frame') {
        f.started = true;
        clearTimeout(f.timer);
        // A frame that started again (it reloaded, or the element moved) needs the household
        // again: the person's entries when they had some, else the property.
        f.householdPending = this.#household != null || this.#entries != null;
        this.#frameCatalog();
      } else if (type === 'costshare-height' && Number.isFinite(detail)) frame.style.height = `${Math.ceil(detail)}px`;
      else if (['costshare-ready', 'costshare-change', 'costshare-recommendation', 'costshare-error'].includes(type)) {
        if (type === 'costshare-change') f.scenario = detail;
        this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
      }
    };
    const frameFailed = (message) => {
      if (f.started || f.failed || this.#frame !== f) return;
      f.failed = true;
      clearTimeout(f.timer);
      const note = Object.assign(document.createElement('p'), { role: 'alert', textContent: `The plan guide could not be loaded: ${message}` });
      this.#root.replaceChildren(note, frame);
      fail(this, 'LOAD_FAILED', '', message);
    };
    // This page's own policy refuses the frame (no frame-src for the site): the browser says so
    // here, at once.
    f.violation = (event) => {
      if (!['frame-src', 'child-src', 'default-src'].includes(event.effectiveDirective)) return;
      if (!event.blockedURI.startsWith(address.origin)) return;
      frameFailed(`this page's Content-Security-Policy does not allow frames from ${address.origin}: add it to the page's frame-src`);
    };
    document.addEventListener('securitypolicyviolation', f.violation);
    // A frame that loads but never starts: the site refused to be framed here, or is not there.
    frame.addEventListener('load', () => {
      if (f.started || this.#frame !== f) return;
      clearTimeout(f.timer);
      f.timer = setTimeout(() => frameFailed(`the guide's frame (${address.origin}) did not start: the site must send Content-Security-Policy frame-ancestors with this page's origin (${location.origin}), and serve the guide at ${SITE}`), FRAME_START_MS);
    });
    window.addEventListener('message', f.listener);
    this.#frame = f;
    this.#root.replaceChildren(frame);
  }

  // Iframe mode's catalog: an address is fetched here, on the host page, as in element mode (so
  // this page's connect-src decides, and a catalog on this page's origin needs no CORS); the
  // frame gets its text, or why it could not be fetched, and checks it as the guide does. The
  // `catalog` property is sent as it is.
  async #frameCatalog() {
    const f = this.#frame;
    if (!f) return;
    const { json: object, error: unreadable } = this.#catalogJson();
    if (unreadable) {
      // The frame says why, as for a catalog that could not be fetched.
      f.catalog = { text: null, error: null, url: null, object: null, unreadable };
      f.asked = {};
      this.#post();
      return;
    }
    f.catalog = { text: null, error: null, url: null, object: object ?? null };
    const attribute = this.getAttribute('catalog');
    if (this.#catalog === undefined && attribute) {
      let url;
      try { url = new URL(attribute, document.baseURI); } catch { url = undefined; }
      if (!url || !['http:', 'https:'].includes(url.protocol)) {
        f.catalog.unreadable = `the catalog attribute "${attribute.slice(0, 80)}" is not an http or https address`;
        f.asked = {};
        this.#post();
        return;
      }
      url = url.href;
      f.catalog.url = url;
      // Meanwhile the frame hears the address alone, and waits for the plans.
      this.#post();
      const asked = (f.asked = {});
      let text, error;
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
        text = await response.text();
      } catch (e) {
        error = e.message ?? String(e);
      }
      // A newer catalog, or another start of the element, took over meanwhile.
      if (f !== this.#frame || asked !== f.asked) return;
      if (error) f.catalog.error = error; else f.catalog.text = text;
    } else {
      f.asked = {};
    }
    this.#post();
  }

  // The attributes, properties and theme, to the frame (only to the site's origin), once it has
  // started. The household goes only when the property was set since the last time, so that
  // a changed attribute does not undo the person's entries.
  #post() {
    const f = this.#frame;
    if (!f?.started || !f.frame.contentWindow) return;
    const settings = Object.fromEntries(ATTRIBUTES.filter((n) => n !== 'catalog').map((n) => [n, this.getAttribute(n) ?? null]));
    settings.catalogUrl = f.catalog?.url ?? null;
    settings.catalogText = f.catalog?.text ?? null;
    settings.catalogError = f.catalog?.error ?? null;
    settings.catalogObject = f.catalog?.object ?? null;
    settings.catalogUnreadable = f.catalog?.unreadable ?? null;
    const household = !f.householdPending ? {}
      : this.#entries != null ? { json: JSON.stringify(this.#entries) }
      : this.#household != null ? this.#householdJson() : {};
    settings.household = household.json ?? null;
    settings.householdError = household.error ?? null;
    settings.householdCleared = f.householdCleared ? 'true' : null;
    f.householdPending = false;
    f.householdCleared = false;
    const style = getComputedStyle(this);
    settings.theme = Object.fromEntries(THEME.map((n) => [n, style.getPropertyValue(n).trim()]).filter(([, v]) => v));
    f.frame.contentWindow.postMessage({ type: 'costshare-settings', detail: settings }, f.origin);
  }
}

if (!customElements.get('costshare-guide')) customElements.define('costshare-guide', CostshareGuide);

/**
 * The expected-year comparison without the guide: `household` in the household file's format,
 * `catalog` (optional) a catalog object. Resolves to the report (amounts in cents); rejects with
 * an Error carrying `code`, `path` and `message`. Shares the module the elements use.
 */
export async function compare(household, options) {
  const error = (code, path, message) => Object.assign(new Error(message), { name: 'CostshareError', code, path, message });
  // Each argument as JSON text (a string is taken as the text itself), or the documented error.
  const text = (value, code, path) => {
    if (typeof value === 'string') return value;
    try {
      const json = JSON.stringify(value);
      if (json === undefined) throw new Error(`no ${path} was given`);
      return json;
    } catch (e) {
      throw error(code, path, `the ${path} cannot be turned into JSON: ${e.message}`);
    }
  };
  if (options != null && typeof options !== 'object') throw error('INVALID_INPUT', 'options', 'the options must be an object, like { catalog }');
  const catalog = options?.catalog ?? undefined;
  const householdJson = text(household, 'INVALID_INPUT', 'household');
  const catalogJson = catalog === undefined ? undefined : text(catalog, 'INVALID_CATALOG', 'catalog');
  const { glue } = await load(WASM);
  const stopped = () => error('CRASHED', '', CRASHED);
  if (crashed) throw stopped();
  try {
    return JSON.parse(glue.costshareCompare(householdJson, catalogJson));
  } catch (e) {
    if (crash(e)) throw stopped();
    const detail = typeof e === 'string' ? JSON.parse(e) : { code: 'INVALID_INPUT', path: '', message: String(e) };
    throw Object.assign(new Error(detail.message), { name: 'CostshareError', ...detail });
  }
}
