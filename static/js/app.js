/* Small progressive enhancements. The site works fully without them.
 * CSP-safe: no eval, no inline handlers, no injected markup strings (textContent only).
 */
"use strict";

(function () {
  var MENU_SELECTOR = "details.nav-menu, details.lang-menu, details[data-menu]";

  /* (a) Character counters: "<n> / <max>" after fields with maxlength and data-counter.
   * The template gives the wording, already translated, in data-counter-label, e.g.
   * data-counter-label="%(count)s of %(max)s characters".
   */
  function formatCounter(template, count, max) {
    return template
      .replace(/%\(count\)s|%\(count\)d/g, String(count))
      .replace(/%\(max\)s|%\(max\)d/g, String(max));
  }

  function attachCounter(field, index) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max || max < 0 || field.dataset.counterReady) {
      return;
    }
    field.dataset.counterReady = "1";
    var template = field.getAttribute("data-counter-label") || "%(count)s / %(max)s";
    var counter = document.createElement("p");
    counter.className = "counter";
    counter.id = (field.id || "field-" + index) + "-counter";
    // What sighted users see changes with every keystroke; screen readers hear a polite
    // announcement once typing pauses (as GOV.UK's character count does), not every key.
    var visible = document.createElement("span");
    visible.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    counter.appendChild(visible);
    counter.appendChild(spoken);
    field.insertAdjacentElement("afterend", counter);
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);

    var pending = null;
    function text() {
      return formatCounter(template, field.value.length, max);
    }
    function update() {
      var count = field.value.length;
      visible.textContent = text();
      counter.classList.toggle("counter-near", count >= max * 0.9 && count < max);
      counter.classList.toggle("counter-full", count >= max);
      if (pending) {
        window.clearTimeout(pending);
      }
      pending = window.setTimeout(function () { spoken.textContent = text(); }, 800);
    }
    field.addEventListener("input", update);
    visible.textContent = text();
    spoken.textContent = text();
    counter.classList.toggle("counter-full", field.value.length >= max);
  }

  function initCounters(root) {
    var fields = root.querySelectorAll("textarea[maxlength][data-counter], input[maxlength][data-counter]");
    Array.prototype.forEach.call(fields, attachCounter);
  }

  /* (b) Menus built on <details>: close on Escape and on a click outside; one open at a time. */
  function openMenus() {
    return Array.prototype.filter.call(document.querySelectorAll(MENU_SELECTOR), function (menu) {
      return menu.open;
    });
  }

  function closeMenu(menu, returnFocus) {
    menu.open = false;
    if (returnFocus) {
      var summary = menu.querySelector("summary");
      if (summary && summary.offsetParent !== null) {
        summary.focus();
      }
    }
  }

  function initMenus() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") {
        return;
      }
      openMenus().forEach(function (menu) {
        closeMenu(menu, menu.contains(document.activeElement));
      });
    });

    document.addEventListener("click", function (event) {
      openMenus().forEach(function (menu) {
        if (!menu.contains(event.target)) {
          closeMenu(menu, false);
        }
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll(MENU_SELECTOR), function (menu) {
      menu.addEventListener("toggle", function () {
        if (!menu.open) {
          return;
        }
        openMenus().forEach(function (other) {
          if (other !== menu) {
            other.open = false;
          }
        });
      });
    });
  }

  function init() {
    initCounters(document);
    initMenus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
