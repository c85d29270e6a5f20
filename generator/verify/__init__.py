"""`certwarn verify`: scenarios, generated certificates, local servers, oracles, screenshots
and reports.

May import only the leaves; never rendering.
"""
