"""Scenario files: the shipped ones load, defaults follow roles, bad ones name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import VerifyError
from generator.verify.spec import Scenario
from generator.verify.spec_load import load_scenario, parse_scenario

BAD = sorted((Path(__file__).parent / "bad_scenarios").glob("*.toml"))


def test_each_seed_scenario_is_shipped(shipped: dict[str, Scenario], seed: tuple[str, str]) -> None:
    scenario = shipped[seed[0]]
    assert scenario.path == f"content/scenarios/{seed[0]}.toml"
    assert scenario.chain and scenario.leaf.san


def test_the_control_scenario_trusts_its_root(shipped: dict[str, Scenario]) -> None:
    assert shipped["valid"].trusted == ("root",)


def test_roles_give_defaults_a_ca_and_a_tls_server_leaf(root_and_leaf: str) -> None:
    scenario = parse_scenario("s", "content/scenarios/s.toml", root_and_leaf)
    root, leaf = scenario.cert("root"), scenario.leaf
    assert (root.ca, root.key_usage, root.self_signed) == (
        True,
        ("key_cert_sign", "crl_sign"),
        True,
    )
    assert (leaf.ca, leaf.key_usage, leaf.extended_key_usage) == (
        False,
        ("digital_signature",),
        ("server_auth",),
    )
    assert (leaf.key_type, leaf.key_size, leaf.hash) == ("ec", 256, "sha256")
    assert scenario.ocsp is None and scenario.firefox_prefs == ()


def test_the_ocsp_signer_defaults_to_the_leafs_issuer(root_and_leaf: str) -> None:
    scenario = parse_scenario("s", "s.toml", root_and_leaf + '\n[ocsp]\nstatus = "revoked"\n')
    assert scenario.ocsp is not None
    assert (scenario.ocsp.signer, scenario.ocsp.stapled, scenario.ocsp.responder) == (
        "root",
        True,
        "none",
    )


def test_firefox_prefs_keep_dotted_names(repo_root: Path) -> None:
    scenario = load_scenario(repo_root, "mitm-detected")
    prefs = dict(scenario.firefox_prefs)
    assert prefs["security.pki.mitm_canary_issuer"] == "CN=certwarn Interception Root"


def test_a_missing_scenario_lists_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(VerifyError) as caught:
        load_scenario(tmp_path, "nope")
    assert str(caught.value) == (
        "content/scenarios/nope.toml: no scenario 'nope'; "
        "looked for content/scenarios/nope.toml (found: none)"
    )


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_a_bad_scenario_reports_path_line_and_message(path: Path) -> None:
    data = path.read_bytes()
    expected = [
        line.removeprefix("# expect: ")
        for line in data.decode("utf-8", errors="replace").splitlines()
        if line.startswith("# expect: ")
    ]
    with pytest.raises(VerifyError) as caught:
        parse_scenario(path.stem, f"content/scenarios/{path.name}", data)
    assert str(caught.value).splitlines() == expected


def test_a_scenario_file_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "scenarios"
    folder.mkdir(parents=True)
    (tmp_path / "outside.toml").write_text('description = "x"\n', encoding="utf-8")
    (folder / "linked.toml").symlink_to(tmp_path / "outside.toml")
    with pytest.raises(VerifyError) as caught:
        load_scenario(tmp_path, "linked")
    assert str(caught.value) == (
        "content/scenarios/linked.toml:1: refused a symbolic link: expected a regular file"
    )


def test_an_id_that_names_another_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VerifyError) as caught:
        load_scenario(tmp_path, "../../site")
    assert str(caught.value) == (
        "content/scenarios: scenario id '../../site' must be kebab-case letters and digits, "
        "such as 'expired-certificate'"
    )


def test_browser_settings_built_outside_the_loader_are_refused_at_launch(
    shipped: dict[str, Scenario],
) -> None:
    import dataclasses

    from generator.verify.firefox_prefs import scenario_prefs

    sneaky = dataclasses.replace(
        shipped["valid"], firefox_prefs=(("browser.startup.homepage", "file:///etc/passwd"),)
    )
    with pytest.raises(VerifyError, match=r"valid.toml: firefox.prefs.browser.startup.homepage: "):
        scenario_prefs(sneaky)
