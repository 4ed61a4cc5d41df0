// Runs before the page's body is drawn: hides the build's snapshot of the starting page
// (web/embed/snapshot.mjs) on a visit that will not start there: a link with entries or other
// parameters (a catalog address, the embed frame, "start over") or entries saved on this device.
// The storage keys are web/src/storage.rs's. Without storage (blocked site data) only the
// address counts.
(() => {
  let elsewhere = location.search.length > 1 || location.hash.length > 1;
  try {
    elsewhere ||= localStorage.getItem('costshare.scenario') !== null || localStorage.getItem('costshare.starting') !== null;
  } catch {
    // No storage: nothing saved.
  }
  if (elsewhere) document.documentElement.classList.add('costshare-elsewhere');
})();
