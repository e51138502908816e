/* The board pack, kept in this browser (localStorage "outcome-bees-pack": a list of view URLs).
   "Add this view to the board pack" links (/pack?add=<view>) add without leaving the page when
   JavaScript runs; the /pack page lists the chosen views and builds the /pack.pdf link. */
(function () {
  "use strict";
  var KEY = "outcome-bees-pack";
  // URL_PREFIX (docs/deploy.md): the app's public path, read from Dash's own config; "/" at the host's root.
  function appPath(path) {
    var root = "/";
    try { root = JSON.parse(document.getElementById("_dash-config").textContent).requests_pathname_prefix || "/"; } catch (e) { /* no config */ }
    return root + path.replace(/^\//, "");
  }

  function load() {
    try { var v = JSON.parse(window.localStorage.getItem(KEY) || "[]"); return Array.isArray(v) ? v : []; }
    catch (e) { return []; }
  }
  function save(list) { try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode */ } }
  function add(url) { var list = load(); if (list.indexOf(url) < 0) { list.push(url); save(list); } return list; }

  function announce(message) {
    var region = document.getElementById("pack-announcer");
    if (!region) {
      region = document.createElement("div");
      region.id = "pack-announcer"; region.className = "pack-toast";
      region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="' + appPath("/pack?add=") + '"]');
    if (!link) { return; }
    var view = new URL(link.href, location.href).searchParams.get("add");
    if (!view) { return; }
    event.preventDefault();
    var list = add(view);
    announce("Added to the board pack (" + list.length + (list.length === 1 ? " view" : " views") + "). Open the pack page to download the PDF.");
  });

  function encodeViews(list) { return list.map(function (u) { return encodeURIComponent(u); }).join(","); }

  function render(root) {
    var params = new URLSearchParams(location.search);
    if (params.get("add")) { add(params.get("add")); history.replaceState(null, "", appPath("/pack")); }
    var list = load();
    root.textContent = "";
    var titleLabel = document.createElement("label"); titleLabel.htmlFor = "pack-title"; titleLabel.textContent = "Title on the cover";
    titleLabel.className = "form-label";
    var title = document.createElement("input"); title.id = "pack-title"; title.type = "text"; title.className = "form-control mb-3";
    title.value = window.localStorage.getItem(KEY + "-title") || "Outcome Bees board pack";
    title.addEventListener("input", function () { try { window.localStorage.setItem(KEY + "-title", title.value); } catch (e) {} update(); });
    root.appendChild(titleLabel); root.appendChild(title);

    var count = document.createElement("p"); count.id = "pack-count";
    root.appendChild(count);
    var ol = document.createElement("ol"); ol.className = "pack-list";
    list.forEach(function (url, i) {
      var li = document.createElement("li");
      var a = document.createElement("a"); a.href = appPath(url); a.textContent = url; li.appendChild(a);
      [["Move up", -1], ["Move down", 1]].forEach(function (pair) {
        var b = document.createElement("button"); b.type = "button"; b.className = "btn btn-sm btn-outline-secondary ms-2";
        b.textContent = pair[0]; b.setAttribute("aria-label", pair[0] + ": " + url);
        b.disabled = (i + pair[1] < 0 || i + pair[1] >= list.length);
        b.addEventListener("click", function () { var l = load(); var t = l[i]; l[i] = l[i + pair[1]]; l[i + pair[1]] = t; save(l); render(root); });
        li.appendChild(b);
      });
      var rm = document.createElement("button"); rm.type = "button"; rm.className = "btn btn-sm btn-outline-danger ms-2";
      rm.textContent = "Remove"; rm.setAttribute("aria-label", "Remove from pack: " + url);
      rm.addEventListener("click", function () { var l = load(); l.splice(i, 1); save(l); render(root); announce("Removed from the board pack."); });
      li.appendChild(rm);
      ol.appendChild(li);
    });
    root.appendChild(ol);
    var actions = document.createElement("p");
    var pdf = document.createElement("a"); pdf.id = "pack-download"; pdf.className = "btn btn-primary me-2"; pdf.textContent = "Download PDF board pack";
    var present = document.createElement("a"); present.id = "pack-present"; present.className = "btn btn-outline-primary me-2"; present.textContent = "Present these views";
    var clear = document.createElement("button"); clear.type = "button"; clear.className = "btn btn-outline-danger"; clear.textContent = "Empty the pack";
    clear.addEventListener("click", function () { save([]); render(root); announce("The board pack is empty."); });
    actions.appendChild(pdf); actions.appendChild(present); actions.appendChild(clear);
    root.appendChild(actions);
    function update() {
      var views = encodeViews(load());
      count.textContent = list.length ? list.length + (list.length === 1 ? " view" : " views") + " in the pack, in this order:" : "The pack is empty. Use “Add this view to the board pack” under any chart.";
      pdf.href = appPath("/pack.pdf?views=") + views + "&title=" + encodeURIComponent(title.value || "");
      present.href = appPath("/present?views=") + views;
      pdf.hidden = present.hidden = clear.hidden = !list.length;
    }
    update();
  }

  function attach() {
    var root = document.getElementById("pack-app");
    if (root && !root.getAttribute("data-ready")) {
      root.setAttribute("data-ready", "1");
      var nojs = document.getElementById("pack-nojs"); if (nojs) { nojs.hidden = true; }
      render(root);
    }
  }
  new MutationObserver(attach).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", attach);
})();
