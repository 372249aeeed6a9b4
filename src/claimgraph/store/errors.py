"""The store's one exception: a database that cannot be opened, read or written."""

from __future__ import annotations

from ..errors import ClaimgraphError


class StoreError(ClaimgraphError):
    """A database URL that cannot be opened, or a store operation on something absent.

    The message is one line that names the database (password hidden) and the fix, so the CLI can
    print it as is and exit with status 2.
    """
