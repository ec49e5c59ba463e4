// A page's link to its PDF, shown with the file's size when `icips-site pdf` has written it. The
// theme's pdfs.json, published beside this script, lists no PDF; `icips-site pdf` replaces it in
// the output with the PDFs it wrote: { "<site path of the PDF>": <bytes>, … }.
(function () {
  "use strict";
  var links = document.querySelectorAll("[data-pdf]");
  var script = document.currentScript;
  if (!links.length || !script || !window.fetch) return;
  fetch(script.src.replace(/pdf-link\.js(\?.*)?$/, "pdfs.json")).then(function (response) {
    return response.ok ? response.json() : {};
  }).then(function (sizes) {
    Array.prototype.forEach.call(links, function (p) {
      var url = p.getAttribute("data-pdf");
      var bytes = sizes[url];
      if (typeof bytes !== "number") return;
      p.querySelector("a").href = url;
      var size = p.querySelector("[data-pdf-size]");
      if (size) size.textContent = " (PDF, " + (bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + " KB"
                                                               : (bytes / 1048576).toFixed(1) + " MB") + ")";
      p.hidden = false;
    });
  }).catch(function () {});
})();
