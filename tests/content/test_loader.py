"""The content loader: typed values from valid sources, `path:line: message` for each bad one."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from generator.config import load_config
from generator.content.frontmatter import split_front_matter
from generator.content.load import Content, load_content
from generator.content.sources import WorkingTree
from generator.errors import ContentError, ProblemsError

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
"""One bad source per case, at the project path it is copied to, ending with
`<!-- expect: path:line: message -->`: the one problem the loader must report."""
EXPECT = re.compile(rb"<!-- expect: (.+?) -->")
Write = Callable[[Path, Mapping[str, str]], Any]


def load(root: Path) -> Content:
    return load_content(load_config(root), WorkingTree(root))


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ProblemsError) as raised:
        load(root)
    return [str(problem) for problem in raised.value.problems]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of `text` that contains `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- valid sources become typed values ------------------------------------------------------------


def test_a_code_page_becomes_typed_values(project: Path) -> None:
    code = load(project).codes["SEC_ERROR_UNKNOWN_ISSUER"]
    assert code.path == "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
    assert code.title == "The issuer is not known"
    assert code.category == "certificate"
    assert code.overridable is True
    assert code.equivalents.chromium == ("NET::ERR_CERT_AUTHORITY_INVALID",)
    assert code.equivalents.openssl == ("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",)
    assert code.related == ("SEC_ERROR_EXPIRED_CERTIFICATE",)
    assert (code.scenario, code.unreproducible) == ("unknown-issuer", None)
    assert code.document.id == "codes/SEC_ERROR_UNKNOWN_ISSUER"


def test_optional_code_keys_default_to_empty(project: Path) -> None:
    code = load(project).codes["MOZILLA_PKIX_ERROR_MITM_DETECTED"]
    assert code.overridable is False
    assert code.equivalents.chromium == ()
    assert code.equivalents.openssl == ()
    assert code.related == ()
    assert code.scenario is None
    assert code.unreproducible == "It needs the browser's built-in list of intercepting products."


def test_a_historical_code_keeps_the_firefox_versions_that_showed_it(
    project: Path, write: Write
) -> None:
    page = (project / "content/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.md").read_text("utf-8")
    page = page.replace("overridable: false\n", "overridable: false\nhistorical:\n  first: 60\n")
    write(project, {"content/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.md": page})
    code = load(project).codes["MOZILLA_PKIX_ERROR_MITM_DETECTED"]
    assert (code.historical.first, code.historical.last) == (60, None)  # type: ignore[union-attr]
    assert load(project).codes["SEC_ERROR_UNKNOWN_ISSUER"].historical is None


def test_a_code_without_rank_sorts_after_ranked_codes(project: Path, write: Write) -> None:
    path = "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
    page = (project / path).read_text("utf-8")
    write(project, {path: page.replace("---\n", "---\nrank: 1\n", 1)})
    codes = load(project).codes
    assert codes["SEC_ERROR_UNKNOWN_ISSUER"].rank == 1
    assert codes["MOZILLA_PKIX_ERROR_MITM_DETECTED"].rank > 1


def test_codes_are_sorted_and_articles_and_steps_are_keyed_by_name(project: Path) -> None:
    content = load(project)
    assert list(content.codes) == sorted(content.codes)
    assert set(content.articles) == {"overview", "bypassing-the-warning"}
    assert content.articles["overview"].order == 1
    assert set(content.steps) == {"profile-folder"}
    assert set(content.steps["profile-folder"]) == {"windows", "macos", "linux"}
    assert content.steps["profile-folder"]["linux"].document.id == "steps/profile-folder/linux"


def test_an_article_without_order_sorts_after_ordered_ones(project: Path, write: Write) -> None:
    write(project, {"content/articles/extra.md": "---\ntitle: Extra\nsummary: More.\n---\n"})
    assert load(project).articles["extra"].order > load(project).articles["overview"].order


def test_body_line_numbers_count_from_the_top_of_the_file(project: Path) -> None:
    document = load(project).codes["SEC_ERROR_UNKNOWN_ISSUER"].document
    text = (project / document.path).read_text(encoding="utf-8")
    heading = next(t for t in document.tokens if t.type == "heading_open")
    assert document.line_of(heading) == line_of(text, "## What it means")


# -- one bad file per case -------------------------------------------------------------------------


def bad_sources() -> list[Path]:
    return sorted(BAD.rglob("*.md"))


def expectation(fixture: Path) -> str:
    found = EXPECT.search(fixture.read_bytes())
    assert found, f"{fixture} has no <!-- expect: … --> line"
    return found.group(1).decode("utf-8")


@pytest.mark.parametrize("fixture", bad_sources(), ids=lambda p: p.relative_to(BAD).as_posix())
def test_a_bad_source_is_reported_at_its_file_and_line(project: Path, fixture: Path) -> None:
    relative = fixture.relative_to(BAD).as_posix()
    expected = expectation(fixture)
    assert expected.startswith(f"{relative}:"), "the problem is reported in the file that has it"
    target = project / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture, target)
    assert problems_of(project) == [expected]


def test_the_bad_cases_cover_every_kind_of_source() -> None:
    kinds = {p.relative_to(BAD).parts[1] for p in bad_sources()}
    assert kinds == {"codes", "articles", "steps"}


# -- problems that span files ----------------------------------------------------------------------


def copy_bad(project: Path, *relatives: str) -> list[str]:
    """Copy bad fixtures into the project; their expectations in path and line order."""
    for relative in relatives:
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BAD / relative, target)
    return sorted(expectation(BAD / relative) for relative in relatives)


def test_every_problem_in_the_files_is_reported_at_once(project: Path) -> None:
    expected = copy_bad(
        project,
        "content/codes/WRONG_TYPE.md",
        "content/articles/bad-yaml.md",
        "content/articles/Not_A_Slug.md",
        "content/steps/wrong-os-name/android.md",
    )
    assert problems_of(project) == expected


def test_every_problem_with_references_is_reported_at_once(project: Path) -> None:
    expected = copy_bad(
        project,
        "content/articles/h1-in-body.md",
        "content/articles/unknown-ui-role.md",
        "content/codes/UNKNOWN_RELATED_CODE.md",
        "content/steps/unknown-ui-role/macos.md",
    )
    assert problems_of(project) == expected


def test_several_problems_in_one_file_are_all_reported(project: Path, write: Write) -> None:
    write(project, {"content/articles/many.md": "---\ntitle: 3\ncolour: red\n---\n"})
    assert problems_of(project) == [
        "content/articles/many.md:2: missing required key 'summary'",
        "content/articles/many.md:2: title: expected a string, got 3",
        "content/articles/many.md:3: unknown key 'colour'; expected one of: title, summary, order",
    ]


def test_references_are_checked_once_every_file_reads_cleanly(project: Path, write: Write) -> None:
    """A broken file is left out, so links to it would all fail: only its own problem shows."""
    code = project / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    text = code.read_text(encoding="utf-8")
    code.write_text(text.replace("category: time", "category: clocks"), encoding="utf-8")
    assert problems_of(project) == [
        f"content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md:{line_of(text, 'category:')}: category:"
        " expected one of certificate, domain, time, ocsp, policy, interception, connection,"
        " client-certificate, got 'clocks'"
    ]


def test_steps_missing_an_os_are_reported_where_they_are_included(project: Path) -> None:
    (project / "content/steps/profile-folder/macos.md").unlink()
    article = "content/articles/bypassing-the-warning.md"
    line = line_of((project / article).read_text(encoding="utf-8"), "::: steps profile-folder")
    assert problems_of(project) == [f"{article}:{line}: steps 'profile-folder' lack macos"]


def test_a_missing_home_article_is_reported_against_the_site_config(project: Path) -> None:
    config = project / "site.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('home = "overview"', 'home = "start"'),
        encoding="utf-8",
    )
    assert problems_of(project) == [
        "site.toml: home article 'start' not found in content/articles/"
    ]


def test_windows_line_endings_give_the_same_line_numbers(project: Path) -> None:
    fixture = BAD / "content/articles/unknown-os.md"
    crlf = fixture.read_bytes().replace(b"\n", b"\r\n")
    (project / "content/articles/unknown-os.md").write_bytes(crlf)
    assert problems_of(project) == [expectation(fixture)]


def test_files_outside_the_source_patterns_are_not_read(project: Path, write: Write) -> None:
    write(
        project,
        {
            "content/codes/notes.txt": "not a source",
            "content/drafts/idea.md": "# not a source",
            "content/steps/stray.md": "# not in a steps folder",
        },
    )
    assert set(load(project).articles) == {"overview", "bypassing-the-warning"}


YAML_PRINTABLE = re.compile(
    "[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""The characters YAML 1.1 reads (its section 5.1, "c-printable")."""


def test_front_matter_refuses_exactly_the_characters_yaml_cannot_read() -> None:
    codes = [*range(0x10000), 0x10000, 0x1F512, 0x10FFFF]  # (the BMP, and past it)
    refused = []
    for code in codes:
        try:
            split_front_matter(f'---\ntitle: "a{chr(code)}b"\n---\n', "content/codes/X.md")
        except ContentError as e:  # (a line break or a quote may fail as YAML instead)
            if "control character" in str(e):
                assert e.line == 2 and f"U+{code:04X}" in str(e)
                refused.append(code)
    assert refused == [c for c in codes if not YAML_PRINTABLE.match(chr(c))]
