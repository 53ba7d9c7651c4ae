/* The search page of the offers directory with htmx (static/vendor/htmx/).
 *
 * The search form, and the links and forms of the results region (#offer-region), load
 * that region alone; the server answers with it and with the address the search has, which
 * htmx puts in the address bar (offers/views/public.py). What is left to do here:
 * - say the number of results in the live region #offer-status, so that screen readers
 *   announce a new search;
 * - keep the focus: htmx puts it back on an element with the same id (a filter, the sort
 *   order); if that element is gone, it goes to the results' heading;
 * - the sort order loads as soon as it changes, so its button is hidden;
 * - if a request fails, the browser loads the address itself (and shows what went wrong).
 */
(function () {
  "use strict";

  var status = document.getElementById("offer-status");

  function region() {
    return document.getElementById("offer-region");
  }

  function withJavaScript() {
    document.querySelectorAll("#offer-region [data-without-js]").forEach(function (element) {
      element.hidden = true;
    });
  }

  function busy(state) {
    var element = region();
    if (element) {
      element.setAttribute("aria-busy", state ? "true" : "false");
    }
  }

  document.addEventListener("htmx:beforeRequest", function () {
    busy(true);
  });
  document.addEventListener("htmx:afterRequest", function () {
    busy(false);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id !== "offer-region") {
      return;
    }
    withJavaScript();
    var heading = document.getElementById("results-heading");
    if (!heading) {
      return;
    }
    if (status) {
      status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
    }
    var focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected) {
      heading.focus();
    }
  });

  function loadWithoutHtmx(event) {
    var path = event.detail.pathInfo && event.detail.pathInfo.finalRequestPath;
    if (path) {
      window.location.assign(path);
    }
  }
  document.addEventListener("htmx:responseError", loadWithoutHtmx);
  document.addEventListener("htmx:sendError", loadWithoutHtmx);

  withJavaScript();
})();
