"""Gettext: locale data, reading and writing PO files (a writer every gettext tool agrees
with), per-message checks, loading the catalogs a build may publish, localizing a document,
extraction, statistics, the translator workflow (extract, init, update), `catalog check`
with terminology from the installed Firefox, and what `revise`/`approve`/`review show` ask
of a catalog.

May import review (which sources are ready for localization), content, theme, syntax and
the leaves.
"""
