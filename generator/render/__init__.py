"""One locale's pages: the page model, URLs, the context Markdown rules and templates see,
each kind of page, which pages a locale has, and the site-wide pages.

May import l10n, review, verify (its report), content, theme, syntax and the leaves.
"""
