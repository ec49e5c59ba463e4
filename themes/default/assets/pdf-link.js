// A page's link to its PDF (written by `icips-site pdf`, so not always there): shown, with the
// file's size, only when the PDF is on the server.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-pdf]"), function (p) {
    var url = p.getAttribute("data-pdf");
    if (!window.fetch) return;
    fetch(url, { method: "HEAD" }).then(function (response) {
      if (!response.ok) return;
      var link = p.querySelector("a");
      link.href = url;
      var bytes = Number(response.headers.get("Content-Length"));
      var size = p.querySelector("[data-pdf-size]");
      if (bytes && size) size.textContent = " (PDF, " + (bytes < 1048576 ? Math.max(1, Math.round(bytes / 1024)) + " KB"
                                                        : (bytes / 1048576).toFixed(1) + " MB") + ")";
      p.hidden = false;
    }).catch(function () {});
  });
})();
