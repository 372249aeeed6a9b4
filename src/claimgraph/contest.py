"""Whether a denial or doubt is confident enough to call a claim cluster contested.

A cluster shown as contested tells the reader that some party disputes the event. A false contest
at the top of the overview costs more trust than a missed one, so a denying or questioning record
counts only when (1) its source is a real speaker: a named or coded party, not the author's own
voice, not an unresolved pronoun, not a thing ("these measures deny Iran resources"); and (2) its
denial scopes over the record's event: a deny or doubt cue over a clause, a claim or an event noun
("denied that ...", "rejected the accusations", "questioned whether ..."), or the event's own
negated predicate in its evidence ("said Russia has not supplied ..."). A withheld confirmation
("has not confirmed", "declined to comment") is a doubt, but no contest; so is a negation in a
clause opened by a question or relative word ("asked why the police did not charge him", "jets,
which have not targeted them"): it is taken as given, nobody disputes a claim; and so is a denial of
"the allegations" of an earlier sentence, where which claims are meant is a guess (rule
``+earlier``). Nor does a negation over a stretch of time ("we have not met for a long time") or a
question whether anyone did something at all ("unclear whether any co-conspirators helped him"):
``attribution/no_contest.tsv``. Within a cluster (:func:`disputes`), a denial contests the event
only when its source is not one of those asserting it (a speaker who "asserts" and "denies" one
cluster was clustered with two events of their own), its object, if it names one, is the cluster's
(or a whole kind: "any support"), and its action is on the branch of the cluster's.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .lexicons import read_pairs, read_table, word_set
from .model import Claim, Source
from .negation import HEAD_KINDS
from .sameevent import general_object
from .stancewords import stance_words

DISSENT = ("denies", "questions")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})
_NEGATED_CUE = re.compile(r"\b(not|never|no)\b|n['’]t\b", re.I)


@lru_cache(maxsize=1)
def _dissent_cues() -> frozenset[str]:
    """The deny and doubt cues of ``attribution/cues.tsv`` (read here, not through the attribution
    package, so aggregation does not load the parser)."""
    rows = read_table("attribution/cues.tsv", min_cols=4, max_cols=4)
    return frozenset(r.cells[0].lower() for r in rows if r.cells[1] in ("deny", "doubt"))


@lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:
    words = set(word_set("events/negators.tsv")) | set(word_set("events/negative_words.tsv"))
    heads = {w for w, _ in read_pairs("events/negating_heads.tsv", HEAD_KINDS, "kind of negating head")}
    return frozenset(words | heads | {"without", "failed", "fails"})


@lru_cache(maxsize=1)
def _no_contest() -> dict[str, frozenset[str]]:
    rows = read_pairs("attribution/no_contest.tsv", ("period", "open"), "kind of no-contest phrase")
    return {k: frozenset(w for w, kind in rows if kind == k) for k in ("period", "open")}


def _no_contest_words(stance: str, evidence: str) -> bool:
    """A negation over a period, or a doubt over an indefinite clause: no one's report disputed."""
    low = " ".join(re.findall(r"[\w'’-]+", evidence.lower()))
    if any(re.search(rf"\b{re.escape(p)}\b", low) for p in _no_contest()["period"]):
        return True
    first = low.split(" ", 1)[0] if low else ""
    return stance == "questions" and first in _no_contest()["open"]


def real_speaker(src: Source) -> bool:
    """A party that can dispute a claim: not the author, not an unresolved pronoun, not a thing; a
    person, country or outlet, a coded party, or one named by its role ("the pilot")."""
    return _real_speaker(src.kind, src.name, src.actor, src.role)


def _real_speaker(kind: str, name: str | None, actor: str | None, role: str | None) -> bool:
    if kind == "author" or not name:
        return False
    low = name.strip().lower()
    if low in _PRONOUNS:
        return False
    words = low.split()
    head = words[-1] if words else ""
    if head in word_set("attribution/not_sources.tsv"):
        return False  # "these measures deny Iran resources": nobody speaks through them
    if kind in ("person", "country", "outlet"):
        return True
    # "the second pilot of the downed jet", "army commanders": a person or body named by its role
    noun = low.split(" of ")[0].split()[-1] if low.split(" of ")[0].split() else head
    by_role = noun in word_set("attribution/roles.tsv") or noun in word_set("events/agent_nouns.tsv")
    return bool(actor or role) or by_role


