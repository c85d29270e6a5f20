"""Cross-checks over parsed content: links, UI roles, images, OS blocks, steps, sections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from markdown_it.token import Token

from generator.content.document import Document
from generator.errors import Problem
from generator.syntax.os_blocks import OS_NAMES, container_argument
from generator.syntax.screenshots import screenshot_code
from generator.syntax.ui_roles import UI_ROLES
from generator.syntax.xref import xref_target

if TYPE_CHECKING:
    from generator.content.load import Content

CODE_SECTIONS = ("what-it-means", "what-you-can-do", "what-site-owners-can-do")


def check_references(content: Content, home: str) -> list[Problem]:
    """Every problem with references between documents, in source order."""
    problems: list[Problem] = []
    if home not in content.articles:
        problems.append(
            Problem(f"home article {home!r} not found in content/articles/", "site.toml")
        )
    for code in content.codes.values():
        for related in code.related:
            if related not in content.codes:
                message = f"related: unknown code {related!r}"
                problems.append(Problem(message, code.path, code.related_line))
        problems += _code_sections(code.document)
    for document in content.documents():
        # a step source has no page of its own: its `#anchor`s belong to the including article
        own = None if document.id.startswith("steps/") else heading_ids(document)
        for token, line in _walk(document):
            found = _token_problems(token, content, own)
            problems += [Problem(m, document.path, line) for m in found]
        problems += _text_inside_steps(document)
    return problems


def _text_inside_steps(document: Document) -> list[Problem]:
    """`::: steps` stands for the step sources; text between its fences would render after them."""
    tokens = document.tokens
    return [
        Problem(
            f"steps {container_argument(token.info)!r} take no text between the fences; "
            "write it before or after them",
            document.path,
            document.line_of(tokens[index + 1]),
        )
        for index, token in enumerate(tokens[:-1])
        if token.type == "container_steps_open"
        and tokens[index + 1].type != "container_steps_close"
    ]


def shows_screenshot(document: Document, code: str) -> bool:
    """Does the document's text show the screenshot of `code` (`![…](screenshot:CODE)`)."""
    return any(
        token.type == "image" and screenshot_code(str(token.attrGet("src") or "")) == code
        for token, _ in _walk(document)
    )


def _walk(document: Document) -> Iterator[tuple[Token, int | None]]:
    line: int | None = None
    for token in document.tokens:
        line = document.line_of(token) or line
        yield token, line
        for child in token.children or []:
            yield child, line


def _token_problems(token: Token, content: Content, own: list[str] | None) -> list[str]:
    if token.type == "myst_role" and token.meta.get("name") not in UI_ROLES:
        expected = ", ".join(UI_ROLES)
        return [
            f"unknown UI reference role {{{token.meta.get('name')}}}; expected one of {expected}"
        ]
    if token.type == "link_open":
        return _link_problems(str(token.attrGet("href") or ""), content, own)
    if token.type == "image":
        code = screenshot_code(str(token.attrGet("src") or ""))
        if code is None:
            src = token.attrGet("src")
            return [f"images must name a screenshot such as 'screenshot:<CODE>', got {src!r}"]
        if code not in content.codes:
            return [f"screenshot of unknown code {code!r}"]
    if token.type == "container_os_open" and container_argument(token.info) not in OS_NAMES:
        expected = ", ".join(OS_NAMES)
        return [f"unknown OS {container_argument(token.info)!r}; expected one of {expected}"]
    if token.type == "container_steps_open":
        return _steps_problems(container_argument(token.info), content)
    if token.type == "heading_open" and token.tag == "h1":
        return ["level-1 headings are not allowed in the body; the title comes from front matter"]
    return []


def _link_problems(href: str, content: Content, own: list[str] | None) -> list[str]:
    target = xref_target(href)
    if href.startswith("#") and own is not None and href[1:] not in own:
        return [f"link to unknown anchor {href[1:]!r} on this page"]
    if target is None:
        if href.startswith(("http://", "https://", "mailto:", "#")):
            return []
        return [f"links go to code:<CODE>, article:<slug>, #anchor or http(s) URLs, got {href!r}"]
    scheme, ident, anchor = target
    documents: dict[str, Document] = (
        {c: d.document for c, d in content.codes.items()}
        if scheme == "code"
        else {s: a.document for s, a in content.articles.items()}
    )
    if ident not in documents:
        return [f"link to unknown {scheme} {ident!r}"]
    if anchor and anchor not in heading_ids(documents[ident]):
        return [f"link to unknown anchor {anchor!r} in {scheme} {ident!r}"]
    return []


def _steps_problems(name: str, content: Content) -> list[str]:
    variants = content.steps.get(name)
    if variants is None:
        return [f"unknown steps {name!r}; expected a folder content/steps/{name}/"]
    missing = [os_name for os_name in OS_NAMES if os_name not in variants]
    return [f"steps {name!r} lack {', '.join(missing)}"] if missing else []


def heading_ids(document: Document) -> list[str]:
    """The ids of a document's headings, in order."""
    return [str(t.attrGet("id")) for t in document.tokens if t.type == "heading_open"]


def _code_sections(document: Document) -> list[Problem]:
    found = [
        str(t.attrGet("id")) for t in document.tokens if t.type == "heading_open" and t.tag == "h2"
    ]
    if tuple(found) == CODE_SECTIONS:
        return []
    expected = ", ".join(f"'## {s.replace('-', ' ').capitalize()}'" for s in CODE_SECTIONS)
    return [
        Problem(
            f"code pages need the sections {expected} in this order, got {found!r}",
            document.path,
            document.line_offset + 1,
        )
    ]
