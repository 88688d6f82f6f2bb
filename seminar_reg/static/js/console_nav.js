// The console's task navigation collapses behind the "Menu" button on a narrow screen.
// Without this script the button stays hidden and the navigation stays open.
(function () {
  "use strict";
  const toggle = document.getElementById("console-menu-toggle");
  const nav = document.getElementById("console-nav");
  if (!toggle || !nav) return;
  const narrow = window.matchMedia("(max-width: 48rem)");

  function show(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("collapsed", !open);
  }
  function fit() {
    toggle.hidden = !narrow.matches;
    show(!narrow.matches);
  }
  toggle.addEventListener("click", function () {
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  narrow.addEventListener("change", fit);
  fit();
})();
