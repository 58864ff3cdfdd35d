"""The inline style sheet and script of this server's own pages and of the bar it adds to
review pages; a page holds them as they are here, so that their hashes allow them."""

from __future__ import annotations

# Added after the review pages' style sheet (the same look): the form, and the bar of links.
SERVE_CSS = """
form.upload { display: grid; gap: .8rem; max-width: 52rem; }
.drop { border: 2px dashed #666; border-radius: 6px; padding: 1.2rem; background: #fafafa; }
.drop.over { border-color: var(--info); background: #e3eefb; }
.drop label, form.upload > label { font-weight: bold; display: block; margin-bottom: .3rem; }
#chosen { margin: .4rem 0 0; color: #333; }
textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: .9rem; }
fieldset { border: 1px solid #999; display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; }
fieldset input[type=text] { width: 14rem; font: inherit; }
button[type=submit] { font: inherit; font-size: 1.05rem; padding: .4rem 1.4rem;
  justify-self: start; cursor: pointer; }
.hint { font-size: .85rem; color: #333; margin: .2rem 0; }
nav.actions { margin: .4rem 0 .8rem; padding: .4rem .6rem; background: #f4f8fd;
  border-left: 4px solid var(--info); }
nav.actions a { margin-right: 1.2rem; white-space: nowrap; }
.problem { border-left: 4px solid var(--error); padding: .3rem .8rem; background: #fde2e4; }
@media print { nav.actions { display: none; } }
"""

#: The messages of findings in one language only, as ``--lang`` of ``check`` chooses them;
#: the headings stay in both.
LANG_STYLES = {
    "zh": 'body [lang="en"] { display: none; }',
    "en": 'body [lang="zh-CN"] { display: none; }',
}

# Files dropped anywhere on the drop zone become the file input's files; the form works
# without it. Names are shown as text, never as markup.
DROP_SCRIPT = """
(function () {
  var zone = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  var form = input.form;
  function show() {
    chosen.textContent = Array.prototype.map.call(input.files, function (f) {
      return f.name;
    }).join("，");
  }
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  input.addEventListener("change", show);
  var button = form.querySelector("button[type=submit]");
  var label = button.textContent;
  form.addEventListener("submit", function () {
    button.disabled = true;
    button.textContent = "正在核查… Checking…";
  });
  window.addEventListener("pageshow", function () {  // back from the result: usable again
    button.disabled = false;
    button.textContent = label;
  });
})();
"""
