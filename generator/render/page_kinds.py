"""The pages of one locale: articles (and the home page), codes, error pages, the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.content.load import CodeDoc
from generator.content.ordering import reader_groups
from generator.content.references import shows_screenshot
from generator.l10n.locale_data import locale_info
from generator.l10n.stats import DocStats, combined
from generator.render.fragments import headings, render_tokens, section
from generator.render.history import revision_block, shown_history
from generator.render.locale_site import LocaleSite
from generator.render.pages import Page
from generator.render.urls import PageKind, page_path, relative_url


def article_page(site: LocaleSite, slug: str) -> Page:
    article = site.site.content.articles[slug]
    is_home = slug == site.config.home
    kind, ident = (PageKind.HOME, "") if is_home else (PageKind.ARTICLE, slug)
    path = page_path(site.locale.tag, kind, ident)
    localized = site.localized(article.document)
    render_context = site.page_context(path)
    title = localized.fields["title"].value
    context: dict[str, Any] = dict(site.base_context(path, kind, ident, title))
    groups = reader_groups(site.site.content.codes.values()) if is_home else []
    code_groups = [
        {"category": category, "codes": [code_row(site, code, path) for code in codes]}
        for category, codes in groups
    ]
    context.update(
        doc=localized,
        revision=revision_block(site, article.document, path),
        body=render_tokens(localized.tokens, render_context),
        toc=headings(localized.tokens, render_context),
        codes=[row for group in code_groups for row in group["codes"]],
        code_groups=code_groups,
    )
    template = "home.html" if is_home else "article.html"
    return site.render(
        template,
        path,
        context,
        title=title,
        kind=kind,
        ident=slug,
    )


def code_row(site: LocaleSite, code: CodeDoc, path: str) -> dict[str, Any]:
    _, fields = site.head(code.document)
    return {
        "code": code.code,
        "title": fields["title"],
        "summary": fields["summary"],
        "overridable": code.overridable,
        "historical": code.historical is not None,
        "url": relative_url(path, page_path(site.locale.tag, PageKind.CODE, code.code)),
    }


def code_page(site: LocaleSite, code: CodeDoc) -> Page:
    path = page_path(site.locale.tag, PageKind.CODE, code.code)
    localized = site.localized(code.document)
    render_context = site.page_context(path)
    title = localized.fields["title"].value
    context: dict[str, Any] = dict(site.base_context(path, PageKind.CODE, code.code, title))
    context.update(
        doc=localized,
        code=code,
        revision=revision_block(site, code.document, path),
        body=render_tokens(localized.tokens, render_context),
        toc=headings(localized.tokens, render_context),
        related=[code_row(site, site.site.content.codes[r], path) for r in code.related],
        error_page_url=relative_url(path, page_path(site.locale.tag, PageKind.ERROR, code.code)),
        verification=site.site.verification.for_code(code.code, code.scenario),
        # the recorded screenshot, unless the text already shows it beside its description
        figure=None
        if shows_screenshot(code.document, code.code)
        else render_context.screenshot(code.code),
    )
    return site.render(
        "code.html",
        path,
        context,
        title=title,
        kind=PageKind.CODE,
        ident=code.code,
    )


def error_page(site: LocaleSite, code: CodeDoc) -> Page:
    path = page_path(site.locale.tag, PageKind.ERROR, code.code)
    localized = site.localized(code.document)
    render_context = site.page_context(path, absolute=True)
    advice = section(localized.tokens, "what-you-can-do")
    context: dict[str, Any] = dict(
        site.base_context(path, PageKind.ERROR, code.code, localized.fields["title"].value)
    )
    context.update(
        doc=localized,
        code=code,
        advice=render_tokens(advice, render_context),
        help_url=relative_url(path, page_path(site.locale.tag, PageKind.CODE, code.code)),
        help_absolute=site.config.base_url + page_path(site.locale.tag, PageKind.CODE, code.code),
        css=site.site.theme.asset_text("error.css"),
        script=site.site.theme.asset_text("error.js"),
    )
    title = localized.fields["title"].value
    history = shown_history(site, code.document)
    current = history.current if history else None
    return site.render(
        "error.html",
        path,
        context,
        title=title,
        kind=PageKind.ERROR,
        ident=code.code,
        revision=current.revision if current else "",
        approved=current.reviewed.isoformat() if current and current.reviewed else "",
    )


def unknown_error_page(site: LocaleSite) -> Page:
    """`<locale>/errors/unknown.html`: the error page for a code the site does not describe.
    It shows the `code` parameter as text and leads to the lookup page and the overview."""
    path = page_path(site.locale.tag, PageKind.UNKNOWN)
    title = site.messages.gettext("Secure Connection Failed")
    context: dict[str, Any] = dict(site.base_context(path, PageKind.UNKNOWN, "", title))
    context.update(
        doc=None,
        code=None,
        lookup_absolute=site.config.base_url + page_path(site.locale.tag, PageKind.LOOKUP),
        home_absolute=site.config.base_url + page_path(site.locale.tag, PageKind.HOME),
        css=site.site.theme.asset_text("error.css"),
        script=site.site.theme.asset_text("error.js"),
    )
    return site.render("error.html", path, context, title=title, kind=PageKind.UNKNOWN)


def dashboard_page(site: LocaleSite, stats: Sequence[DocStats]) -> Page:
    """`l10n/index.html`: translation status per locale and document."""
    path = page_path(site.locale.tag, PageKind.L10N)
    context: dict[str, Any] = dict(
        site.base_context(path, PageKind.L10N, "", site.messages.gettext("Translation status"))
    )
    by_locale: dict[str, list[DocStats]] = {}
    for row in stats:
        by_locale.setdefault(row.locale, []).append(row)
    summary = [
        {
            "locale": locale_info(tag),
            "url": relative_url(path, page_path(tag, PageKind.HOME)),
            "translated": sum(r.translated for r in rows),
            "total": sum(r.total for r in rows),
            "ratio": combined(rows, tag).ratio,
            "rows": rows,
        }
        for tag, rows in by_locale.items()
    ]
    context.update(summary=summary)
    return site.render("l10n.html", path, context, title=context["title"], kind=PageKind.L10N)
