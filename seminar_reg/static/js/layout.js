// Wide tables scroll inside their .table-wrap on a narrow screen. A box that scrolls
// must be reachable by keyboard and named for screen readers: those that overflow
// become focusable regions named after their table's caption or the nearest heading.
(function () {
  "use strict";
  function nameOf(wrap) {
    const caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    const section = wrap.closest("section, article, main");
    const heading = section && section.querySelector("h1, h2, h3");
    return heading ? heading.textContent.trim() : "";
  }
  function fit() {
    for (const wrap of document.querySelectorAll(".table-wrap")) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", nameOf(wrap));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
      }
    }
  }
  fit();
  window.addEventListener("resize", fit);
})();
