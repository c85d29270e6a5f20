// Search with Pagefind (the build writes one index per locale into <locale>/pagefind/).
// Progressive enhancement: without JavaScript, or from a file (browsers refuse to load the
// index's modules there), the header keeps its link to the table of codes.
// Keys: Down from the box enters the results, Up and Down move between them, Home and End
// jump, Escape goes back to the box (and a second Escape clears it), Enter opens.
(function () {
  "use strict";
  var BATCH = 10;

  // The same key as generator/render/lookup.py: lookup_key.
  function lookupKey(name) {
    return name.trim().toUpperCase().replace(/^NET::/, "");
  }

  // Words for comparing a query with a title: lower case, without accents, split at anything
  // that is not a letter or digit; Chinese and Japanese text (no spaces) by character. Short
  // words (articles, "is", "ist", "has": under four letters, or two Korean syllables) are left
  // out unless nothing else is.
  var IDEOGRAPHIC = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
  var HANGUL = /[\uac00-\ud7af]/;
  function shortest(word) {
    return HANGUL.test(word) ? 2 : 4;
  }
  function words(text) {
    var found = [];
    text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u)
      .forEach(function (word) {
        if (IDEOGRAPHIC.test(word)) found.push.apply(found, Array.from(word));
        else if (word) found.push(word);
      });
    var long = found.filter(function (w) { return IDEOGRAPHIC.test(w) || w.length >= shortest(w); });
    return long.length ? long : found;
  }

  // Two forms of one word: equal, or sharing all but their last two letters and at least four
  // (abgelaufen and abgelaufenes, date and dates; in Korean, a word and the word with its
  // particle: 인증서 and 인증서가).
  function sameWord(a, b) {
    if (a === b) return true;
    var shorter = Math.min(a.length, b.length);
    var least = shortest(a);
    if (shorter < least) return false;
    var common = 0;
    while (common < shorter && a[common] === b[common]) common++;
    return common >= Math.max(least, shorter - 2);
  }

  // How well a title says what the query says: null when some query word is missing from it,
  // else the share of the title's words that the query accounts for ("The certificate has
  // expired" fits "expired certificate" better than "A certificate in the chain has expired").
  function titleFit(title, queryWords) {
    var titleWords = words(title);
    var covered = queryWords.every(function (q) {
      return titleWords.some(function (t) { return sameWord(q, t); });
    });
    if (!covered || !titleWords.length) return null;
    var matched = titleWords.filter(function (t) {
      return queryWords.some(function (q) { return sameWord(q, t); });
    });
    return matched.length / titleWords.length;
  }

  // The order of the first results: the page of the code itself, then pages listing the query
  // as an equivalent (most commonly met first: several pages share NET::ERR_CERT_DATE_INVALID),
  // then pages whose title has every word of the query (the closest title first), then the
  // rest in Pagefind's order (which weighs titles and headings over the body).
  function ordered(items, query) {
    var key = lookupKey(query);
    var queryWords = words(query);
    function exact(item) {
      var names = (item.meta.codes || "").split(/\s+/).map(lookupKey);
      if (names[0] === key) return 0;
      return names.indexOf(key) !== -1 ? 1 : 2;
    }
    function commonness(item) {
      var rank = parseInt(item.meta.rank, 10);
      return isNaN(rank) ? 999 : rank;
    }
    return items
      .map(function (item, i) {
        var fit = titleFit(item.meta.title || "", queryWords);
        return { item: item, match: exact(item), fit: fit === null ? -1 : fit, i: i };
      })
      .sort(function (a, b) {
        var byCommon = a.match === 1 && b.match === 1 ? commonness(a.item) - commonness(b.item) : 0;
        return a.match - b.match || byCommon || b.fit - a.fit || a.i - b.i;
      })
      .map(function (entry) { return entry.item; });
  }

  function resultItem(data, root) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + data.url.replace(/^\//, "");
    var title = document.createElement("span");
    title.className = "result-title";
    if (data.meta.code) {
      var code = document.createElement("code");
      code.textContent = data.meta.code;
      title.appendChild(code);
      title.appendChild(document.createTextNode(" "));
    }
    title.appendChild(document.createTextNode(data.meta.title || ""));
    a.appendChild(title);
    if (data.meta.summary) {
      var summary = document.createElement("span");
      summary.className = "result-summary";
      summary.textContent = data.meta.summary;
      a.appendChild(summary);
    }
    li.appendChild(a);
    return li;
  }

  function setUp(box) {
    var form = box.querySelector("form");
    var input = form.querySelector("input");
    var panel = box.querySelector(".search-panel");
    var list = box.querySelector(".search-results");
    var more = box.querySelector(".search-more");
    var status = box.querySelector("[role=status]");
    var root = box.getAttribute("data-root");
    var loading = null;
    var current = { query: "", results: [], shown: 0, serial: 0 };

    box.querySelector(".search-fallback").hidden = true;
    form.hidden = false;

    function pagefind() {
      if (!loading) {
        var url = new URL(box.getAttribute("data-pagefind"), document.baseURI).href;
        loading = import(url).then(function (module) {
          // URLs relative to the locale (the index knows no deployment path); made absolute here
          // the URL of a page's first image is no text a reader searches for
          var ranking = { metaWeights: { image: 0 } };
          return module.options({ baseUrl: "/", ranking: ranking }).then(function () { return module; });
        });
      }
      return loading;
    }

    function close() {
      panel.hidden = true;
    }

    function links() {
      var found = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!more.hidden) found.push(more);
      return found;
    }

    function showBatch(serial) {
      var batch = current.results.slice(current.shown, current.shown + BATCH);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        if (serial !== current.serial) return;
        var first = current.shown === 0;
        if (first) {
          list.textContent = "";
          list.setAttribute("data-query", current.query);
          data = ordered(data, current.query);
        }
        data.forEach(function (d) { list.appendChild(resultItem(d, root)); });
        current.shown += batch.length;
        more.hidden = current.shown >= current.results.length;
        panel.hidden = false;
        var count = current.results.length;
        status.textContent = count
          ? box.getAttribute("data-found") + " " + count
          : box.getAttribute("data-none");
        if (!count) panel.hidden = true;
        return data;
      });
    }

    function search(query) {
      var serial = ++current.serial;
      if (!query.trim()) {
        close();
        status.textContent = "";
        return Promise.resolve();
      }
      return pagefind()
        .then(function (pf) { return pf.search(query); })
        .then(function (found) {
          if (serial !== current.serial) return;
          current.query = query;
          current.results = found.results;
          current.shown = 0;
          return showBatch(serial);
        })
        .catch(function () {
          status.textContent = box.getAttribute("data-failed");
        });
    }

    input.addEventListener("input", function () { search(input.value); });
    input.addEventListener("focus", function () {
      pagefind().catch(function () { /* reported on the first search */ });
      if (list.children.length && input.value.trim()) panel.hidden = false;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search(input.value).then(function () {
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      });
    });
    more.addEventListener("click", function () {
      var next = current.shown;
      showBatch(current.serial).then(function () {
        var target = list.querySelectorAll("a")[next];
        if (target) target.focus();
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && input.value.trim() && list.children.length) {
        event.preventDefault();
        panel.hidden = false;
        links()[0].focus();
      } else if (event.key === "Escape") {
        if (!panel.hidden) close();
        else input.value = "";
      }
    });
    panel.addEventListener("keydown", function (event) {
      var items = links();
      var at = items.indexOf(document.activeElement);
      var to = null;
      if (event.key === "ArrowDown") to = Math.min(at + 1, items.length - 1);
      else if (event.key === "ArrowUp") to = at - 1;
      else if (event.key === "Home") to = 0;
      else if (event.key === "End") to = items.length - 1;
      else if (event.key === "Escape") to = -1;
      if (to === null) return;
      event.preventDefault();
      if (to < 0) {
        input.focus();
        if (event.key === "Escape") close();
      } else {
        items[to].focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) close();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".search[data-pagefind]");
    if (box && window.location.protocol !== "file:" && "noModule" in document.createElement("script")) {
      setUp(box);
    }
  });
})();
