"""Quotation spans. Curly quotes pair unambiguously; straight double quotes pair in order; a
curly mark and a straight one pair when the text mixes them (one opens, the other closes).

A quotation may run over several sentences or paragraphs (news style re-opens a quote at each
paragraph without closing the previous one: such a run is joined into one span).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..nlp import doc_text

_OPEN = "“«„"
_CLOSE = "”»"
MAX_QUOTE = 6000  # a longer "quotation" is almost certainly a stray quote mark


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of quotations, quote marks included, in text order."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    straight_open: int | None = None
    for m in re.finditer(r"[“”«»„\"]|''|``", text):
        ch, i = m.group(), m.start()
        if ch in ('"', "''", "``"):
            end = m.end()
            role = "open" if ch == "``" else _straight_role(text, i, end)
            if straight_open is None and role == "close" and open_at is not None:
                # “... toward the U.S.," said X: a curly opener closed by a straight mark
                if i - open_at <= MAX_QUOTE:
                    spans.append((open_at, end))
                open_at = None
                continue
            if straight_open is None:
                if role != "close":
                    straight_open = i
            elif role == "open" and "\n" not in text[straight_open:i]:
                # an opener while one is open in the same paragraph: the earlier mark was stray
                straight_open = i
            elif role == "open":
                pass  # a new paragraph re-opens a running quotation: keep the first opener
            else:
                if i - straight_open <= MAX_QUOTE:
                    spans.append((straight_open, end))
                straight_open = None
            continue
        if ch in _OPEN:
            if open_at is not None and "\n" not in text[open_at:i]:
                # re-opened within a paragraph without closing: drop the unmatched opener
                open_at = i
            elif open_at is None:
                open_at = i
            # else: a new paragraph re-opens a running quotation: keep the first opener
        elif ch in _CLOSE and open_at is not None:
            if i - open_at <= MAX_QUOTE:
                spans.append((open_at, i + 1))
            open_at = None
        elif ch in _CLOSE and straight_open is not None:
            # "We were hoping Clinton would win.” a straight opener closed by a curly mark
            if i - straight_open <= MAX_QUOTE:
                spans.append((straight_open, i + 1))
            straight_open = None
    spans.sort()
    # drop spans nested in others (a straight quote inside a curly one)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


def _straight_role(text: str, start: int, end: int) -> str:
    """Whether a straight quote mark opens or closes a quotation, from the characters around it.

    Pairing straight marks strictly in order lets one stray mark flip every later quotation of the
    article inside out; a mark after a space and before a word opens, one after a word and before
    a space or punctuation closes. A mark between two words or two spaces is left to the order.
    """
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = before.isspace() or before in "([{—–-/"
    closes = after.isspace() or after in ".,;:!?)]}—–-"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """``find_quotes`` of a document's text, computed once per Doc: the attribution finder, the
    source resolver and the event stage all ask."""
    spans = doc.user_data.get("claimgraph_quotes")
    if spans is None:
        spans = find_quotes(doc_text(doc))
        doc.user_data["claimgraph_quotes"] = spans
    return list(spans)


class QuoteIndex:
    """Fast lookup: which quotation (if any) contains a character offset."""

    def __init__(self, text: str | Doc) -> None:
        self.spans = doc_quotes(text) if isinstance(text, Doc) else find_quotes(text)

    def containing(self, start: int, end: int | None = None) -> tuple[int, int] | None:
        end = start + 1 if end is None else end
        for s, e in self.spans:
            if s <= start and end <= e:
                return (s, e)
            if s > start:
                break
        return None

    def inside(self, i: int) -> bool:
        """True when offset ``i`` lies strictly between a quotation's marks."""
        for s, e in self.spans:
            if s < i < e - 1:
                return True
            if s > i:
                break
        return False
