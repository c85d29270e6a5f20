"""Revisions, signed reviews and the publication gate: which revision of each file a job
reads (`review.trees`: published, preview, ready for localization). The reviewer list is a
trust root signed by administrators (`trust_log`); the log is hash-chained (`chain`).

May import content (source trees) and the leaves; never rendering.
"""
