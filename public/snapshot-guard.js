// Runs before the page's body is drawn: hides the build's snapshot of the starting page
// (web/embed/snapshot.mjs) on a visit that will not start there: a link with entries or other
// parameters (a catalog address, the embed frame, "start over") or entries saved on this device.
// The storage keys are web/src/storage.rs's (the start marker is this tab's, in sessionStorage). Without storage (blocked site data) only the
// address counts.
(() => {
  let elsewhere = location.search.length > 1 || location.hash.length > 1;
  try {
    elsewhere ||= localStorage.getItem('costshare.scenario') !== null || sessionStorage.getItem('costshare.starting') !== null;
  } catch {
    // No storage: nothing saved.
  }
  if (elsewhere) document.documentElement.classList.add('costshare-elsewhere');
})();

// If the page's start script itself does not arrive, public/boot.js cannot say so: this script
// does, above the snapshot (which cannot be changed). The usual cause is a host's frame
// sandboxed without allow-same-origin: the page's origin is then opaque ("null"), so its module
// scripts and stylesheet are cross-origin files that load only when served with
// Access-Control-Allow-Origin. The notice is styled here, since the stylesheet may be missing too.
addEventListener('error', (event) => {
  const script = event.target;
  if (!(script instanceof HTMLScriptElement) || !script.hasAttribute('data-costshare-glue')) return;
  const notice = document.createElement('p');
  notice.className = 'boot-failed';
  notice.setAttribute('role', 'alert');
  Object.assign(notice.style, { margin: '0', padding: '12px 16px', background: '#fde8ea', color: '#a4000f', font: '600 1rem system-ui, sans-serif', borderBottom: '2px solid #a4000f' });
  notice.textContent = 'costshare could not start: its program file did not load. '
    + (self.origin === 'null'
      ? 'This page is in a frame sandboxed without allow-same-origin, so its files must be served with Access-Control-Allow-Origin. '
      : 'Try reloading the page. ')
    + 'Nothing can be changed here; any figures below are for the example starting household.';
  const show = () => document.body.prepend(notice);
  if (document.body) show(); else addEventListener('DOMContentLoaded', show);
}, true);
