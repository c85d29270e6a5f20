"""Themes: their folders and inheritance chain, and the jinja2 environment with gettext.

May import only the leaves.
"""
