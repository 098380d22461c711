// Starts Swagger UI for /api/docs/ (a static file: no inline script, so a strict CSP holds).
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  var csrf = node.getAttribute("data-csrf-token");
  window.ui = SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      // The browser's session works for "Try it out"; writes need Django's CSRF token.
      if (csrf && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRFToken"] = csrf;
      }
      return request;
    },
  });
})();
