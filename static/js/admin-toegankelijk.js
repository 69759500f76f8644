// WCAG 2.2 AA fixes for the widgets Django's admin builds in the browser (loaded by
// templates/admin/base_site.html; checked by axe-core in tests/e2e/test_axe_alle_paginas.py
// and tests/e2e/test_axe_beheer.py).
//
// - select2 (autocomplete_fields) names its combobox by the text of the current choice
//   only, which is empty until something is chosen; its dropdown's search field and list
//   have no name at all. Each is named by the field's <label> (4.1.2 Name, Role, Value),
//   the combobox by the label and the current choice ("Gebruiker: Anna de Vries").
// - filter_horizontal puts the text of its filter box in an aria-label on a <span>
//   without a role, where it is not allowed: the span is the search icon, so it gets
//   role="img" and its text names the filter box through the box's <label>.
// - An open select2 combobox points at its list with aria-owns only: it gets
//   aria-controls too, as ARIA 1.2 requires of an expanded combobox.
//
// The widgets are built after the page has loaded (select2 on DOMContentLoaded and when a
// formset row is added or a dropdown opens, SelectFilter on load), so a MutationObserver
// applies the fixes whenever the page changes (and when select2 sets or removes aria-owns
// on opening or closing). Each fix may run any number of times.
(function () {
  "use strict";

  // The id of the <label> of the form field with this id, given one if it has none.
  function labelId(fieldId) {
    const field = document.getElementById(fieldId);
    const label = field && field.labels && field.labels[0];
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = fieldId + "-label";
    }
    return label.id;
  }

  function setAttribute(element, name, value) {
    if (element && element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }

  function select2Comboboxes() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      const label = labelId(select.id);
      if (!label) {
        return;
      }
      const rendered = container.querySelector(".select2-selection__rendered");
      if (rendered) {
        // Text of the current choice, read as part of the combobox's name: not a
        // second, nameless (read-only) text box inside it.
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      }
      // The × that clears an optional field is for the mouse (the keyboard clears with
      // Backspace or Delete): left out of the combobox's name ("Ligt in: × Demodam").
      container.querySelectorAll(".select2-selection__clear").forEach(function (clear) {
        setAttribute(clear, "aria-hidden", "true");
      });
      const combobox = container.querySelector(".select2-selection[role=combobox]");
      const labelledBy = rendered && rendered.id ? label + " " + rendered.id : label;
      setAttribute(combobox, "aria-labelledby", labelledBy);
      // An expanded combobox names its list in aria-controls (ARIA 1.2); select2 sets
      // the older aria-owns while its list is open.
      const owns = combobox && combobox.getAttribute("aria-owns");
      if (owns) {
        setAttribute(combobox, "aria-controls", owns);
      } else if (combobox) {
        combobox.removeAttribute("aria-controls");
      }
      // A multiple select types into a search field inside the selection.
      container.querySelectorAll(".select2-search__field").forEach(function (search) {
        setAttribute(search, "aria-labelledby", label);
      });
    });
  }

  function select2Dropdowns() {
    // The list of an open dropdown is "select2-<field id>-results".
    document.querySelectorAll(".select2-dropdown [role=listbox][id]").forEach(function (list) {
      const match = /^select2-(.+)-results$/.exec(list.id);
      const label = match && labelId(match[1]);
      if (!label) {
        return;
      }
      setAttribute(list, "aria-labelledby", label);
      const dropdown = list.closest(".select2-dropdown");
      dropdown.querySelectorAll(".select2-search__field").forEach(function (search) {
        setAttribute(search, "aria-labelledby", label);
      });
    });
  }

  function filterIcons() {
    document.querySelectorAll(".selector .help-tooltip[aria-label]").forEach(function (icon) {
      setAttribute(icon, "role", "img");
    });
  }

  function fix() {
    select2Comboboxes();
    select2Dropdowns();
    filterIcons();
  }

  new MutationObserver(fix).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributeFilter: ["aria-owns"],
  });
  document.addEventListener("DOMContentLoaded", fix);
  window.addEventListener("load", fix);
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:open select2:close", fix);
  }
})();
