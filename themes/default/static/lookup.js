// The lookup page: `lookup.html?code=NAME` opens the page that explains NAME, lists the pages
// when several do, and says so above the overview when none does. Reads only this page, so it
// works from a file; without JavaScript the page is the table of every name.
(function () {
  "use strict";

  // The same key as generator/render/lookup.py: lookup_key.
  function lookupKey(name) {
    return name.trim().toUpperCase().replace(/^NET::/, "");
  }

  function show(element) {
    element.hidden = false;
  }

  function setUp() {
    var asked = new URLSearchParams(window.location.search).get("code");
    if (asked === null || !asked.trim()) return;
    var pages = document.querySelector(".lookup-pages");
    var map = JSON.parse(pages.getAttribute("data-map"));
    var input = document.getElementById("lookup-code");
    var result = document.getElementById("lookup-result");
    input.value = asked;
    var codes = map[lookupKey(asked)] || [];
    var lines = {};
    pages.querySelectorAll("li").forEach(function (li) {
      lines[li.getAttribute("data-code")] = li;
    });
    if (codes.length === 1) {
      window.location.replace(lines[codes[0]].querySelector("a").href);
      return;
    }
    result.querySelectorAll(".lookup-asked").forEach(function (el) { el.textContent = asked.trim(); });
    if (codes.length) {
      var list = result.querySelector(".lookup-candidates");
      codes.forEach(function (code) { list.appendChild(lines[code].cloneNode(true)); });
      show(result.querySelector(".lookup-several"));
      show(list);
    } else {
      show(result.querySelector(".lookup-unknown"));
    }
    show(result);
    result.focus();
  }

  setUp();
})();
