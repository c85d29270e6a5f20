// Optional: fills in URL parameters (host, date, not_after, continue, code). The page is complete without it.
(function () {
  "use strict";
  var query = new URLSearchParams(location.search);
  var lang = document.documentElement.lang;
  // A parameter's value, or null. `code` must be a code name such as SEC_ERROR_BAD_DER or
  // net::ERR_CERT_DATE_INVALID; anything else in it is ignored everywhere.
  var params = {
    get: function (name) {
      var value = query.get(name);
      if (name === "code" && !/^[A-Za-z0-9_:.-]{1,100}$/.test(value || "")) return null;
      return value || null;
    },
  };
  document.querySelectorAll("[data-param]").forEach(function (el) {
    var value = params.get(el.getAttribute("data-param"));
    if (!value) return;
    if (el.getAttribute("data-format") === "date") {
      var when = new Date(value);
      if (isNaN(when.getTime())) return;
      el.setAttribute("datetime", when.toISOString());
      value = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(when);
    }
    el.textContent = value;
  });
  document.querySelectorAll("[data-show-if]").forEach(function (el) {
    if (params.get(el.getAttribute("data-show-if"))) el.hidden = false;
  });
  // Links marked data-param-query pass a parameter on (the lookup page gets the code).
  document.querySelectorAll("[data-param-query]").forEach(function (el) {
    var name = el.getAttribute("data-param-query");
    var value = params.get(name);
    if (value) el.href += "?" + name + "=" + encodeURIComponent(value);
  });
  // "continue" may only lead back to the site the warning is about: an http(s) URL whose
  // host (and port) is the `host` parameter, with no user name or password in it. Anything
  // else is refused, so a hosted copy of this page is not an open redirect.
  function plainHost(value) {
    try {
      var url = new URL("https://" + value);
      var bare = !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash;
      return bare && value.indexOf("@") < 0 ? url.host : null;
    } catch (e) {
      return null;
    }
  }
  function sameSite(target, host) {
    var expected = host ? plainHost(host) : null;
    try {
      var url = new URL(target);
      var web = url.protocol === "https:" || url.protocol === "http:";
      return web && !url.username && !url.password && expected !== null && url.host === expected;
    } catch (e) {
      return false;
    }
  }
  document.querySelectorAll("[data-param-href]").forEach(function (el) {
    var target = params.get(el.getAttribute("data-param-href"));
    if (target && sameSite(target, params.get("host"))) {
      el.href = target;
      el.hidden = false;
    }
  });
  document.querySelectorAll("[data-needs-script]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("[data-action=back]").forEach(function (el) {
    el.addEventListener("click", function () { history.back(); });
  });
  document.querySelectorAll("[data-action=reload]").forEach(function (el) {
    el.addEventListener("click", function () { location.reload(); });
  });
})();
