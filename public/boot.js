// Starts the site: loads the page's JavaScript glue and wasm module and runs the app. It is a
// file rather than Trunk's inline bootstrap script so that the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline'). Trunk
// writes the hashed file names into this script tag's data attributes (Trunk.toml
// `pattern_script`).
const tag = document.querySelector('script[data-costshare-glue]');
const here = new URL(document.baseURI);
const address = (name) => {
  const value = tag?.getAttribute(name);
  const url = value ? new URL(value, here) : null;
  return url && url.origin === here.origin ? url.href : null;
};
const glue = address('data-costshare-glue');
const wasm = address('data-costshare-wasm');
if (glue && wasm) {
  try {
    const module = await import(glue);
    const instance = await module.default({ module_or_path: wasm });
    window.wasmBindings = module; // as Trunk's own bootstrap does
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
  } catch (error) {
    // The page could not start (an old browser, a file that did not arrive): say so above the
    // snapshot of the starting page, which stays as it is.
    const notice = document.createElement('p');
    notice.className = 'boot-failed';
    notice.setAttribute('role', 'alert');
    notice.textContent = `costshare could not start in this browser (${error?.message ?? error}). `
      + 'Nothing can be changed here; any figures below are for the example starting household. '
      + 'Try reloading, or another up-to-date browser.';
    document.body.prepend(notice);
  }
}
