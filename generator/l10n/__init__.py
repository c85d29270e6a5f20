"""Gettext: locale data, reading and writing PO files, per-message checks, loading the
catalogs a build may publish, localizing a document, extraction, statistics, and the
translator workflow (extract, init, update, check).

May import review (which sources are ready for localization), content, theme, syntax and
the leaves.
"""
