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
