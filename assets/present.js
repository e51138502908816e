/* Presentation mode (/present, /present/<deck>): keyboard navigation, counter, announcements,
   optional auto-advance. Only active on pages containing #present-root, so no global shortcuts
   exist anywhere else in the app. */
(function () {
  "use strict";
  var state = { root: null, index: 0, timer: null, paused: false };

  // the app's home under URL_PREFIX (docs/deploy.md), from Dash's own config: "/" at the host's root
  function home() {
    try { return JSON.parse(document.getElementById("_dash-config").textContent).requests_pathname_prefix || "/"; } catch (e) { return "/"; }
  }

  function slides() {
    return state.root ? Array.prototype.slice.call(state.root.querySelectorAll(".present-slide")) : [];
  }

  function show(index) {
    var all = slides();
    if (!all.length) { return; }
    index = Math.max(0, Math.min(all.length - 1, index));
    var changed = index !== state.index;
    all.forEach(function (slide, k) { slide.hidden = k !== index; });
    state.index = index;
    var current = all[index];
    var counter = document.getElementById("present-counter");
    if (counter) { counter.textContent = "Slide " + (index + 1) + " of " + all.length; }
    var live = document.getElementById("present-live");
    if (live && changed) { live.textContent = "Slide " + (index + 1) + " of " + all.length + ": " + (current.getAttribute("data-title") || ""); }
    var exit = document.getElementById("present-exit");
    if (exit) { exit.setAttribute("href", current.getAttribute("data-href") || home()); }
    if (changed && history.replaceState) { history.replaceState(history.state, "", location.pathname + location.search + "#slide-" + (index + 1)); }
    // plotly sizes graphs that were display:none when first drawn: ask them to fit now
    window.setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 30);
  }

  function leave() {
    var all = slides();
    var href = all.length ? all[state.index].getAttribute("data-href") : home();
    window.location.assign(href || home());
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(function () {}); }
  }

  function setPaused(paused) {
    state.paused = paused;
    var button = document.getElementById("present-pause");
    if (button) {
      button.textContent = paused ? "Resume auto-advance" : "Pause auto-advance";
      button.setAttribute("aria-pressed", paused ? "true" : "false");
    }
  }

  function startAuto() {
    if (state.timer) { window.clearInterval(state.timer); state.timer = null; }
    var seconds = parseInt(state.root.getAttribute("data-auto") || "0", 10);
    if (!(seconds > 0)) { return; }
    state.timer = window.setInterval(function () {
      if (state.paused || !document.body.contains(state.root)) { return; }
      var all = slides();
      show(state.index + 1 < all.length ? state.index + 1 : 0);
    }, seconds * 1000);
  }

  function editable(target) {
    if (!target) { return false; }
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (!state.root || !document.body.contains(state.root) || editable(event.target)) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var handled = true;
    switch (event.key) {
      case "ArrowRight": case "PageDown": show(state.index + 1); break;
      case "ArrowLeft": case "PageUp": show(state.index - 1); break;
      case "Home": show(0); break;
      case "End": show(slides().length - 1); break;
      case "Escape": leave(); break;
      default: handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-present-action]");
    if (!control || !state.root || !state.root.contains(control)) { return; }
    var action = control.getAttribute("data-present-action");
    if (action === "exit") { return; } // a plain link to the current slide's full view
    event.preventDefault();
    if (action === "next") { show(state.index + 1); }
    else if (action === "prev") { show(state.index - 1); }
    else if (action === "pause") { setPaused(!state.paused); }
    else if (action === "fullscreen") { toggleFullscreen(); }
  });

  function attach() {
    var root = document.getElementById("present-root");
    document.body.classList.toggle("present-mode", !!root);
    if (!root || root === state.root) { return; }
    state.root = root;
    state.index = 0;
    setPaused(false);
    var match = /^#slide-(\d+)$/.exec(location.hash || "");
    show(match ? parseInt(match[1], 10) - 1 : 0);
    startAuto();
    root.focus && root.setAttribute("tabindex", "-1");
  }

  new MutationObserver(attach).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", attach);
})();
