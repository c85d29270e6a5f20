"""`certwarn bench`: a synthetic site, the certwarn build measured against a Sphinx baseline."""
