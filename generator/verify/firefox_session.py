"""A headless Firefox we start ourselves on a prepared profile, driven over Marionette."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import VerifyError
from generator.verify.firefox_scripts import EXPAND_ADVANCED, READ_ERROR
from generator.verify.spec import PrefValue

with warnings.catch_warnings():
    # Its dependencies deprecate at import time (mozinfo calls distro.linux_distribution(),
    # mozdevice imports telnetlib); nothing we can act on, so they stay quiet.
    warnings.simplefilter("ignore", DeprecationWarning)
    from marionette_driver import errors
    from marionette_driver.marionette import Marionette

STARTUP_TIMEOUT = 60.0
PAGE_LOAD_TIMEOUT_MS = 30_000
WINDOW_HEIGHT = 600


class FirefoxSession:
    """A running browser: visit a URL, read the error it shows, set prefs, take screenshots."""

    def __init__(self, client: Marionette, version: str):
        self.client = client
        self.version = version

    def visit(self, url: str) -> tuple[str, str | None]:
        """Navigate and return (documentURI, error code or None when the page loaded)."""
        try:
            self.client.navigate(url)
        except errors.InsecureCertificateException:
            pass  # about:certerror was reached; the page is there to be read
        except errors.UnknownException as e:
            if "Reached error page" not in str(e):
                raise
        uri, code = self.client.execute_script(READ_ERROR)
        return str(uri), (str(code) if code else None)

    def available_locales(self) -> list[str]:
        """UI locales this installation can show (en-US plus installed language packs)."""
        with self.client.using_context("chrome"):
            return list(self.client.execute_script("return Services.locale.availableLocales;"))

    def screenshot_expanded(self, width: int) -> bytes:
        """A full-page PNG of the current error page with its Advanced section open; the
        window is kept short so the image is as tall as the content, not the window."""
        self.client.set_window_rect(width=width, height=WINDOW_HEIGHT)
        self.client.execute_async_script(EXPAND_ADVANCED, script_timeout=15_000)
        return base64.b64decode(self.client.screenshot(full=True))

    def set_pref(self, name: str, value: PrefValue) -> None:
        setter = {bool: "setBoolPref", int: "setIntPref", str: "setStringPref"}[type(value)]
        with self.client.using_context("chrome"):
            self.client.execute_script(
                f"Services.prefs.{setter}(arguments[0], arguments[1]);", script_args=[name, value]
            )


@contextmanager
def launch_firefox(
    binary: Path, profile: Path, prefs: dict[str, PrefValue]
) -> Iterator[FirefoxSession]:
    """Start Firefox headless on `profile` (already holding its cert9.db), stop it on exit."""
    write_user_js(profile, {**prefs, "marionette.port": 0})
    port_file = profile / "MarionetteActivePort"
    port_file.unlink(missing_ok=True)
    env = {**os.environ, "MOZ_HEADLESS": "1", "MOZ_CRASHREPORTER_DISABLE": "1"}
    # System access lets a session set prefs (the UI locale) from the chrome context.
    command = [
        str(binary),
        "--marionette",
        "--remote-allow-system-access",
        "--headless",
        "--no-remote",
        "--profile",
        str(profile),
    ]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    client: Marionette | None = None
    try:
        client = Marionette(host="127.0.0.1", port=_wait_for_port(port_file, process))
        capabilities = client.start_session(timeout=STARTUP_TIMEOUT)
        client.timeout.page_load = PAGE_LOAD_TIMEOUT_MS / 1000
        yield FirefoxSession(client, str(capabilities.get("browserVersion", "")))
    finally:
        if client is not None and client.session is not None:
            _quietly_end(client)
        _stop(process)


def write_user_js(profile: Path, prefs: dict[str, PrefValue]) -> None:
    lines = [
        f"user_pref({json.dumps(name)}, {json.dumps(value)});" for name, value in prefs.items()
    ]
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "user.js").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _wait_for_port(port_file: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise VerifyError(f"Firefox exited during startup with status {process.returncode}")
        text = port_file.read_text(encoding="ascii").strip() if port_file.is_file() else ""
        if text.isdigit() and int(text) > 0:
            return int(text)
        time.sleep(0.1)
    raise VerifyError(f"Firefox did not start Marionette within {STARTUP_TIMEOUT:.0f} s")


def _quietly_end(client: Marionette) -> None:
    # The browser is stopped right after, so a failure to end the session is harmless.
    with contextlib.suppress(OSError, errors.MarionetteException):
        client.delete_session()
    client.cleanup_ran = True


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the browser, then any of its child processes still in the group it leads."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
