"""The pages of one locale: articles (and the home page), codes, error pages, the dashboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.content.load import CodeDoc
from generator.l10n.locale_data import locale_info
from generator.l10n.stats import DocStats, combined
from generator.render.fragments import headings, render_tokens, section
from generator.render.locale_site import LocaleSite
from generator.render.pages import Page
from generator.render.urls import ARTICLE, CODE, ERROR, HOME, L10N, page_path, relative_url


def article_page(site: LocaleSite, slug: str) -> Page:
    article = site.site.content.articles[slug]
    is_home = slug == site.config.home
    kind, ident = (HOME, "") if is_home else (ARTICLE, slug)
    path = page_path(site.locale.tag, kind, ident)
    localized = site.localized(article.document)
    render_context = site.page_context(path)
    title = localized.fields["title"].value
    context = site.base_context(path, kind, ident, title)
    context.update(
        doc=localized,
        body=render_tokens(localized.tokens, render_context),
        toc=headings(localized.tokens, render_context),
        codes=[code_row(site, code, path) for code in site.site.content.codes.values()]
        if is_home
        else [],
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
    localized = site.localized(code.document)
    return {
        "code": code.code,
        "title": localized.fields["title"],
        "summary": localized.fields["summary"],
        "overridable": code.overridable,
        "url": relative_url(path, page_path(site.locale.tag, CODE, code.code)),
    }


def code_page(site: LocaleSite, code: CodeDoc) -> Page:
    path = page_path(site.locale.tag, CODE, code.code)
    localized = site.localized(code.document)
    render_context = site.page_context(path)
    title = localized.fields["title"].value
    context = site.base_context(path, CODE, code.code, title)
    context.update(
        doc=localized,
        code=code,
        body=render_tokens(localized.tokens, render_context),
        toc=headings(localized.tokens, render_context),
        related=[code_row(site, site.site.content.codes[r], path) for r in code.related],
        error_page_url=relative_url(path, page_path(site.locale.tag, ERROR, code.code)),
        verification=[
            r
            for r in (site.site.verification.for_code(code.code) if site.site.verification else [])
            if r.status != "unavailable"
        ],
    )
    return site.render(
        "code.html",
        path,
        context,
        title=title,
        kind=CODE,
        ident=code.code,
    )


def error_page(site: LocaleSite, code: CodeDoc) -> Page:
    path = page_path(site.locale.tag, ERROR, code.code)
    localized = site.localized(code.document)
    render_context = site.page_context(path, absolute=True)
    advice = section(localized.tokens, "what-you-can-do")
    context = site.base_context(path, ERROR, code.code, localized.fields["title"].value)
    context.update(
        doc=localized,
        code=code,
        advice=render_tokens(advice, render_context),
        help_url=relative_url(path, page_path(site.locale.tag, CODE, code.code)),
        help_absolute=site.config.base_url + page_path(site.locale.tag, CODE, code.code),
        css=site.site.theme.asset_text("error.css"),
        script=site.site.theme.asset_text("error.js"),
    )
    title = localized.fields["title"].value
    return site.render("error.html", path, context, title=title, kind=ERROR, ident=code.code)


def dashboard_page(site: LocaleSite, stats: Sequence[DocStats]) -> Page:
    """`l10n/index.html`: translation status per locale and document."""
    path = page_path(site.locale.tag, L10N)
    context = site.base_context(path, L10N, "", site.messages.gettext("Translation status"))
    by_locale: dict[str, list[DocStats]] = {}
    for row in stats:
        by_locale.setdefault(row.locale, []).append(row)
    summary = [
        {
            "locale": locale_info(tag),
            "url": relative_url(path, page_path(tag, HOME)),
            "translated": sum(r.translated for r in rows),
            "total": sum(r.total for r in rows),
            "ratio": combined(rows, tag).ratio,
            "rows": rows,
        }
        for tag, rows in by_locale.items()
    ]
    context.update(summary=summary)
    return site.render("l10n.html", path, context, title=context["title"], kind=L10N)
