"""Revisions, signed reviews and the publication gate: which revision of each file a job
reads (`review.trees`: published, preview, ready for localization).

May import content (source trees) and the leaves; never rendering.
"""
