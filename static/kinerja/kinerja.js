/* Kinerja's page behaviour outside HTMX and the dashboards. The Content-Security-Policy
   allows scripts from Kinerja's own static files only (script-src 'self'): no inline
   <script>, no onclick="…", no hx-on, no javascript: links. Behaviour is attached here,
   with event listeners on data attributes, instead (docs/security.md §7).

   - <a href="…" data-back>: goes back one page in the browser's history when there is
     one; otherwise follows its href. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
