"""The build command's machinery: reading and hashing inputs, deciding what changed, rendering
the changed locales in worker processes, and writing the site at once.

May import render, l10n, review, verify (its report), content, theme, syntax and the leaves.
"""
