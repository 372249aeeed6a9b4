"""Where a frame's slots sit in the parse: the tokens a slot names (passives, hosts of a
prepositional phrase, datives the parser read as modifiers), a stray by-agent, the object as the
house style writes it, and other lemmas for a verb the tagger lemmatised wrongly. Split from the
coder, which chooses frames and fills them with actors; also where an event noun may name an
event told before (``refers_back``, ``earlier_mentions``), which needs the parse only."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from ..attribute.stance import is_event_noun
from ..lexicons import word_set
from .predicates import Predicate, Slot

SUBJ_DEPS = ("nsubj", "csubj")


def lemma_guesses(tok: Token) -> list[str]:
    """Other lemmas for a verb the lexicon does not know: the tagger's lemma can be wrong ("staged"
    -> "stag") and a repeated act keeps its code ("reimposed", "re-opened" -> "impose", "open").
    A bare "re" is stripped only before a vowel: "resign", "recommend", "repress" are no repeats."""
    low, lem = tok.lower_, tok.lemma_.lower()
    out = []
    if tok.tag_ in ("VBD", "VBN") and low.endswith("ed"):
        out += [low[:-1], low[:-2]]
    for w in (lem, *out):
        if w.startswith("re-") and len(w) >= 6:
            out.append(w[3:])
        elif w.startswith("re") and len(w) >= 6 and w[2] in "aeiou":
            out.append(w[2:])
    return out


def slot_tokens(pred: Predicate, tok: Token, slot: Slot, passive: bool) -> list[Token]:
    """Tokens filling one slot alternative of a frame on ``tok``."""
    kids = list(tok.children)
    dep = slot.dep
    if passive and not pred.nominal:
        if dep == "nsubj":
            got = [g for a in kids if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            return got or stray_agent(tok) or encounter_agent(tok)
        if dep in ("dobj", "dative"):
            got = [c for c in kids if c.dep_ in ("nsubjpass", "csubjpass")]
            if not got and tok.dep_ == "acl" and not is_event_noun(tok.head.lemma_.lower()):
                # "a jet shot down by Turkey": the noun the participle modifies (an event noun,
                # "the operation carried out by Russia", is the event, not its object)
                got = [tok.head]
            if got:
                return got
    if dep == "prep":
        hosts = [tok]
        if (
            pred.nominal
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in word_set("events/light_verbs.tsv")
        ):
            hosts.append(tok.head)  # and "submitted a request to Togo" hangs it on the light verb
        # PP-attachment: "providing support to Iran" often hangs "to Iran" on the object noun, and
        # "the delivery of vaccines to Jordan" on the noun's of-object
        for c in kids:
            if c.dep_ in ("dobj", "attr", "dative"):
                hosts.append(c)
                hosts.extend(
                    p for q in c.children if q.dep_ == "prep" and q.lower_ == "of" for p in q.children
                )
        if pred.nominal and slot.prep != "of":
            hosts.extend(p for q in kids if q.dep_ == "prep" and q.lower_ == "of" for p in q.children)
        found: list[Token] = []
        for h in hosts:
            for p in h.children:
                if p.dep_ in ("prep", "agent", "dative") and p.lower_ == slot.prep:
                    found.extend(g for g in p.children if g.dep_ in ("pobj", "pcomp"))
        return found
    if dep == "nsubj":
        return [c for c in kids if c.dep_ in SUBJ_DEPS]
    if dep == "dative":
        got = [c for c in kids if c.dep_ == "dative"]
        # the parser often reads "offered Bolivia humanitarian aid" as nmod "Bolivia" of "aid"
        got += [
            g
            for c in kids
            if c.dep_ == "dobj"
            for g in c.children
            if g.dep_ == "nmod" and g.pos_ == "PROPN" and g.i == c.left_edge.i
        ]
        return got
    if dep == "obj*":
        return []
    if dep == "ccomp*":  # the subject of a that-clause: "demanded that Iran stop"
        return [s for c in kids if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    got = [c for c in kids if c.dep_ == dep]
    if dep == "dobj" and not got:
        # "has called Trump to congratulate him": the parser reads a named object before an
        # infinitive as an object predicate ("called the move illegal" keeps its adjective out)
        got = [c for c in kids if c.dep_ == "oprd" and c.pos_ == "PROPN"]
    return got


def is_passive(tok: Token) -> bool:
    """Whether ``tok`` is a passive verb: with a passive subject or auxiliary, or a past participle
    modifying a noun ("a Russian jet, shot down by Turkey", "the operation carried out by Russia"),
    whose noun is the object and whose by-phrase is the doer."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in tok.children):
        return not any(c.dep_ in SUBJ_DEPS for c in tok.children)  # "jet, shot down by Turkey"
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")


