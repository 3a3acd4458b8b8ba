/* Progressive enhancement for the application form: show the organisation-only fields
   and the matching labels only when an organisation category is chosen. Without this
   script every field stays visible and the hints explain who must fill what in. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-applicant-form]");
  if (!form) { return; }
  var radios = form.querySelectorAll("input[name=category]");

  function isOrganisation() {
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].checked) { return radios[i].value !== "natural_person"; }
    }
    return null;
  }

  function update() {
    var organisation = isOrganisation();
    form.querySelectorAll("[data-organisation-only]").forEach(function (el) {
      el.hidden = organisation === false;
    });
    form.querySelectorAll("[data-person-only]").forEach(function (el) {
      el.hidden = organisation === true;
    });
    form.querySelectorAll("[data-label-person]").forEach(function (el) {
      if (organisation === null) {
        el.textContent = el.getAttribute("data-label-default");
      } else {
        el.textContent = el.getAttribute(organisation ? "data-label-organisation" : "data-label-person");
      }
    });
  }

  for (var i = 0; i < radios.length; i++) { radios[i].addEventListener("change", update); }
  update();

  // After a failed submit, start keyboard and screen-reader users at the error summary.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
