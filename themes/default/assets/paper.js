// Print pages (a pack, a checklist): `icips-site pdf` prints them twice or more and tells each
// pass, in the query, what the one before it found:
//   ?pages=<id>.<page>~…  the PDF page of each heading, shown after its entry in the contents;
//   &flow=<id>~…           sections that may continue the page before instead of starting a new
//                           one (it would have held only a few lines).
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  function list(name) { return (params.get(name) || "").split("~").filter(Boolean); }
  list("pages").forEach(function (pair) {
    var at = pair.lastIndexOf(".");
    if (at < 1) return;
    var id = pair.slice(0, at), page = pair.slice(at + 1);
    Array.prototype.forEach.call(document.querySelectorAll("[data-page-of]"), function (el) {
      if (el.getAttribute("data-page-of") === id) el.textContent = page;
    });
  });
  list("flow").forEach(function (id) {
    var heading = document.getElementById(id);
    var block = heading && heading.closest("[data-page-break]");
    if (block) block.classList.add("flows-on");
  });
})();