def stray_agent(tok: Token) -> list[Token]:
    """The by-phrase of a passive the parser hung on the verb as a plain prep, or on the noun of a
    prep of the verb ("Iran was supplied with drones *by Russia*")."""
    hosts = [tok] + [g for p in tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return [
        g
        for h in hosts
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "by"
        for g in p.children
        if g.dep_ == "pobj"
    ]


def object_text(tok: Token) -> str:
    """The object as the house style writes it: the listed items, or the measured noun."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "including":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return tok.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1].text
    if tok.lemma_.lower() in word_set("events/quantity_nouns.tsv"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return object_text(objs[0])
    toks = [tok] + [t for c in tok.lefts for t in c.subtree]
    toks += [
        t for c in tok.rights if c.dep_ in ("compound", "prep") and c.lower_ in ("of",) for t in c.subtree
    ]
    toks = sorted(t for t in toks if not (t.dep_ == "det" and t.lower_ in ("a", "an", "more", "some", "any")))
    toks = [t for t in toks if not t.is_punct]
    if not toks:
        return tok.text
    return tok.doc[toks[0].i : toks[-1].i + 1].text


def acting_subject(sent: Span, acts: Mapping[int, object]) -> bool:
    """Whether the subject of the sentence's main verb is a coded actor (the sentence reports an
    event by a party it names)."""
    root = sent.root
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and any(t.i in acts for t in c.subtree) for c in root.children
    )


def in_prep(t: Token, head: Token) -> bool:
    """Whether ``t`` lies in a prepositional phrase of ``head`` (below it, not ``head`` itself)."""
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.head.i == head.i:
            return True
        t = t.head
    return False


# ------------------------------------------------------------------ events named before
def refers_back(noun: Token) -> bool:
    """Whether an event noun can name an event told before: the subject of its clause (what the
    clause goes on to tell about), a bare plural ("attacks have continued") or with a definite or
    demonstrative determiner ("the strikes were", "these attacks"); not "an attack" or "any
    attack" (a new or a hypothetical one), nor a noun inside a phrase ("the participants of the
    meeting", "defend lives from attacks": a mention in passing or a generic one)."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    dets = [c.lower_ for c in noun.children if c.dep_ in ("det", "predet")]
    if not dets:
        return noun.tag_ in ("NNS", "NNPS")
    return all(d in word_set("events/anaphoric_determiners.tsv") for d in dets)


def earlier_mentions(noun: Token, sentences: int) -> list[Token]:
    """Earlier tokens of the same lemma (a noun or its verb: "attacked ... the attack"), nearest
    first, in ``noun``'s sentence and the ``sentences`` before it."""
    doc = noun.doc
    start = noun.sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    lem = noun.lemma_.lower()
    return [
        doc[j]
        for j in range(noun.i - 1, start - 1, -1)
        if doc[j].lemma_.lower() == lem and doc[j].pos_ in ("NOUN", "VERB")
    ]


def encounter_agent(verb: Token) -> list[Token]:
    """ "He was killed during a confrontation with police", "wounded in clashes with troops": the
    other side of the encounter a passive happens in (``encounter_nouns.tsv``) is its agent."""
    out: list[Token] = []
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in ("in", "during", "amid", "amidst"):
            continue
        for noun in p.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in word_set("events/encounter_nouns.tsv"):
                continue
            for w in noun.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out.extend(g for g in w.children if g.dep_ == "pobj")
    return out
