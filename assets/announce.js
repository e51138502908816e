/* Page changes for screen-reader and keyboard users (WCAG 4.1.3, 2.4.3).
 *
 * Dash changes pages without a browser page load, so nothing tells a screen reader the page
 * changed. When the path changes and the new page's content has rendered, this puts
 * "<H1 text> – page loaded" in the polite live region #page-announcer (app.py) and moves
 * focus to the new page's H1 (made focusable with tabindex=-1), so the next Tab starts
 * at the top of the new content.
 *
 * When only the query changes (a control wrote its value to the URL and the page re-rendered),
 * the page stays the same: focus goes back to the control that had it (same id), so keyboard
 * users are not dropped to the top of the document.
 */
(function () {
  "use strict";
  var lastPath = window.location.pathname;
  var lastFocusedId = null;
  var timer = null;
  var firstRender = true;

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    while (el && el !== document.body) {
      if (el.id) { lastFocusedId = el.id; return; }
      el = el.parentElement;
    }
  }, true);

  function announce(text) {
    var region = document.getElementById("page-announcer");
    if (!region || !text) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function heading() {
    return document.querySelector("#main-content h1");
  }

  function settled() {
    var path = window.location.pathname;
    var h1 = heading();
    if (!h1) { return; }
    if (firstRender) {
      firstRender = false;
      lastPath = path;
      return;
    }
    if (path !== lastPath) {
      lastPath = path;
      lastFocusedId = null;
      announce(h1.textContent.trim() + " – page loaded");
      if (!h1.hasAttribute("tabindex")) { h1.setAttribute("tabindex", "-1"); }
      h1.focus({ preventScroll: false });
      return;
    }
    restoreFocus();
    // a closing dropdown menu can drop focus to the body just after the redraw: check again
    window.setTimeout(restoreFocus, 500);
    window.setTimeout(restoreFocus, 1200);
  }

  function restoreFocus() {
    var active = document.activeElement;
    if ((!active || active === document.body) && lastFocusedId) {
      var again = document.getElementById(lastFocusedId);
      if (again && typeof again.focus === "function") {
        var target = again.matches("input, button, select, textarea, a[href], [tabindex]") ? again
          : again.querySelector("input, button, select, textarea, a[href], [tabindex]:not([tabindex='-1'])");
        if (target) { target.focus({ preventScroll: true }); }
      }
    }
  }

  function watch() {
    var container = document.getElementById("_pages_content");
    if (!container) { window.setTimeout(watch, 100); return; }
    // only a new page (or a re-render of it) replaces the container's children; chart and table
    // updates inside the page are left alone
    new MutationObserver(function (mutations) {
      if (!mutations.some(function (m) { return m.target === container; })) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(settled, 150);
    }).observe(container, { childList: true });
    timer = window.setTimeout(settled, 150);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
