// Refreshes the headcount cards from the JSON endpoint every few seconds, so
// organisers watch people arrive without reloading the page.
(function () {
  "use strict";
  const table = document.getElementById("headcounts");
  if (!table) return;
  const source = table.dataset.source;
  const PERIOD_MS = 2000;

  function render(figures) {
    for (const row of figures.items) {
      const line = table.querySelector(`[data-item="${CSS.escape(row.code)}"]`);
      if (!line) continue;
      for (const cell of line.querySelectorAll("[data-count]")) {
        const [measure, side] = cell.dataset.count.split(".");
        const value = String(row[measure][side]);
        if (cell.textContent !== value) cell.textContent = value;
      }
      // Checked in, Japanese side then Chinese side, against capacity or confirmed.
      const japan = line.querySelector('[data-bar="checked_in.japan"]');
      const china = line.querySelector('[data-bar="checked_in.china"]');
      if (japan && china) {
        const top = Math.max(row.capacity || 0, row.confirmed.all, 1);
        const japanWidth = (120 * row.checked_in.japan / top).toFixed(1);
        japan.setAttribute("width", japanWidth);
        china.setAttribute("x", japanWidth);
        china.setAttribute("width", (120 * row.checked_in.china / top).toFixed(1));
        const svg = japan.ownerSVGElement;
        svg.setAttribute("aria-label", svg.dataset.barLabel
          .replace("%(checked)s", row.checked_in.all)
          .replace("%(confirmed)s", row.confirmed.all));
      }
    }
    for (const cell of document.querySelectorAll("[data-total]")) {
      const [status, side] = cell.dataset.total.split(".");
      if (figures.totals[status]) cell.textContent = String(figures.totals[status][side]);
    }
  }

  async function refresh() {
    try {
      const response = await fetch(source, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) render(await response.json());
    } catch (error) {
      // Offline for a moment: keep the last figures and try again.
    }
    setTimeout(refresh, PERIOD_MS);
  }
  setTimeout(refresh, PERIOD_MS);
})();
