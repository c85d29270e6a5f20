// An Electron app showing certwarn's page when a site's certificate is refused.
//
// In the main process, with `site` the folder of a built certwarn site:
//
//   const { app } = require("electron");
//   const path = require("node:path");
//   const manifest = require(path.join(site, "errors", "manifest.json"));
//   const { errorPagePath } = require("./electron-error-pages.js");
//
//   app.on("certificate-error", (event, webContents, url, error, certificate, callback) => {
//     callback(false); // refuse the certificate, then explain why
//     const page = errorPagePath(manifest, error, app.getLocale());
//     webContents.loadFile(path.join(site, page), { query: { host: new URL(url).hostname } });
//   });
//
// Electron reports Chromium's names in lower case (`net::ERR_CERT_DATE_INVALID`); the
// manifest's aliases are upper case.
"use strict";

function siteLocale(manifest, wanted) {
  const tag = String(wanted || "").replace("_", "-").toLowerCase();
  const exact = manifest.locales.find((l) => l.toLowerCase() === tag);
  if (exact) return exact;
  const language = manifest.locales.find((l) => l.toLowerCase().split("-")[0] === tag.split("-")[0]);
  return language || manifest.source_locale;
}

function errorPagePath(manifest, error, appLocale) {
  const locale = siteLocale(manifest, appLocale);
  const name = String(error).toUpperCase();
  const code = name in manifest.codes ? name : (manifest.aliases[name] || [])[0];
  if (!code) return manifest.unknown.locales[locale].path + "?code=" + encodeURIComponent(String(error));
  return manifest.codes[code].locales[locale].path;
}

module.exports = { errorPagePath, siteLocale };
