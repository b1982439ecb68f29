/* The API docs page: start Swagger UI (served from django-ninja's own files) on the
   OpenAPI description named by the container's data-openapi-url. No inline script (CSP). */
(function () {
  "use strict";
  function start() {
    var container = document.getElementById("swagger-ui");
    if (!container || typeof window.SwaggerUIBundle === "undefined") {
      return;
    }
    window.SwaggerUIBundle({
      url: container.dataset.openapiUrl,
      dom_id: "#swagger-ui",
      // Without deep links the path inside each operation button is not a nested link (axe: nested-interactive).
      deepLinking: false,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      // The schemas stay in each operation's responses; the separate, pale-grey list is hidden.
      defaultModelsExpandDepth: -1,
      // The "try it out" calls go to the same origin; nothing is sent elsewhere.
      validatorUrl: null,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
