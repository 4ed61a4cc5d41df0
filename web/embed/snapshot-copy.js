// The build's snapshot of the starting page (see snapshot.mjs), as a function to run in the page
// from its start (Playwright's addInitScript): in the task that first puts a recommendation on
// the live page, before anything else can change it (the simulation's status, its results), it
// sets `window.costshareSnapshot` to a copy of the page's HTML with the inputs' values written
// into attributes (the live page sets them as properties), without the empty comments Leptos
// keeps as markers, marked `data-snapshot`, `inert` and `aria-busy`. Shared by snapshot.mjs and the end-to-end test that checks the snapshot is the
// page. Self-contained: Playwright sends its source text.
export function copyStartingPage() {
  new MutationObserver((_, observer) => {
    const root = document.querySelector('body > .costshare:not([data-snapshot])');
    if (!root || !root.querySelector('.recommendation')) return;
    observer.disconnect();
    const copy = root.cloneNode(true);
    const live = root.querySelectorAll('input, select, textarea');
    const copied = copy.querySelectorAll('input, select, textarea');
    live.forEach((field, i) => {
      const c = copied[i];
      if (field instanceof HTMLSelectElement) {
        [...field.options].forEach((o, j) => c.options[j].toggleAttribute('selected', o.selected));
      } else if (field instanceof HTMLTextAreaElement) {
        c.textContent = field.value;
      } else if (field.type === 'checkbox' || field.type === 'radio') {
        c.toggleAttribute('checked', field.checked);
      } else {
        c.setAttribute('value', field.value);
      }
    });
    const markers = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (markers.nextNode()) comments.push(markers.currentNode);
    comments.forEach((c) => c.remove());
    copy.setAttribute('data-snapshot', '');
    copy.setAttribute('inert', '');
    copy.setAttribute('aria-busy', 'true');
    window.costshareSnapshot = copy.outerHTML;
  }).observe(document, { childList: true, subtree: true });
}
