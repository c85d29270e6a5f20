"""The store opened for reading: ledger, trust root, history, verifier, object texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.content.sources import WorkingTree
from generator.errors import Problem, raise_problems
from generator.review.history import History, build_history
from generator.review.ledger import Ledger
from generator.review.model import Decision, Revision
from generator.review.paths import is_reviewable, locale_of
from generator.review.reviewers import Roster
from generator.review.roster_check import roster_problems
from generator.review.store import Store
from generator.review.trust import Verifier
from generator.review.trust_log import TrustRoot


@dataclass(frozen=True, slots=True)
class StoreState:
    """Everything the gate, status and commands read from one project's review store."""

    config: SiteConfig
    store: Store
    ledger: Ledger
    history: History
    roster: Roster
    """The reviewer list in force: the newest signed version of the trust root."""
    trust: TrustRoot
    verifier: Verifier
    refused: Mapping[str, str]
    """Decision id -> why the trust root no longer accepts it (left out of the history)."""
    roster_problems: tuple[Problem, ...] = ()
    """Where the reviewers file says what the signed trust root does not (when not strict)."""
    texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Object hash -> its text, once read and checked (the gate and the histories of one
    build both read every published revision)."""

    def all_paths(self) -> list[str]:
        """Every reviewable file in the working copy or in the store."""
        on_disk = WorkingTree(self.config.root).paths()
        stored = (path for path in self.history.by_path if is_reviewable(path))
        return sorted({*filter(is_reviewable, on_disk), *stored})

    def select(self, path: str, accept: Callable[[Decision], bool]) -> Revision | None:
        """The newest revision of `path` whose holding decision is verified and accepted."""
        for revision in self.history.revisions(path):
            decision = self.history.decision(revision.id)
            if decision is None:
                continue
            self.verifier.check(decision)
            if accept(decision):
                return revision
        return None

    def text(self, revision: Revision) -> str:
        """The revision's text, its object checked against the content hash."""
        known = self.texts.get(revision.content or "")
        if known is not None:
            return known
        data = self.store.read(self.ledger, revision)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            message = f"{revision.describe()}: object is not UTF-8: {e}"
            raise self.ledger.error(revision.id, message) from e
        self.texts[revision.content or ""] = text
        return text


def open_store(config: SiteConfig, strict: bool = True) -> StoreState:
    """Read the store. Strict (publishing, approving): stop when the reviewers file says what
    the signed trust root does not; else (submitting, listing) keep the problems to show."""
    store = Store(config)
    ledger = store.load()
    trust = store.load_trust()
    proposed = store.load_roster()
    unsigned = roster_problems(proposed, trust)
    if strict:
        raise_problems(unsigned)
    current = trust.current.roster if trust.current else Roster(proposed.path, {})
    verifier = Verifier(
        ledger,
        trust,
        config.review.allow_self_approval,
        lambda path: locale_of(config, path),
    )
    refused = {d.id: why for d in ledger.decisions if (why := verifier.refusal(d)) is not None}
    history = build_history(ledger, set(refused))
    roster = Roster(proposed.path, current.reviewers, current.admins, current.threshold)
    return StoreState(
        config, store, ledger, history, roster, trust, verifier, refused, tuple(unsigned)
    )
