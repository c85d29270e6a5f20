"""Firefox preferences for verification: quiet, offline, and deterministic about certificates."""

from __future__ import annotations

from generator.errors import VerifyError
from generator.verify.browser_settings import firefox_pref_problem
from generator.verify.spec import PrefValue, Scenario

QUIET_PREFS: dict[str, PrefValue] = {
    "app.normandy.enabled": False,
    "app.update.disabledForTesting": True,
    "browser.aboutwelcome.enabled": False,
    "browser.region.network.url": "",
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "datareporting.policy.dataSubmissionEnabled": False,
    "extensions.autoDisableScopes": 0,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.proxy.type": 0,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
}
"""No first-run pages, updates, telemetry or background requests."""

CERTIFICATE_PREFS: dict[str, PrefValue] = {
    # The error page design this release ships (shadow-DOM `net-error-card`).
    "security.certerrors.felt-privacy-v1": True,
    # No network priming that would set the MITM canary by itself.
    "security.certerrors.mitm.priming.enabled": False,
    "security.certerrors.mitm.auto_enable_enterprise_roots": False,
    "security.pki.mitm_canary_issuer": "",
    "security.pki.mitm_canary_issuer.enabled": True,
    # Only the profile's NSS database decides trust.
    "security.enterprise_roots.enabled": False,
    "security.remote_settings.intermediates.enabled": False,
    "security.remote_settings.crlite_filters.enabled": False,
    "security.pki.crlite_mode": 0,
    # Stapled responses are checked; fetching is off unless a scenario turns it on.
    "security.OCSP.enabled": 0,
    "security.OCSP.require": False,
    "security.ssl.enable_ocsp_stapling": True,
    "security.pki.cert_short_lifetime_in_days": 10,
    # The exception button is enabled at once, as a reader sees it after a moment.
    "security.dialog_enable_delay": 0,
}
"""Pinned so a default changing between releases cannot change the observed code."""


def scenario_prefs(scenario: Scenario, locale: str | None = None) -> dict[str, PrefValue]:
    """Base prefs, the scenario host mapped to 127.0.0.1, the scenario's own prefs, a locale."""
    prefs = {**QUIET_PREFS, **CERTIFICATE_PREFS}
    prefs["network.dns.localDomains"] = scenario.host
    for name, value in scenario.firefox_prefs:
        if problem := firefox_pref_problem(name, value):
            raise VerifyError(f"firefox.prefs.{name}: {problem}", scenario.path)
        prefs[name] = value
    if locale is not None:
        prefs["intl.locale.requested"] = locale
        prefs["intl.regional_prefs.use_os_locales"] = False
    return prefs
