"""Negation of an event for the coder: ``claimgraph.negation`` decides it, once, for the coder
and the attribution finder alike (hedging is ``claimgraph.hedging``)."""

from __future__ import annotations

from ..negation import is_negated, negated_above, negative_argument, nominal_negated, refusal

__all__ = ["is_negated", "negated_above", "negative_argument", "nominal_negated", "refusal"]
