"""certwarn: localized, reviewed, verified explanations of browser security warnings."""

__version__ = "0.1.0"
