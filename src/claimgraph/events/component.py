"""The event stage as a spaCy component: ``claimgraph_events`` fills ``doc._.events``.

It codes the events inside each attribution's content (``doc._.attributions``, from the
attribution stage) and, outside them, the author's own statements. Registered in spaCy's factory
registry when this module is imported, so a trained event component can be named beside it in a
pipeline's configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import default_coder
from ..attribute import Attribution, default_lexicon
from ..attribute.quotes import doc_quotes
from ..attribute.sources import SourceResolver
from ..lexicons import word_set
from ..model import Actor
from ..nlp import doc_text
from .coder import EventCoder, EventMention, default_event_coder
from .implicit import author_span
from .nominal import code_span, possessive_resolver

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@dataclass(slots=True)
class DocEvents:
    """The event coder's output for one document, aligned with ``doc._.attributions``."""

    per_attribution: list[list[EventMention]] = field(default_factory=list)
    author: list[EventMention] = field(default_factory=list)


@Language.factory(
    "claimgraph_events",
    default_config={"author": True, "lexicon_dirs": []},
    requires=["doc._.attributions", "token.dep", "doc.ents"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str, author: bool, lexicon_dirs: list[str]) -> Callable[[Doc], Doc]:
    """``author``: also code the sentences the author states as fact (off: reported claims only).
    ``lexicon_dirs``: directories of predicate lexicons read after the built-in one and
    ``$CLAIMGRAPH_LEXICONS`` (see ``claimgraph.lexicons``)."""
    coder = EventCoder(extra_dirs=lexicon_dirs) if lexicon_dirs else default_event_coder()

    def events(doc: Doc) -> Doc:
        doc._.events = code_doc_events(doc, coder, author=author)
        return doc

    return events


def code_doc_events(doc: Doc, coder: EventCoder | None = None, *, author: bool = True) -> DocEvents:
    """Code the events inside each attribution's content, and the author's own statements."""
    coder = coder or default_event_coder()
    atts: list[Attribution] = doc._.attributions or []
    out = DocEvents()
    resolver = SourceResolver(doc, default_coder(), default_lexicon(), doc.user_data.get("outlet"))
    resolve = possessive_resolver(resolver.resolve_token, coder, doc)
    speakers = _speakers(atts, resolver)
    for n, a in enumerate(atts):
        # a nested attribution's content is its own source's claim, not this one's ("X said the
        # officials claim Z": Z is the officials'); coding it once also keeps a sentence of many
        # nested cues linear, not quadratic
        inner = [
            b.content
            for b in atts
            if b is not a
            and b.rule != "according-to"  # "..., according to a report" becomes a via, not a source
            and b.refers_to is None
            and a.content[0] <= doc[b.cue_tokens[0]].idx < a.content[1]
            and b.content != a.content
        ]
        mentions: list[EventMention] = []
        for lo, hi in _gaps(a.content[0], a.content[1], inner) if inner else [a.content]:
            mentions.extend(code_span(coder, doc, lo, hi, resolve, speakers.get(n)))
        if author and a.rule.endswith("+speech-act-only"):
            # "Boric expressed appreciation for [Bolivian condolences]": the act's content is the
            # act itself; a noun event in it that names its own parties is a second fact reported
            own = [
                m for m in mentions if m.nominal and m.pred not in a.cue_tokens and _names_its_actor(doc, m)
            ]
            out.author.extend(own)
            mentions = [m for m in mentions if m not in own]
        out.per_attribution.append(mentions)
    if not author:
        return out
    covered = [a.content for a in atts] + [_cue_clause(doc, a) for a in atts]
    quoted = _quoted_clauses(doc)
    by_sent: dict[int, list[int]] = {}  # sentence start -> the attributions whose cue opens in it
    for n, a in enumerate(atts):
        by_sent.setdefault(doc[a.cue_tokens[0]].sent.start, []).append(n)
    for sent in doc.sents:
        if any(s <= sent.start_char and sent.end_char <= e for s, e in quoted):
            # a quotation is someone's speech, never the author's voice, even where the finder
            # found no cue for it ("... change this regime," he added, in a later paragraph)
            continue
        if not any(t.pos_ in ("VERB", "NOUN") for t in sent):
            continue
        if not any(s < sent.end_char and sent.start_char < e for s, e in covered):
            out.author.extend(author_span(coder, doc, sent.start_char, sent.end_char, resolve))
            continue
        # outside the reported contents the saying can itself be an event the author reports
        # ("Hungary agreed to ...", "the minister promised ..."); left out: plain statements (01),
        # the speech acts this sentence's cues record already ("Biden thanked Jordan"; those of
        # other sentences do not hide "expressed support"), and a distancing verb introducing a
        # clause ("The CIA director alleged that ..."): the reporter's framing, not an accusation
        here = [atts[n] for n in by_sent.get(sent.start, ())]
        # (by the cue's own words: "thanked Jordan ... and honored the memory of X" is a second act)
        acts = {(a.cue.speech_act, i) for a in here if a.cue.speech_act for i in a.cue_tokens}
        sayings = {
            i for a in here if a.cue.type == "say" and a.cue.framing == "distancing" for i in a.cue_tokens
        }
        cue_of = {i: n for n in by_sent.get(sent.start, ()) for i in atts[n].cue_tokens}
        for lo, hi in _gaps(sent.start_char, sent.end_char, [c for c in (a.content for a in atts)]):
            for m in author_span(coder, doc, lo, hi, resolve):
                code = m.event.action.cameo if m.event.action else ""
                # nominal predicates here describe the reported context, not an act of the speaker,
                # unless the noun names who acted ("thanked Iraq for *Iraqi condolences*") or a
                # light verb makes it the clause's act ("gave an assessment of the negotiations")
                if (
                    (m.nominal and not (_names_its_actor(doc, m) or _light_verb_act(doc, m)))
                    or _plain_statement(code)
                    or (code, m.pred) in acts
                    or m.pred in sayings
                ):
                    continue
                # "the President expressed [his support for Jordan]": the act's evidence runs over
                # what the cue introduces, not only the words before it; where that holds an event
                # of its own ("noted the importance of [Marin's visit]"), the visit is that record's
                k = cue_of.get(m.pred)
                if k is not None and not out.per_attribution[k] and atts[k].content[0] >= m.end - 1:
                    m = replace(m, end=max(m.end, atts[k].content[1]))
                out.author.append(m)
    return out


_THIRD_PERSON = ("their", "its", "his", "her")


def _names_its_actor(doc: Doc, m: EventMention) -> bool:
    """Whether a nominal event's phrase names its actor1 ("Iraqi condolences", "support from
    Canada", "their agreement"), rather than the actor being taken from the clause around it, and
    it has a target."""
    a1 = m.event.actor1
    if m.pred < 0 or a1 is None or a1.start is None or a1.end is None or m.event.actor2 is None:
        return False  # one party ("condemned Houthi attacks"): what the speech act is about
    noun = doc[m.pred]
    if any(c.dep_ == "poss" and c.lower_ in _THIRD_PERSON for c in noun.children):
        return True  # "their bilateral agreement": the owners, named before ("our": a speaker's)
    lo, hi = doc[noun.left_edge.i].idx, doc[noun.right_edge.i].idx + len(doc[noun.right_edge.i])
    return lo <= a1.start and a1.end <= hi


def _light_verb_act(doc: Doc, m: EventMention) -> bool:
    """Whether a nominal event with a target is the act of a light verb's subject, as its object
    or the "of" phrase on it ("Putin held a round of talks with Kiev", "gave an assessment of the
    negotiations with Kiev"): the clause reports the act, whose actor1 is that subject."""
    a1 = m.event.actor1
    if m.pred < 0 or a1 is None or a1.start is None or m.event.actor2 is None:
        return False
    noun = doc[m.pred]
    obj = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    verb = obj.head
    light = verb.lemma_.lower() in word_set("events/light_verbs.tsv")
    if obj.dep_ != "dobj" or verb.pos_ != "VERB" or not light:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.left_edge.idx <= a1.start < subj.idx + len(subj)


def _quoted_clauses(doc: Doc) -> list[tuple[int, int]]:
    """Quotations that hold a clause (four words or more); a short scare-quoted phrase
    ("so-called 'exchange fund'") is the author's wording."""
    text = doc_text(doc)
    return [(s, e) for s, e in doc_quotes(doc) if len(text[s:e].split()) >= 4]


def _plain_statement(code: str) -> bool:
    """CAMEO 010 and 012-014 (make a statement, a pessimistic or optimistic comment, consider a
    policy) are the saying itself, not an event of its own; 011 (declining comment: "refused to give
    any details") and 015-019 (claim or deny responsibility, a symbolic act, condolences, accord)
    are acts the author reports."""
    return code[:2] == "01" and code[2:3] in ("", "0", "2", "3", "4")


def _speakers(atts: list[Attribution], resolver: SourceResolver) -> dict[int, Actor]:
    """Each attribution's source as an actor, where it has a code: "we" in a claim and the target
    of a reported attack are the speaker's side. Resolved in reading order, as the records' sources
    are, so a pronoun source finds its antecedent."""
    order = sorted(range(len(atts)), key=lambda i: (atts[i].source_span or (atts[i].cue_tokens[0],))[0])
    out: dict[int, Actor] = {}
    for i in order:
        span = atts[i].source_span
        if span is None:
            continue
        src = resolver.resolve(*span)
        if src.actor:
            out[i] = Actor(text=src.text, code=src.actor, start=src.start, end=src.end)
    return out


def _gaps(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no span covers."""
    out: list[tuple[int, int]] = []
    cur = start
    for s, e in sorted(spans):
        if e <= cur or s >= end:
            continue
        if s > cur:
            out.append((cur, s))
        cur = max(cur, e)
    if cur < end:
        out.append((cur, end))
    return out


def _cue_clause(doc: Doc, a: Attribution) -> tuple[int, int]:
    toks = [doc[i] for i in a.cue_tokens]
    return (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))