def _scoped(stance: str, cue_text: str | None, cue_lemma: str | None, evidence: str) -> bool:
    """Whether a denial or doubt is over the record's own event (see the module's docstring)."""
    if cue_text is None or cue_lemma is None:
        return False
    first = re.match(r"\W*([\w'’-]+)", evidence)
    if first is not None and first.group(1).lower() in stance_words("wh"):
        return False  # "why the police did not charge him": the negation is presupposed
    if _no_contest_words(stance, evidence):
        return False  # "have not met for a long time", "whether anyone helped him"
    negated_cue = bool(_NEGATED_CUE.search(cue_text))
    lemma = cue_lemma.lower()
    if lemma in stance_words("directive"):
        return False  # "urged Russia not to attack": the "not" is in what is asked
    if lemma in _dissent_cues():
        # "did not deny" withholds a denial; the cue's object was checked by the finder
        # (attribute/stance.py: a deny cue over a non-claim object denies nothing)
        return not negated_cue
    if negated_cue:
        # "has not seen the Russians withdraw" denies; "has not confirmed" only withholds
        return stance == "denies"
    if stance == "questions":
        return True  # "said it is unclear whether ...": the doubt was read over the event's clause
    words = {w.lower() for w in re.findall(r"[\w'’-]+", evidence)}
    return bool(words & _negation_words()) or any(w.endswith(("n't", "n’t")) for w in words)


def confident(
    *,
    stance: str,
    source_kind: str,
    source_name: str | None,
    source_actor: str | None,
    source_role: str | None,
    cue_text: str | None,
    cue_lemma: str | None,
    evidence: str,
    rule: str | None = None,
) -> bool:
    """A denial or doubt that makes its cluster contested: from a real speaker, over the clustered
    event. Plain fields, so the store can ask it of a row without building a record."""
    return (
        stance in DISSENT
        and "+earlier" not in (rule or "")
        and _real_speaker(source_kind, source_name, source_actor, source_role)
        and _scoped(stance, cue_text, cue_lemma, evidence)
    )


def source_key(name: str | None, actor: str | None) -> str:
    """A source as a cluster counts it: its name (the author's is its outlet) and actor code."""
    return f"{(name or '').strip().casefold()}|{(actor or '').upper()}"


def disputes(
    source: str,
    head: str | None,
    code: str | None,
    asserting: Collection[str],
    cluster_head: str | None,
    asserted_codes: Collection[str],
) -> bool:
    """Whether a confident denial or doubt contests its cluster: its ``source`` (an id as the
    cluster counts sources, :func:`source_key`) is not among the ``asserting`` ones; its object's
    ``head``, if any, is the cluster's ("the issue of sanctions was not discussed" does not contest
    a call that discussed "the fight against terrorism"), unless it names a whole kind ("denies any
    support", ``clusters/general_objects.txt``); and its CAMEO ``code`` is on the branch of
    one the asserting reports give ("did not support Ukraine", 050, does not contest "reaffirmed
    their support", 051; "did not shoot", 193, does contest "used force", 190)."""
    if source in asserting:
        return False
    if head is not None and cluster_head is not None and head != cluster_head and not general_object(head):
        return False  # but "denies giving any support" disputes "provided sanctuaries"
    return not code or not asserted_codes or any(_same_branch(code, c) for c in asserted_codes)


def _same_branch(a: str, b: str) -> bool:
    """One CAMEO code under the other; a three-digit "...0" is its root's "not specified" (190 = 19)."""
    a, b = (c[:2] if len(c) == 3 and c.endswith("0") else c for c in (a, b))
    return a.startswith(b) or b.startswith(a)


def confident_dissent(c: Claim) -> bool:
    """:func:`confident` for a record; a record with no coded event contests nothing."""
    return c.event is not None and confident(
        stance=c.stance,
        source_kind=c.source.kind,
        source_name=c.source.name,
        source_actor=c.source.actor,
        source_role=c.source.role,
        cue_text=c.cue.text if c.cue else None,
        cue_lemma=c.cue.lemma if c.cue else None,
        evidence=c.evidence.text,
        rule=c.rule,
    )
