// Error summary (NLDS / GOV.UK pattern): when a form comes back with errors,
// move focus to the summary above it, so keyboard and screen-reader users
// start at the list of what to fix. A link in the summary focuses its field.
(function () {
  "use strict";

  function focusErrorSummary(root) {
    const selector = "[data-error-summary]";
    const summary = root.matches && root.matches(selector) ? root : root.querySelector(selector);
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.hash.slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });
  // Forms swapped in by htmx get the same treatment.
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.elt);
  });
})();
