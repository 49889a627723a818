"""Exceptions raised by the library. Only ``cli.py`` turns them into user messages."""


class PolybiusError(Exception):
    """Base class of every error Polybius raises on purpose."""


class InputError(PolybiusError):
    """A document or input file cannot be read; the message says which and why."""


class ConfigError(PolybiusError):
    """A setting has an invalid value; the message names the setting and the fix."""


class StoreError(PolybiusError):
    """The database cannot be opened, migrated or written."""
