"""`certwarn verify`: scenarios, generated certificates, local servers, oracles and reports."""
