"""`certwarn bench`: a synthetic site, the certwarn build measured against baselines.

May import build and everything below it.
"""
