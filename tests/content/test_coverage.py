"""The shipped content covers the reference: a page or a stated reason for every code, and a
scenario or a stated reason for every page."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from generator.config import load_config
from generator.content.load import Content, load_content
from generator.content.sources import WorkingTree

CODE = re.compile(r"\b(?:SEC_ERROR|SSL_ERROR|MOZILLA_PKIX_ERROR)_[A-Z0-9_]*[A-Z0-9]\b")


def reference_codes(repo: Path) -> set[str]:
    """Every full code name the reference fact sheets mention."""
    texts = (p.read_text(encoding="utf-8") for p in (repo / "content/reference").glob("*.md"))
    return {code for text in texts for code in CODE.findall(text)}


def omitted(repo: Path) -> dict[str, str]:
    with (repo / "content/reference/omitted-codes.toml").open("rb") as file:
        return {code: entry["reason"] for code, entry in tomllib.load(file).items()}


def shipped(repo: Path) -> Content:
    return load_content(load_config(repo), WorkingTree(repo))


def test_the_reference_names_the_codes_the_site_is_about(repo: Path) -> None:
    codes = reference_codes(repo)
    assert {"SEC_ERROR_UNKNOWN_ISSUER", "SSL_ERROR_NO_CYPHER_OVERLAP", "SEC_ERROR_BAD_DER"} <= codes


def test_every_reference_code_has_a_page_or_a_reason_for_having_none(repo: Path) -> None:
    pages = set(shipped(repo).codes)
    reasons = omitted(repo)
    assert sorted(reference_codes(repo) - pages - set(reasons)) == []
    assert all(reason.strip() for reason in reasons.values())


def test_an_omitted_code_has_no_page_and_is_still_in_the_reference(repo: Path) -> None:
    reasons = omitted(repo)
    assert sorted(set(reasons) & set(shipped(repo).codes)) == []
    assert sorted(set(reasons) - reference_codes(repo)) == []


def test_every_page_names_an_existing_scenario_or_says_why_none_can(repo: Path) -> None:
    scenarios = {p.stem for p in (repo / "content/scenarios").glob("*.toml")}
    missing = [
        f"{code.path}: scenario {code.scenario!r}"
        for code in shipped(repo).codes.values()
        if code.scenario is not None and code.scenario not in scenarios
    ]
    assert missing == []
    unexplained = [
        c.path
        for c in shipped(repo).codes.values()
        if c.scenario is None and not (c.unreproducible or "").strip()
    ]
    assert unexplained == []


def test_historical_codes_name_their_versions_and_are_not_bypassable(repo: Path) -> None:
    historical = {c.code: c for c in shipped(repo).codes.values() if c.historical}
    assert "MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED" in historical
    for code in historical.values():
        assert code.historical is not None and code.historical.first > 0
        assert code.overridable is False


def test_the_site_explains_at_least_thirty_codes(repo: Path) -> None:
    assert len(shipped(repo).codes) >= 30
