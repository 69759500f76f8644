// Inbox: keep keyboard focus in a sensible place after htmx swaps the list.
// htmx already puts focus back on an element with the same id (the filter and
// paging links). A "Mark as read" button is gone after the swap, so focus goes
// to that notification's title, or to the list heading when the notification
// left the list (the "Unread" filter).
(function () {
  "use strict";

  let melding = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target.id !== "meldingen-lijst") {
      return; // the bell refreshing itself, say
    }
    const item = event.detail.elt.closest("[data-melding]");
    melding = item ? item.dataset.melding : null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target.id !== "meldingen-lijst") {
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && document.body.contains(active)) {
      return;
    }
    const doel =
      (melding && document.getElementById("melding-" + melding + "-titel")) ||
      document.getElementById("meldingen-kop");
    if (doel) {
      doel.focus();
    }
  });
})();
