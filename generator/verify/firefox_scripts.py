"""Scripts run in Firefox's error pages: read the error code, open the Advanced section."""

# The element that shows the code: a link on certificate error pages, a paragraph on
# network-class error pages of the new design.
CODE_SELECTOR_JS = """const CODE_SELECTOR = '#errorCode, [data-l10n-id="fp-cert-error-code"]';\n"""

# Reads the code from whichever error page is shown: the certificate error page exposes
# getFailedCertSecurityInfo(), network-class pages getNetErrorInfo(); the error-code link
# (inside the page's shadow roots in the new design) is the fallback.
READ_ERROR = (
    CODE_SELECTOR_JS
    + """
const uri = document.documentURI;
let code = null;
try {
  if (uri.startsWith("about:certerror")) {
    code = document.getFailedCertSecurityInfo().errorCodeString;
  } else if (uri.startsWith("about:neterror")) {
    code = document.getNetErrorInfo().errorCodeString;
  }
} catch (e) {}
function find(root) {
  const link = root.querySelector(CODE_SELECTOR);
  if (link) return link;
  for (const el of root.querySelectorAll("*")) {
    if (el.shadowRoot) { const found = find(el.shadowRoot); if (found) return found; }
  }
  return null;
}
if (!code && uri.startsWith("about:")) {
  const link = find(document);
  if (link) {
    const args = JSON.parse(link.getAttribute("data-l10n-args") || "{}");
    code = args.error || link.textContent.trim() || null;
  }
}
return [uri, code];
"""
)


# Opens the "Advanced" section wherever the page keeps its button (the new design puts it in
# a shadow root), then waits for the error code to render, translations and fonts to settle.
EXPAND_ADVANCED = (
    CODE_SELECTOR_JS
    + """
const done = arguments[arguments.length - 1];
function find(root, selector) {
  const el = root.querySelector(selector);
  if (el) return el;
  for (const host of root.querySelectorAll("*")) {
    if (host.shadowRoot) { const found = find(host.shadowRoot, selector); if (found) return found; }
  }
  return null;
}
const button = find(document, "#advanced-button") || find(document, "#advancedButton");
if (button && !find(document, ".advanced-container")) button.click();
// No scrollbar, so the image is exactly as wide as the window.
document.documentElement.style.setProperty("scrollbar-width", "none");
(async () => {
  for (let i = 0; i < 50 && !find(document, CODE_SELECTOR); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  if (document.l10n) await document.l10n.ready;
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  done(Boolean(button));
})();
"""
)


# Makes an error page the same on every run, then reads what it shows. Arguments: [pinned
# "now" in ms for pages that also show a certificate's date, pinned "now" for pages that do
# not]. It first waits, up to 5 s, for the exception button to be enabled (Firefox keeps it
# greyed out for a moment after the page appears); then drops the server's ephemeral port
# from host names (a reader's real site on port 443 shows none) and pins the page's own
# clock reading, so an unchanged page gives identical pixels. Returns [title, heading,
# visible button labels, the exception button's enabled state or null].
STEADY_PAGE = """
const [pinnedDay, pinnedFixed] = arguments;
const done = arguments[arguments.length - 1];
const pause = () => new Promise(r => setTimeout(r, 100));
function all(root, selector, out = []) {
  out.push(...root.querySelectorAll(selector));
  for (const host of root.querySelectorAll("*")) {
    if (host.shadowRoot) all(host.shadowRoot, selector, out);
  }
  return out;
}
const now = Date.now();
const isNow = v => typeof v === "number" && Math.abs(v - now) < 600000;
const pinned = v => v === pinnedDay || v === pinnedFixed;
const isDate = v => typeof v === "number" && !isNow(v) && !pinned(v);
// An error page keeps the failed URL as its location (documentURI is the about: page).
const failed = new URLSearchParams(location.search).get("u");
const port = location.port || (failed ? new URL(decodeURIComponent(failed)).port : "");
// Elements whose arguments still carry the port or the clock get pinned values; the page
// may render again (as when the exception button is enabled), so this is repeated.
function normalize() {
  const localized = all(document, "[data-l10n-args]").map(
    el => [el, JSON.parse(el.getAttribute("data-l10n-args") || "{}")]);
  const certDate = localized.some(([, args]) => Object.values(args).some(isDate));
  const changed = [];
  for (const [el, args] of localized) {
    let touched = false;
    for (const [key, value] of Object.entries(args)) {
      if (typeof value === "string" && port && value.endsWith(":" + port)) {
        args[key] = value.slice(0, -port.length - 1);
        touched = true;
      }
      if (isNow(value)) {
        args[key] = certDate ? pinnedDay : pinnedFixed;
        touched = true;
      }
    }
    if (touched) {
      document.l10n.setAttributes(el, el.getAttribute("data-l10n-id"), args);
      changed.push(el);
    }
  }
  return changed;
}
const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
function visible(el) {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
}
function label(el) {
  return (el.getAttribute("label") || el.textContent || "").replace(/\\s+/g, " ").trim();
}
function exceptionEnabled() {
  const button = all(document, "#exception-button, #exceptionDialogButton")[0];
  if (!button) return null;
  const inner = button.shadowRoot ? button.shadowRoot.querySelector("button") : button;
  return !(button.disabled || (inner && inner.disabled));
}
function shownButtons() {
  // A moz-button counts once: the <button> inside its shadow root is left out.
  const host = el => el.getRootNode().host;
  const inner = el => el.localName === "button" && host(el)?.localName === "moz-button";
  return all(document, "moz-button, button").filter(el => visible(el) && !inner(el));
}
(async () => {
  if (document.l10n) await document.l10n.ready;
  for (let i = 0; i < 50 && !shownButtons().length; i++) await pause();
  for (let i = 0; i < 50 && exceptionEnabled() === false; i++) await pause();
  for (let i = 0; i < 5; i++) {
    const changed = normalize();
    if (!changed.length) break;
    await document.l10n.translateElements(changed);
    await frames();
  }
  await document.fonts.ready;
  await frames();
  const heading = all(document, "h1").filter(visible).map(label)[0] || "";
  done([document.title, heading, shownButtons().map(label).filter(Boolean), exceptionEnabled()]);
})();
"""
