"""The content model (codes, articles, step sources) and its loader with validation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.config import SiteConfig
from generator.content.document import Document, parse_document
from generator.content.frontmatter import FrontMatter, split_front_matter
from generator.content.references import check_references
from generator.content.schema import (
    ARTICLE_FIELDS,
    CODE_FIELDS,
    CODE_PATTERN,
    SLUG_PATTERN,
    STEP_FIELDS,
    TRANSLATABLE,
    check_code_rules,
    check_fields,
)
from generator.content.sources import SourceFile, SourceTree
from generator.errors import CertwarnError, Problem, raise_problems
from generator.syntax.os_blocks import OS_NAMES


@dataclass(frozen=True, slots=True)
class Equivalents:
    """The same condition's name in other clients."""

    chromium: tuple[str, ...] = ()
    openssl: tuple[str, ...] = ()


DEFAULT_RANK = 1000
"""The rank of a code page that gives none: after every ranked code."""


@dataclass(frozen=True, slots=True)
class History:
    """The Firefox versions that showed a code that current Firefox no longer produces."""

    first: int
    last: int | None = None
    """None when the last version is not known."""


@dataclass(frozen=True, slots=True)
class CodeDoc:
    """One error code page (`content/codes/<CODE>.md`)."""

    code: str
    title: str
    summary: str
    category: str
    overridable: bool
    """Does the verified Firefox offer a way to continue to the site ("Proceed to … (Risky)")."""
    equivalents: Equivalents
    related: tuple[str, ...]
    scenario: str | None
    """Verification scenario id, or None when the code cannot be reproduced locally."""
    unreproducible: str | None
    """Why no local scenario can reproduce the code."""
    path: str
    document: Document
    related_line: int = 2
    """1-based line of the `related` key, for messages about it."""
    historical: History | None = None
    """Set when current Firefox no longer shows the code."""
    rank: int = DEFAULT_RANK
    """How often readers meet the code: 1 is the most common (orders the overview)."""


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """One help article (`content/articles/<slug>.md`)."""

    slug: str
    title: str
    summary: str
    order: int
    path: str
    document: Document


@dataclass(frozen=True, slots=True)
class StepDoc:
    """One OS variant of a step source (`content/steps/<name>/<os>.md`)."""

    name: str
    os: str
    path: str
    document: Document


@dataclass(frozen=True, slots=True)
class Content:
    """Every source of a site, parsed once and validated together."""

    codes: dict[str, CodeDoc]
    articles: dict[str, ArticleDoc]
    steps: dict[str, dict[str, StepDoc]]
    """Step name -> OS -> source."""

    def documents(self) -> Iterator[Document]:
        yield from (c.document for c in self.codes.values())
        yield from (a.document for a in self.articles.values())
        for variants in self.steps.values():
            yield from (s.document for s in variants.values())


Source = CodeDoc | ArticleDoc | StepDoc
"""A parsed source file: a code page, an article or one OS variant of a step."""


def parsed_sources(content: Content) -> dict[str, Source]:
    """Each source of `content` by its path."""
    owners: list[Source] = [*content.codes.values(), *content.articles.values()]
    owners += [s for variants in content.steps.values() for s in variants.values()]
    return {owner.path: owner for owner in owners}


def load_content(
    config: SiteConfig, tree: SourceTree, parsed: Mapping[str, Source] | None = None
) -> Content:
    """Read, parse and validate every source; report all problems together.

    `parsed`: sources parsed before from the same path, revision and text, used as they are
    (the checks that span sources still run over all of them)."""
    problems: list[Problem] = []
    codes: dict[str, CodeDoc] = {}
    articles: dict[str, ArticleDoc] = {}
    steps: dict[str, dict[str, StepDoc]] = {}
    for path in tree.paths():
        if not path.startswith("content/") or not path.endswith(".md"):
            continue  # catalogs, and the verification record (read by render.evidence)
        known = parsed.get(path) if parsed else None
        if isinstance(known, CodeDoc):
            codes[PurePosixPath(path).stem] = known
        elif isinstance(known, ArticleDoc):
            articles[known.slug] = known
        elif isinstance(known, StepDoc):
            steps.setdefault(known.name, {})[known.os] = known
        if known is not None:
            continue
        try:
            _load_one(tree.read(path), codes, articles, steps, problems)
        except CertwarnError as e:
            problems.append(Problem(e.message, e.path, e.line))
    content = Content(dict(sorted(codes.items())), articles, steps)
    if not problems:
        problems += check_references(content, config.home)
    raise_problems(problems)
    return content


