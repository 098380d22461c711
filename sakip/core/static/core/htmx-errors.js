// htmx requests that fail are shown to the user, never swallowed (issue 10 item 5).
// htmx:responseError: the server answered 4xx/5xx without a fragment to swap (403, 404, 500 …);
// htmx:sendError: the request did not reach the server (network down, server stopped).
// The Indonesian texts come from base.html (#htmx-error-box data-*), translated with gettext.
(function () {
  "use strict";
  function box() {
    return document.getElementById("htmx-error-box");
  }
  function show(text) {
    var holder = box();
    if (!holder) { return; }
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show shadow";
    alert.setAttribute("role", "alert");
    alert.setAttribute("data-testid", "htmx-error");
    alert.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", holder.dataset.close || "Tutup");
    alert.appendChild(close);
    holder.appendChild(alert);
  }
  document.addEventListener("htmx:responseError", function (event) {
    var holder = box();
    if (!holder) { return; }
    var xhr = event.detail && event.detail.xhr;
    var status = xhr ? xhr.status : 0;
    var text = holder.dataset.server;
    if (status === 403) { text = holder.dataset.forbidden; }
    else if (status === 404) { text = holder.dataset.notFound; }
    else if (status === 429) { text = holder.dataset.tooMany; }
    show(text + (status ? " (HTTP " + status + ")" : ""));
  });
  document.addEventListener("htmx:sendError", function () {
    var holder = box();
    if (holder) { show(holder.dataset.network); }
  });
})();
