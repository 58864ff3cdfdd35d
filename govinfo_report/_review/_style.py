"""The review pages' inline style sheet and inline scripts (the index, the dashboard)."""

from __future__ import annotations

# Marks differ by symbol and border pattern as well as colour (colour-blind readers, print).
CSS = """
:root { --error: #b00020; --warning: #8a5a00; --info: #1f5fa8; --prose: #5b3f8c; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  margin: 1.5rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #444; }
h3 { font-size: 1.05rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; word-break: break-all; }
.summary span { margin-right: 1rem; }
table.official { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .85rem; }
table.official caption { text-align: left; font-weight: bold; padding: .3rem 0; }
table.official th, table.official td { border: 1px solid #666; padding: .2rem .35rem; }
table.official th { background: #f2f2f2; font-weight: normal; }
table.official td { text-align: right; position: relative; min-width: 2.5rem; }
td .mk { font-weight: bold; margin-left: .2rem; }
td .refs { font-size: .7rem; margin-left: .15rem; }
td:focus { outline: 3px solid #000; outline-offset: -3px; }
td.sev-error { background: #fde2e4; border: 3px solid var(--error); }
td.sev-warning { background: #fff3cd; border: 3px dashed var(--warning); }
td.sev-info { background: #e3eefb; border: 3px dotted var(--info); }
td.sev-error .mk, li.sev-error .mk, .count-error { color: var(--error); }
td.sev-warning .mk, li.sev-warning .mk, .count-warning { color: var(--warning); }
td.sev-info .mk, li.sev-info .mk, .count-info { color: var(--info); }
td.src-prose { background-image: repeating-linear-gradient(45deg, transparent 0 6px,
  rgba(91, 63, 140, .15) 6px 8px); }
td.src-prose .src { color: var(--prose); }
td.src-unknown { background-image: repeating-linear-gradient(-45deg, transparent 0 6px,
  rgba(0, 0, 0, .12) 6px 8px); }
td .src { font-weight: bold; margin-left: .2rem; }
.tip { display: none; position: absolute; z-index: 10; top: 100%; left: 0; width: 26rem;
  max-width: 80vw; text-align: left; background: #fff; color: #111; border: 2px solid #333;
  box-shadow: 0 2px 8px rgba(0, 0, 0, .3); padding: .4rem .6rem; font-size: .8rem; }
.tip p { margin: .2rem 0; }
td.tip-r > .tip { left: auto; right: 0; }
td:hover > .tip, td:focus > .tip, td:focus-within > .tip { display: block; }
ol.findings li { margin: .35rem 0; }
ol.findings li:target, td:target { outline: 3px solid #000; }
.ops { font-size: .9em; color: #333; }
.unread { color: var(--error); font-weight: bold; }
nav.toc li { margin: .15rem 0; }
table.index { border-collapse: collapse; font-size: .85rem; }
table.index th, table.index td { border: 1px solid #999; padding: .2rem .4rem; }
table.index td.n { text-align: right; }
table.index th button { font: inherit; background: none; border: 0; cursor: pointer; }
.legend span { margin-right: 1.2rem; white-space: nowrap; }
section.dashboard { margin: 1rem 0 2rem; }
figure.chart { margin: .5rem 0 .8rem; max-width: 62rem; }
figure.chart figcaption { font-size: .85rem; color: #333; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
ul.breaks { margin: .2rem 0; padding-left: 1.2rem; color: var(--error); }
ul.breaks li span[lang] { color: #111; }
details.numbers { margin: 0 0 1.2rem; }
details.numbers summary { cursor: pointer; }
table.data { border-collapse: collapse; font-size: .8rem; margin: .4rem 1rem .8rem 0;
  display: inline-table; vertical-align: top; }
table.data caption { text-align: left; font-weight: bold; padding: .2rem 0; }
table.data th, table.data td { border: 1px solid #999; padding: .15rem .4rem; }
table.data th { font-weight: normal; text-align: left; background: #f2f2f2; }
table.data .n { text-align: right; }
table.data td.example { max-width: 28rem; }
table.data td.breaks { color: var(--error); font-size: .75rem; max-width: 30rem; }
.note { border-left: 4px solid var(--info); padding: .2rem .6rem; background: #f4f8fd; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 8pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1 { font-size: 12pt; } h2 { font-size: 10pt; } h3 { font-size: 9pt; }
  nav.toc, .noprint { display: none; }
  section.report + section.report { break-before: page; }
  table.official { width: 100%; table-layout: fixed; font-size: 6.5pt; word-break: break-all; }
  table.official col.val { width: 4.2em; }
  table.official th, table.official td { padding: 1px 2px; }
  tr { break-inside: avoid; }
  .tip, td:hover > .tip, td:focus > .tip, td:focus-within > .tip { display: none !important; }
  td .refs a { color: #000; text-decoration: none; }
  ol.findings { font-size: 7.5pt; }
  a[href^="#"] { color: inherit; }
  figure.chart { break-inside: avoid; max-width: 100%; }
  figure.chart figcaption { font-size: 7.5pt; }
  table.data { font-size: 6.5pt; }
  details.numbers > summary { display: none; }
}
"""

# Sorting by a column and filtering by text on the index page; nothing is fetched.
INDEX_SCRIPT = """
(function () {
  var table = document.getElementById("reports");
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var onlyErrors = document.getElementById("only-errors");
  function apply() {
    var words = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      var show = (!words || row.textContent.toLowerCase().indexOf(words) >= 0) &&
        (!onlyErrors.checked || Number(row.getAttribute("data-error")) > 0);
      row.hidden = !show;
    });
  }
  filter.addEventListener("input", apply);
  onlyErrors.addEventListener("change", apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh-CN");
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""

# Printing opens the dashboard's folded tables and lists, and closes them again afterwards.
DASHBOARD_SCRIPT = """
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".dashboard details"), function (d) {
      if (!d.open) { d.open = true; opened.push(d); }
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
"""
