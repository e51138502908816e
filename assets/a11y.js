/* Repairs to Dash 4 component markup that axe-core (WCAG 4.1.2) rightly flags.
 * Documented in the accessibility statement (components/accessibility.py); remove each repair
 * when Dash fixes the component upstream (tests/browser/a11y/test_axe.py will show it).
 *
 * 1. dcc.Dropdown renders a hidden focus proxy, <input class="dash-dropdown-focus-target"
 *    tabindex="0" aria-hidden="true">, before its trigger <button tabindex="-1">; focusing the
 *    proxy forwards focus to the button. A focusable element hidden from assistive technology
 *    fails "aria-hidden-focus". Here the button itself is in the tab order and the proxy is not
 *    (the button already handles Enter/ArrowDown and is what the proxy forwarded to). The
 *    component puts tabindex 0 back on the proxy whenever the button loses focus, so the
 *    repair is re-applied whenever that attribute changes.
 *
 * 2. dcc.RadioItems / dcc.Checklist render role="listbox" on the group and role="option" +
 *    aria-selected on each <label> around a native radio/checkbox: interactive controls nested
 *    in interactive roles ("nested-interactive") and a listbox without a name
 *    ("aria-input-field-name"). The native inputs already carry the meaning, so the ARIA roles
 *    are removed and the group takes role="radiogroup"/"group", named by its <legend> or
 *    label when there is one.
 *
 * 3. dcc.Upload renders its <input type="file"> with no label; it takes the upload area's
 *    visible words ("Choose a CSV file or drag and drop it here") as its name.
 *
 * 4. dcc.Dropdown names its trigger <button> with aria-labelledby="<id>-value-count <id>-value":
 *    on a multi-select the name reads "2 selected Stevenage Broxbourne" while the button shows
 *    "Stevenage Broxbourne 2 selected" (WCAG 2.5.3 Label in Name, axe
 *    "label-content-name-mismatch"), and the field's own <label> ("Areas to compare") is left out
 *    of the name altogether. Here the name is the label followed by everything the button shows,
 *    in the order shown: aria-labelledby="<label id> <id>-shown", where <id>-shown is the
 *    button's trigger span (selected values, "n selected" count or placeholder). The component
 *    writes the same aria-labelledby on every render, so React leaves ours alone; a re-created
 *    button is repaired again by the observer below.
 */
(function () {
  "use strict";

  function fixDropdown(proxy) {
    if (proxy.getAttribute("tabindex") !== "-1") { proxy.setAttribute("tabindex", "-1"); }
    var button = proxy.nextElementSibling;
    if (button && button.tagName === "BUTTON" && !button.disabled && button.getAttribute("tabindex") !== "0") {
      button.setAttribute("tabindex", "0");
    }
  }

  function fixDropdownName(button) {
    if (!button.id) { return; }
    var trigger = button.querySelector(".dash-dropdown-trigger");
    if (!trigger) { return; }
    if (!trigger.id) { trigger.id = button.id + "-shown"; }
    var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
    if (label && !label.id) { label.id = button.id + "-label"; }
    var wanted = (label ? label.id + " " : "") + trigger.id;
    if (button.getAttribute("aria-labelledby") !== wanted) { button.setAttribute("aria-labelledby", wanted); }
  }

  function groupName(list) {
    var fieldset = list.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend) {
      if (!legend.id) { legend.id = (list.id || "options") + "-legend"; }
      return legend.id;
    }
    if (list.id) {
      var label = document.querySelector('label[for="' + CSS.escape(list.id) + '"]');
      if (label) {
        if (!label.id) { label.id = list.id + "-label"; }
        return label.id;
      }
    }
    return null;
  }

  function fixOptionsList(list) {
    if (list.getAttribute("role") === "listbox") {
      var radios = list.querySelector("input[type=radio]");
      list.setAttribute("role", radios ? "radiogroup" : "group");
      var name = groupName(list);
      if (name && !list.hasAttribute("aria-labelledby")) { list.setAttribute("aria-labelledby", name); }
    }
    list.querySelectorAll("[role=option]").forEach(function (option) { option.removeAttribute("role"); });
    list.querySelectorAll("[aria-selected]").forEach(function (option) { option.removeAttribute("aria-selected"); });
  }

  function fixFileInput(input) {
    if (input.hasAttribute("aria-label") || input.labels && input.labels.length) { return; }
    var area = input.parentElement;
    var words = area ? (area.innerText || "").replace(/\s+/g, " ").trim() : "";
    input.setAttribute("aria-label", words || "Choose a file");
  }

  function repair(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("input[type=file]").forEach(fixFileInput);
    if (root.matches && root.matches(".dash-dropdown-focus-target")) { fixDropdown(root); }
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(fixDropdown);
    if (root.matches && root.matches("button.dash-dropdown")) { fixDropdownName(root); }
    root.querySelectorAll("button.dash-dropdown").forEach(fixDropdownName);
    if (root.matches && root.matches(".dash-options-list")) { fixOptionsList(root); }
    root.querySelectorAll(".dash-options-list").forEach(fixOptionsList);
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    // microtask: before the browser paints or a screen reader reads the new markup
    Promise.resolve().then(function () { pending = false; repair(document.body); });
  }

  function start() {
    repair(document.body);
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i++) {
        var m = mutations[i];
        if (m.type === "childList" && m.addedNodes.length) { schedule(); return; }
        if (m.type === "attributes") {
          var t = m.target;
          if ((m.attributeName === "tabindex" && t.classList && t.classList.contains("dash-dropdown-focus-target")) ||
              (m.attributeName === "role" || m.attributeName === "aria-selected") ||
              (m.attributeName === "aria-labelledby" && t.classList && t.classList.contains("dash-dropdown"))) { schedule(); return; }
        }
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex", "role", "aria-selected", "aria-labelledby"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
