/* The letter form (documents/letter_form.html): show only the fields of the chosen letter type
   (codes from the json_script "doc-type-codes"; no inline script: docs/security.md). */
(function () {
  var select = document.getElementById("id_doc_type");
  if (!select) return;
  var codes = JSON.parse(document.getElementById("doc-type-codes").textContent);
  function toggle() {
    var code = codes[select.value] || "";
    document.querySelectorAll("[data-doc-types]").forEach(function (el) {
      var box = el.closest("[class^='col']");
      if (box) box.classList.toggle("d-none", el.dataset.docTypes.split(",").indexOf(code) < 0);
    });
  }
  select.addEventListener("change", toggle);
  toggle();
})();
