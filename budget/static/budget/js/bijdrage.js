// The contribution form (budget/bijdragen/bijdrage_form.html): show the value
// field of money and goods, or the hours and hourly rate, for the chosen kind.
// Progressive enhancement: without this script every field is shown, and the
// server checks which ones the kind needs.
(function () {
  "use strict";

  function toggle(form) {
    const checked = form.querySelector("input[name='soort']:checked");
    const soort = checked ? checked.value : null;
    form.querySelectorAll("[data-voor-soort]").forEach(function (group) {
      const soorten = group.getAttribute("data-voor-soort").split(" ");
      group.hidden = soort !== null && soorten.indexOf(soort) === -1;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-bijdrage-form]").forEach(function (form) {
      toggle(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "soort") {
          toggle(form);
        }
      });
    });
  });
})();
