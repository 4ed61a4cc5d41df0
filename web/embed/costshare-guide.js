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
// household (an object). Events (bubbling, composed): costshare-ready, costshare-change,
// costshare-recommendation, costshare-error. See the README, section "Embedding".

// The build (web/embed/finish-build.sh) writes this build's file names here.
const here = new URL(import.meta.url);
const GLUE = new URL('__COSTSHARE_GLUE__', here).href;
const WASM = new URL('__COSTSHARE_WASM__', here).href;
const CSS = new URL('__COSTSHARE_CSS__', here).href;
const SITE = new URL('./', here).href;
const ATTRIBUTES = ['catalog', 'plans', 'goal', 'simulations'];

let loading; // one module and one stylesheet for every element on the page
function load(wasm) {
  loading ??= (async () => {
    const [glue, css] = await Promise.all([import(GLUE), fetch(CSS).then((r) => {
      if (!r.ok) throw new Error(`the guide's stylesheet could not be loaded (${r.status})`);
      return r.text();
    })]);
    await glue.default({ module_or_path: wasm });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return { glue, sheet };
  })();
  // A failed load can be tried again.
  loading.catch(() => { loading = undefined; });
  return loading;
}

function fail(element, code, path, message) {
  element.dispatchEvent(new CustomEvent('costshare-error', { bubbles: true, composed: true, detail: { code, path, message } }));
}

class CostshareGuide extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES, 'wasm', 'mode'];
  #root = this.attachShadow({ mode: 'open' });
  #guide; #frame; #catalog; #household; #generation = 0;

  get catalog() { return this.#catalog; }
  set catalog(value) { this.#catalog = value ?? undefined; this.#applyCatalog(); }
  get household() { return this.#guide ? JSON.parse(this.#guide.household()) : this.#household; }
  set household(value) {
    this.#household = value ?? undefined;
    if (this.#guide && value != null) this.#guide.setHousehold(JSON.stringify(value));
  }

  connectedCallback() { this.#start(); }
  disconnectedCallback() { this.#stop(); }
  attributeChangedCallback(name) {
    if (name === 'mode' || name === 'wasm') { if (this.isConnected) { this.#stop(); this.#start(); } return; }
    if (this.#guide) this.#apply(name);
    if (this.#frame) this.#post();
  }

  async #start() {
    const generation = ++this.#generation;
    if (this.getAttribute('mode') === 'iframe') { this.#startFrame(); return; }
    const wasm = this.hasAttribute('wasm') ? new URL(this.getAttribute('wasm'), document.baseURI).href : WASM;
    let loaded;
    try {
      loaded = await load(wasm);
    } catch (e) {
      this.#root.replaceChildren(Object.assign(document.createElement('p'), { role: 'alert', textContent: `The plan guide could not be loaded: ${e.message ?? e}` }));
      fail(this, 'LOAD_FAILED', 'wasm', `the guide's files could not be loaded from ${new URL('./', here).href}: ${e.message ?? e}`);
      return;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    this.#root.adoptedStyleSheets = [loaded.sheet];
    const container = document.createElement('div');
    this.#root.replaceChildren(container);
    this.#guide = loaded.glue.costshareMount(container, this, GLUE, wasm);
    for (const name of ATTRIBUTES) if (name !== 'catalog') this.#apply(name);
    this.#applyCatalog();
    if (this.#household != null) this.#guide.setHousehold(JSON.stringify(this.#household));
  }

  #stop() {
    this.#generation++;
    if (this.#guide) { this.#guide.unmount(); this.#guide.free(); this.#guide = undefined; }
    if (this.#frame) { window.removeEventListener('message', this.#frame.listener); this.#frame = undefined; }
    this.#root.replaceChildren();
  }

  #apply(name) {
    const value = this.getAttribute(name) ?? undefined;
    if (name === 'goal') this.#guide.setGoal(value);
    else if (name === 'simulations') this.#guide.setSimulations(value);
    else if (name === 'plans') this.#guide.setPlans(value);
    else if (name === 'catalog') this.#applyCatalog();
  }

  #applyCatalog() {
    if (this.#frame) { this.#post(); return; }
    if (!this.#guide) return;
    let json;
    if (this.#catalog !== undefined) {
      try { json = typeof this.#catalog === 'string' ? this.#catalog : JSON.stringify(this.#catalog); } catch (e) {
        fail(this, 'INVALID_CATALOG', 'catalog', `the catalog property cannot be read as JSON: ${e.message}`);
        return;
      }
    }
    this.#guide.setCatalog(this.getAttribute('catalog') ?? undefined, json);
  }

  // Iframe mode: the site, in a frame, sends its events and height to this page's origin only.
  #startFrame() {
    const frame = document.createElement('iframe');
    const address = new URL(SITE);
    address.searchParams.set('embed', location.origin);
    frame.src = address.href;
    frame.title = 'Health plan guide';
    frame.setAttribute('part', 'frame');
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host { display: block; } iframe { border: 0; width: 100%; min-height: 40rem; display: block; }');
    this.#root.adoptedStyleSheets = [sheet];
    const listener = (event) => {
      if (event.origin !== address.origin || event.source !== frame.contentWindow) return;
      const { type, detail } = event.data ?? {};
      if (type === 'costshare-height' && Number.isFinite(detail)) frame.style.height = `${Math.ceil(detail)}px`;
      else if (type === 'costshare-ready') { this.#post(); this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail })); }
      else if (['costshare-change', 'costshare-recommendation', 'costshare-error'].includes(type)) {
        this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
      }
    };
    window.addEventListener('message', listener);
    this.#frame = { frame, listener, origin: address.origin };
    this.#root.replaceChildren(frame);
  }

  // The attributes and properties, to the frame (only to the site's origin).
  #post() {
    const f = this.#frame;
    if (!f?.frame.contentWindow) return;
    const settings = Object.fromEntries(ATTRIBUTES.map((n) => [n, this.getAttribute(n) ?? null]));
    if (settings.catalog) settings.catalog = new URL(settings.catalog, document.baseURI).href;
    settings.catalogObject = this.#catalog === undefined ? null : JSON.stringify(this.#catalog);
    settings.household = this.#household === undefined ? null : JSON.stringify(this.#household);
    f.frame.contentWindow.postMessage({ type: 'costshare-settings', detail: settings }, f.origin);
  }
}

if (!customElements.get('costshare-guide')) customElements.define('costshare-guide', CostshareGuide);
