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
// A panic stops the wasm module for good: it arrives here as a WebAssembly.RuntimeError (the
// module's `unreachable` trap) thrown out of whatever called into the module, an event handler
// or a promise's task. The page is dead, so it is replaced with a message and "Start over",
// whose `?start-over` makes the app clear the saved entries on load (costshare_web::app).
function crashed(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.querySelector('main.crashed')) return false;
  const element = (name, text) => Object.assign(document.createElement(name), text ? { textContent: text } : {});
  const main = element('main');
  main.className = 'crashed';
  main.setAttribute('role', 'alert');
  const link = element('a', 'Start over');
  link.href = location.search.length > 1 ? `${location.search}&start-over=1` : '?start-over=1';
  const again = element('p');
  again.append(link, ' clears your saved entries and opens the page again.');
  main.append(
    element('h1', 'costshare stopped working'),
    element('p', 'Something in the page went wrong and it cannot continue. Nothing you entered has left this device.'),
    again,
  );
  document.body.replaceChildren(main);
  link.focus();
  // In a host page's frame (`?embed=<its origin>`), the host's <costshare-guide> hears it too.
  const host = new URLSearchParams(location.search).get('embed');
  try {
    if (host && parent !== window && new URL(host).origin === host) {
      const detail = { code: 'CRASHED', path: '', message: 'the guide stopped working because of an internal error; reload the page to start it again' };
      parent.postMessage({ type: 'costshare-error', detail }, host);
    }
  } catch { /* not an origin: nobody to tell */ }
  return true;
}
addEventListener('error', (event) => crashed(event.error));
addEventListener('unhandledrejection', (event) => crashed(event.reason));

const glue = address('data-costshare-glue');
const wasm = address('data-costshare-wasm');
if (glue && wasm) {
  try {
    const module = await import(glue);
    const instance = await module.default({ module_or_path: wasm });
    window.wasmBindings = module; // as Trunk's own bootstrap does
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
  } catch (error) {
    // A panic while the app was being built: the crash page. Otherwise the page could not start
    // (an old browser, a file that did not arrive): say so above the snapshot of the starting
    // page, which stays as it is.
    if (!crashed(error)) {
      const notice = document.createElement('p');
      notice.className = 'boot-failed';
      notice.setAttribute('role', 'alert');
      notice.textContent = `costshare could not start in this browser (${error?.message ?? error}). `
        + 'Nothing can be changed here; any figures below are for the example starting household. '
        + 'Try reloading, or another up-to-date browser.';
      document.body.prepend(notice);
    }
  }
}
