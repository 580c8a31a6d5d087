"""thucydides: trustworthy conflict-event data from raw news reports."""

__version__ = "0.1.0"
