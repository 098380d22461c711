/* Small page behaviours declared with data- attributes, so that templates carry no inline script and no
   on*= handlers (the Content-Security-Policy allows scripts only from our static files; docs/security.md).

   <select data-autosubmit>            submits its form when changed (filters: year, OPD)
   <select data-navigate>              goes to the URL in the chosen option's value
   <form data-confirm="Question?">     asks before submitting; nothing is sent when the answer is no
   <a data-history-back href="…">      goes back in history when there is one (the href is the fallback)
   <button data-print>                 prints the page
   <button data-open-all=".sel">       opens every <details> matching the selector
   <button data-close-all=".sel">      closes every <details> matching the selector that holds another one
   <details data-open-on-print>        opened before printing, so a printout shows everything
   <div data-width="42">               sets the element's width to 42% (progress bars)
   Delegated from document, so content swapped in by htmx works too. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (!(el instanceof HTMLSelectElement)) return;
    if (el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    } else if (el.hasAttribute("data-navigate") && el.value) {
      window.location.href = el.value;
    }
  });
  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      const question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const back = target.closest("a[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
      return;
    }
    if (target.closest("[data-print]")) {
      window.print();
      return;
    }
    const opener = target.closest("[data-open-all]");
    if (opener) {
      document.querySelectorAll(opener.getAttribute("data-open-all")).forEach(function (d) {
        d.open = true;
      });
      return;
    }
    const closer = target.closest("[data-close-all]");
    if (closer) {
      const selector = closer.getAttribute("data-close-all");
      document.querySelectorAll(selector).forEach(function (d) {
        if (d.querySelector(selector)) d.open = false;
      });
    }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details[data-open-on-print]").forEach(function (d) {
      d.open = true;
    });
  });
  function widths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      const value = parseFloat(el.getAttribute("data-width"));
      if (!Number.isNaN(value)) el.style.width = Math.max(0, Math.min(100, value)) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    widths(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    widths(event.target);
  });
})();
