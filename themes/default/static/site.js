// Progressive enhancement only: every page is complete without this script.
(function () {
  "use strict";
  var KEY = "certwarn-os";
  var ORDER = ["windows", "macos", "linux"];

  function detectOs() {
    var platform = ((navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "").toLowerCase();
    if (platform.indexOf("win") === 0) return "windows";
    if (platform.indexOf("mac") === 0) return "macos";
    if (platform.indexOf("linux") !== -1 || platform.indexOf("x11") !== -1) return "linux";
    return null;
  }

  function storedOs() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function rememberOs(os) {
    try { localStorage.setItem(KEY, os); } catch (e) { /* private mode: choice lasts this page */ }
  }

  function showOs(os) {
    document.querySelectorAll(".os-variant").forEach(function (el) {
      if (el.getAttribute("data-os") === os) el.removeAttribute("data-hidden");
      else el.setAttribute("data-hidden", "");
    });
    document.querySelectorAll(".os-picker button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-os") === os));
    });
  }

  function setUpOsPicker() {
    var variants = document.querySelectorAll(".os-variant");
    if (!variants.length) return;
    var labels = {};
    variants.forEach(function (el) {
      labels[el.getAttribute("data-os")] = el.querySelector(".os-label").textContent;
    });
    var picker = document.createElement("div");
    picker.className = "os-picker";
    picker.setAttribute("role", "group");
    var caption = document.createElement("span");
    caption.textContent = document.documentElement.getAttribute("data-os-caption") || "";
    picker.appendChild(caption);
    ORDER.forEach(function (os) {
      if (!labels[os]) return;
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-os", os);
      button.textContent = labels[os];
      button.addEventListener("click", function () { rememberOs(os); showOs(os); });
      picker.appendChild(button);
    });
    var first = document.querySelector(".prose .os-variant, .prose .os-steps");
    var anchor = first && first.closest(".os-steps") ? first.closest(".os-steps") : first;
    anchor.parentNode.insertBefore(picker, anchor);
    document.documentElement.classList.add("js-os");
    showOs(storedOs() || detectOs() || ORDER[0]);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpOsPicker();
  });
})();
