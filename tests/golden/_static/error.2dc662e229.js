// Optional: fills in URL parameters (host, date, not_after, continue). The page is complete without it.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var lang = document.documentElement.lang;
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
  document.querySelectorAll("[data-param-href]").forEach(function (el) {
    var target = params.get(el.getAttribute("data-param-href"));
    if (target && /^https?:\/\//i.test(target)) {
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
