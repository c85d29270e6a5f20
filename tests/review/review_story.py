"""The review story in tests: a small site with `[review] required = true` and its steps."""

from __future__ import annotations

import contextlib
import dataclasses
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator.cli import main
from generator.config import SiteConfig, load_config
from generator.review.decide import Verdicts, decide, new_decision
from generator.review.gate import ApprovedTree
from generator.review.keys import KeyPair, generate_key
from generator.review.ledger import Ledger
from generator.review.logfile import encode
from generator.review.model import Decision, Revision, Significance, Verdict
from generator.review.records import Record, computed_id
from generator.review.store import Store
from generator.review.submit import Authoring, submit
from generator.review.trust_sign import TrustSigning, sign_reviewer_list

SITE_TOML = """\
title = "Test warnings"
source_locale = "en-US"
locales = ["en-US", "de"]
base_url = "https://help.example.test/"

[review]
required = true
allow_self_approval = {allow_self}
"""

CODE = "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
ARTICLE = "content/articles/time-errors.md"
CATALOG = "locales/de/LC_MESSAGES/codes/SEC_ERROR_EXPIRED_CERTIFICATE.po"
THEME_CATALOG = "locales/de/LC_MESSAGES/theme.po"
LOG = "content/_review/log.jsonl"
REVIEWERS = "content/_review/reviewers.toml"

CATALOG_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: certwarn 1\\n"
"PO-Revision-Date: 2025-03-01 09:00+0000\\n"
"Last-Translator: Joni\\n"
"Language-Team: German\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""
"""What `revise` asks of a catalog: the header msgfmt -c checks (catalogs must be valid)."""

CODE_TEXT = """\
---
code: SEC_ERROR_EXPIRED_CERTIFICATE
title: The certificate has expired
summary: The site's certificate is past its end date.
category: certificate
overridable: true
unreproducible: Tests need no scenario.
---

## What it means

The certificate has expired.

## What you can do

Check the clock.

## What site owners can do

Renew the certificate.
"""

FILES = {
    CODE: CODE_TEXT,
    ARTICLE: "---\ntitle: Time-related errors\nsummary: Clocks matter.\n---\n\nCheck the clock.\n",
    CATALOG: CATALOG_HEADER
    + 'msgid "The certificate has expired."\nmsgstr "Das Zertifikat ist abgelaufen."\n',
    THEME_CATALOG: CATALOG_HEADER + 'msgid "Go back"\nmsgstr "Zurück"\n',
}

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
"""The first moment of every test's story; `site.at(n)` is n minutes later."""


@dataclass
class Site:
    """A test project and the steps of the review story, with explicit times."""

    root: Path
    keys: dict[str, KeyPair]

    @property
    def config(self) -> SiteConfig:
        return load_config(self.root)

    def at(self, minutes: int) -> datetime:
        return T0 + timedelta(minutes=minutes)

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def allow_self_approval(self) -> None:
        self.write("site.toml", SITE_TOML.format(allow_self="true"))

    def revise(
        self,
        path: str,
        minute: int,
        creator: str = "Joni",
        significance: Significance = Significance.MINOR,
    ) -> Revision:
        """Submit as `creator`, signing with their key (made on first use)."""
        key = self.key_of(creator.casefold())
        meta = Authoring(key, creator, f"change at minute {minute}", significance, self.at(minute))
        (revision,) = submit(self.config, [path], meta).revisions
        return revision

    def key_of(self, name: str) -> KeyPair:
        if name not in self.keys:
            self.keys[name] = generate_key(name)
        return self.keys[name]

    def sign_reviewers(self, minute: int, *admins: str) -> TrustSigning:
        """Administrators sign the reviewers file as it is now; the last signing is returned."""
        done = None
        for admin in admins or ("root",):
            done = sign_reviewer_list(self.config, self.keys[admin], self.at(minute), "")
        assert done is not None
        return done

    def approve(
        self,
        revision: Revision,
        minute: int,
        key: str = "alice",
        ready: bool = False,
        publish_after: datetime | None = None,
    ) -> Decision:
        verdicts = Verdicts(Verdict.APPROVED, self.at(minute), "", ready, publish_after)
        (decision,) = decide(self.config, [revision.id], self.keys[key], verdicts)
        return decision

    def reject(
        self, revision: Revision, minute: int, key: str = "alice", unpublish: bool = False
    ) -> Decision:
        verdicts = Verdicts(Verdict.REJECTED, self.at(minute), "please rework", unpublish=unpublish)
        (decision,) = decide(self.config, [revision.id], self.keys[key], verdicts)
        return decision

    def sign_unchecked(
        self,
        revision: Revision,
        minute: int,
        key: str,
        reviewer: str,
        ready: bool = False,
        verdict: Verdict = Verdict.APPROVED,
        trust_version: int | None = None,
    ) -> Decision:
        """Append a signed decision without the command's checks, as a modified client could,
        naming the trust-root version in force (or `trust_version`)."""
        verdicts = Verdicts(verdict, self.at(minute), "", ready)
        store = Store(self.config)
        versions = store.load_trust().versions
        trust = versions[-1] if trust_version is None else versions[trust_version - 1]
        head = store.load().head
        decision = new_decision(revision, reviewer, self.keys[key], verdicts, head, trust.digest)
        store.write([decision])
        return decision

    def gate(self, minute: int = 10_000) -> ApprovedTree:
        return ApprovedTree(self.config, self.at(minute))

    def ledger(self) -> Ledger:
        return Store(self.config).load()

    def line_of(self, record: Record) -> int:
        return self.ledger().line_of(record.id)

    def log_bytes(self) -> bytes:
        return (self.root / LOG).read_bytes()

    def rewrite(self, record: Record, **changes: object) -> Record:
        """Alter a record in place in the log, giving it the id its new fields call for."""
        changed = dataclasses.replace(record, **changes)  # type: ignore[arg-type]
        changed = dataclasses.replace(changed, id=computed_id(changed))
        log = self.root / LOG
        lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
        old, new = encode(record) + "\n", encode(changed) + "\n"
        lines = [new if line == old else line for line in lines]
        log.write_text("".join(lines), encoding="utf-8")
        return changed

    def cli(self, *args: str) -> CliRun:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(self.root), *args])
        return CliRun(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str


def reviewers_toml(keys: dict[str, KeyPair], extra: str = "") -> str:
    """alice (every locale), bob (de), administered by root alone."""
    return (
        f'[admins.root]\nkey = "{keys["root"].public}"\n\n'
        f'[reviewers.alice]\nkey = "{keys["alice"].public}"\nlocales = "*"\n'
        "ready_for_localization = true\n\n"
        f'[reviewers.bob]\nkey = "{keys["bob"].public}"\nlocales = ["de"]\n'
    ) + extra
