"""The exception hierarchy. User-facing messages name the input and, where there is one, the fix."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: an error the CLI reports in one line, without a traceback."""


class InputError(ClaimgraphError):
    """An input (file, URL, record) that cannot be read or understood."""


class LexiconError(ClaimgraphError):
    """A lexicon or dictionary file with a malformed line or an unknown code: names file and line."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class ModelError(ClaimgraphError):
    """The spaCy pipeline is missing or cannot be loaded."""