def _load_one(
    source: SourceFile,
    codes: dict[str, CodeDoc],
    articles: dict[str, ArticleDoc],
    steps: dict[str, dict[str, StepDoc]],
    problems: list[Problem],
) -> None:
    path = source.path
    parts = PurePosixPath(path).parts
    front = split_front_matter(source.text, path)
    if parts[1] == "codes":
        stem = PurePosixPath(path).stem
        found = check_fields(front, CODE_FIELDS, path) + check_code_rules(front, stem, path)
        if not CODE_PATTERN.match(stem):
            found.append(Problem(f"code file names are upper-case codes, got {stem!r}", path, 1))
        problems += found
        if not found:
            codes[stem] = _code(front, source)
    elif parts[1] == "articles":
        slug = PurePosixPath(path).stem
        found = check_fields(front, ARTICLE_FIELDS, path)
        if not SLUG_PATTERN.match(slug):
            found.append(Problem(f"article file names are lower-case slugs, got {slug!r}", path, 1))
        problems += found
        if not found:
            articles[slug] = _article(slug, front, source)
    elif parts[1] == "steps":
        _add_step(parts, front, source, steps, problems)


def _document(doc_id: str, front: FrontMatter, source: SourceFile) -> Document:
    return parse_document(doc_id, source.path, front, source.revision, TRANSLATABLE)


def _code(front: FrontMatter, source: SourceFile) -> CodeDoc:
    data = front.data
    equivalents = data.get("equivalents") or {}
    return CodeDoc(
        code=data["code"],
        title=data["title"],
        summary=data["summary"],
        category=data["category"],
        overridable=data["overridable"],
        equivalents=Equivalents(
            tuple(equivalents.get("chromium", ())), tuple(equivalents.get("openssl", ()))
        ),
        related=tuple(data.get("related", ())),
        scenario=data.get("scenario"),
        unreproducible=data.get("unreproducible"),
        path=source.path,
        document=_document(f"codes/{data['code']}", front, source),
        related_line=front.key_lines.get("related", 2),
        historical=_history(data.get("historical")),
        rank=data.get("rank", DEFAULT_RANK),
    )


def _history(value: dict[str, int] | None) -> History | None:
    return None if value is None else History(value["first"], value.get("last"))


def _article(slug: str, front: FrontMatter, source: SourceFile) -> ArticleDoc:
    data = front.data
    document = _document(f"articles/{slug}", front, source)
    return ArticleDoc(
        slug, data["title"], data["summary"], data.get("order", 100), source.path, document
    )


def _add_step(
    parts: tuple[str, ...],
    front: FrontMatter,
    source: SourceFile,
    steps: dict[str, dict[str, StepDoc]],
    problems: list[Problem],
) -> None:
    name, os_name = parts[2], PurePosixPath(parts[3]).stem
    found = check_fields(front, STEP_FIELDS, source.path)
    if os_name not in OS_NAMES:
        expected = ", ".join(f"{o}.md" for o in OS_NAMES)
        found.append(
            Problem(f"step sources are named {expected}, got {parts[3]!r}", source.path, 1)
        )
    problems += found
    if not found:
        document = _document(f"steps/{name}/{os_name}", front, source)
        steps.setdefault(name, {})[os_name] = StepDoc(name, os_name, source.path, document)
