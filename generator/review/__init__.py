"""Revisions, signed reviews and the publication gate.

The build reads sources through `generator.review.gate.ApprovedTree` (or `PreviewTree`
for `--preview`); catalog extraction reads `LocalizationTree`; the status command and the
translation dashboard read `generator.review.status`.
"""
