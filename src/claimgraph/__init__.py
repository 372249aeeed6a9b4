"""claimgraph: evidence-linked event data from news.

Who says who did what to whom: attributed, CAMEO-coded claim records with character offsets.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
