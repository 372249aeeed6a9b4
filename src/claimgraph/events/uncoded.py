"""Claims whose event cannot be coded: which reported claims still become records (``"event":
null``, see "Uncoded claims" in the claim format) and which parts of their content each record holds.

A source's claim is kept uncoded when the source is political, the content states something (not a
noun phrase alone) and names an event the lexicon or the trained model knows. A content of several
sentences or clauses makes several claims ("Israel is not bound by this deal and will defend
itself" is two), so each part that names an event and holds no coded event is a record of its own.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from ..attribute import Attribution
from ..attribute.lexicon import default_lexicon
from ..attribute.sources import is_pronoun
from ..lexicons import read_pairs, word_set
from ..model import Source
from ..negation import is_negated, refusal
from ..nlp import doc_text
from .coder import EventMention, default_event_coder

_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis"})
# links from an event word up to the verbs that wrap it ("not willing [to communicate]")
_WRAPPER_LINKS = frozenset({"xcomp", "acomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def uncoded_claim(
    doc: Doc, i: int, atts: list[Attribution], merged_into: dict[int, int], src: Source
) -> bool:
    """Whether attribution ``i``, which yields no coded event, is still a claim worth a record.

    It must report content of its own: a proposition, not a noun phrase alone ("citing senior
    officials", "denied the allegations"), not a bare act ("The UK leveled accusations", whose act is
    the speech-act record), nor a content that only relays another attribution ("X said officials
    claim Z": the officials' claim is the record). And its source must be political.
    """
    a = atts[i]
    if a.rule.endswith("+speech-act-only") or not political_source(src) or not states_something(doc, a):
        return False
    return not any(
        j != i
        and j not in merged_into
        and b.content != a.content
        and a.content[0] <= doc[b.cue_tokens[0]].idx < a.content[1]
        and _relays(doc, a, b)
        for j, b in enumerate(atts)
    )


def _relays(doc: Doc, a: Attribution, b: Attribution) -> bool:
    """Whether the content of ``a`` is the attribution ``b`` itself ("X said officials claim Z"):
    ``b``'s cue heads a main clause of it. A cue inside a relative or adverbial clause only
    qualifies what ``a``'s source says ("a suspect was arrested who told police ...", "we will
    talk as soon as Russia says it is ready"): that claim is ``a``'s own."""
    span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
    if span is None or not len(span):
        return True
    root = span.root
    for k in b.cue_tokens:
        t = doc[k]
        # "said it was concerned that ...": an adjective cue hangs under its copula
        while t.i != root.i and t.dep_ in ("conj", "ccomp", "xcomp", "parataxis", "acomp") and t.head in span:
            t = t.head
        if t.i == root.i or t.dep_ == "ROOT":
            return True
    return False


def uncoded_parts(doc: Doc, a: Attribution, mentions: list[EventMention]) -> list[tuple[int, int]]:
    """The parts of a claim's content that are claims of their own with no coded event: the whole
    content when nothing in it was coded, else each of its sentences that holds no coded event (a
    quotation of several sentences makes several claims: "We will not leave the wounded. Every two
    days I get in touch ..."). Only parts that name an event count (``names_an_event``)."""
    lo, hi = a.content
    span = doc.char_span(lo, hi, alignment_mode="expand")
    sents = [t.sent for t in span if t.is_sent_start or t.i == span.start] if span is not None else []
    if not mentions and len(sents) < 2:
        return [(lo, hi)] if names_an_event(doc, lo, hi) else []
    out: list[tuple[int, int]] = []
    nested = _nested_contents(doc, a)
    for s, e in (c for sent in sents for c in clauses(sent)):
        s, e = max(lo, s), min(hi, e)
        if e <= s:
            continue
        if any(2 * (min(e, ne) - max(s, ns)) > e - s for ns, ne in nested):
            continue  # "As soon as Russia says [it is ready to talk]": Russia's claim, its own record
        if len(doc_text(doc)[s:e].split()) < 3:
            continue
        if any(m.start < e and s < m.end for m in mentions):
            continue
        if _reporting_frame(doc, s, e):
            continue
        if names_an_event(doc, s, e):
            out.append(_trimmed(doc, s, e))
    return out


def _nested_contents(doc: Doc, a: Attribution) -> list[tuple[int, int]]:
    """The contents of the attributions whose cue is inside ``a``'s content: claims of their own
    sources, which the event coder leaves out of ``a``'s too."""
    lo, hi = a.content
    return [
        b.content
        for b in doc._.attributions or ()
        if b is not a
        and b.content != a.content
        and b.refers_to is None
        and b.rule != "according-to"
        and lo <= doc[b.cue_tokens[0]].idx < hi
    ]


def _reporting_frame(doc: Doc, s: int, e: int) -> bool:
    """Whether a clause only frames another one as said ("Iran has always emphasized | that all
    members must respect the Charter"): its verb is a cue of the attribution lexicon, and what was
    said is the next clause, a part of its own."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span) or span.root.lemma_.lower() not in default_lexicon().cues:
        return False
    return any(c.dep_ == "ccomp" and not s <= c.idx < e for c in span.root.children)


def _trimmed(doc: Doc, s: int, e: int) -> tuple[int, int]:
    text = doc_text(doc)
    while e > s and text[e - 1] in " \n\"'”’.,;:":
        e -= 1
    while s < e and text[s] in " \n\"'“‘":
        s += 1
    return s, e


def names_an_event(doc: Doc, lo: int, hi: int) -> bool:
    """Whether a span holds a word that may report an event: one the trained model reads as
    an event, or one the rule lexicon knows. An opinion ("we take security seriously", "it was a
    mistake") is a claim about no event, and the format records none."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return False
    proposals = doc._.get("event_proposals") or {}
    coder = default_event_coder()
    return (
        any((t.i in proposals or coder.knows(t)) and not _pleasantry(t) for t in span)
        or any(_intent(t) for t in span)
        or acting_clause(doc, span)
    )


def _intent(tok: Token) -> bool:
    """ "ready for any format", "not willing to communicate with us", "their readiness to promote
    peace": readiness with what it is for states an intent to act (CAMEO 03x), an event though the
    act itself may have no code."""
    words = word_set("events/intent_adjectives.tsv") | word_set("attribution/intent_nouns.tsv")
    if tok.lemma_.lower() not in words and tok.lower_ not in words:
        return False
    return any(
        (c.dep_ in ("xcomp", "acl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        or (c.dep_ == "prep" and c.lower_ == "for")
        for c in tok.children
    )


def _pleasantry(tok: Token) -> bool:
    """ "Mr President, welcome", "I want to welcome you": good manners to the one addressed, no
    event (attribution/pleasantries.tsv); an object other than "you" makes it one ("welcomed the
    decision")."""
    if tok.lemma_.lower() not in word_set("attribution/pleasantries.tsv"):
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    return all(c.lower_ == "you" for c in objs)


def acting_clause(doc: Doc, span: Span) -> bool:
    """Whether the span holds a clause in which a named political actor does or undergoes
    something: a verb that is no state, opinion or feeling (``attribution/state_verbs.tsv``) with
    an actor the actor tables know as its subject or object ("the United States will pursue
    peaceful avenues", "the negotiating team has resigned", "these people are being taken by the
    Russian side"). The event lexicon and the model miss many such verbs; the claim is still one
    about an event. "Finland is our partner", "Israel is far safer", "the UN was shocked" are not."""
    acts = _actor_tokens(doc)
    states = word_set("attribution/state_verbs.tsv")
    cues = {i for a in doc._.attributions or () for i in a.cue_tokens}
    for t in span:
        # a cue reports a claim, it is none ("as soon as Russia says publicly ...")
        if t.pos_ != "VERB" or t.lemma_.lower() in states or t.i in cues:
            continue
        for c in t.children:
            if c.dep_ in _ACTING_DEPS and _names_actor(c, acts):
                return True
            if c.dep_ == "agent" and any(g.dep_ == "pobj" and _names_actor(g, acts) for g in c.children):
                return True
    return False


def _names_actor(tok: Token, acts: frozenset[int]) -> bool:
    """Whether a noun phrase names an actor: its head, or a word before it ("the Russian side")."""
    return tok.i in acts or any(
        c.i in acts for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
    )


_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_last_actors: tuple[Doc, frozenset[int]] | None = None


def _actor_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens that head a coded actor mention (not a place) in the document."""
    global _last_actors
    if _last_actors is not None and _last_actors[0] is doc:
        return _last_actors[1]
    heads: set[int] = set()
    for m in default_event_coder().actor_coder.find(doc_text(doc)):
        if not m.code or m.kind in ("place", "capital"):  # "Kyiv is reviving" is the city
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    _last_actors = (doc, frozenset(heads))
    return _last_actors[1]


def states_something(doc: Doc, a: Attribution) -> bool:
    """Whether the content is more than one noun phrase (a clause, a quotation, "X a liar")."""
    span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    if a.cue.type == "accuse" and "+of" in a.rule:
        # the reason of a praise or a reproach says what its target did ("thanked Jordan for its
        # contributions to the campaign to defeat ISIS", "accused Iran of supplying drones")
        return True
    root = span.root
    words = [t for t in span if not t.is_punct]
    one_phrase = root.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and all(
        root.left_edge.i <= t.i <= root.right_edge.i for t in words
    )
    # a noun with a clause of its own states one: "the resolve to continue coordinating efforts",
    # "their readiness to promote peace", "hope that the talks would be constructive", also as a
    # prepositional object ("spoke about Russia's measures to ensure the ceasefire"); not a person
    # with a saying of their own ("referred to the President, who said ...": that is his claim)
    cues = default_lexicon().cues
    clause = any(
        c.dep_ in ("acl", "relcl", "ccomp")
        and c.pos_ in ("VERB", "AUX")
        and not (c.dep_ == "relcl" and c.lemma_.lower() in cues)
        for c in root.children
    )
    if _asks_or_binds(span, a):
        return False
    return not one_phrase or clause or _acting_noun(root)


_WH_WORDS = frozenset({"how", "why", "whether", "if", "what", "when", "where", "who", "which"})


def _asks_or_binds(span: Span, a: Attribution) -> bool:
    """Whether the content is what the source asks about, asks for or refuses, not what it states
    (``attribution/asking_cues.tsv``): an indirect question ("asked officials how the documents
    wound up on the street") or a bare infinitive ("refused to give any more details", "urged the
    EU to make a contribution"). Neither is true or false; the asking or refusing itself is the
    author-voice speech-act record. A quotation is said, whatever its first word."""
    kinds = _asking_cues().get(a.cue.cue, frozenset())
    words = [t for t in span if not t.is_punct]
    if not kinds or not words or span[0].is_quote:
        return False
    first = words[0]
    if "question" in kinds and (first.tag_ in ("WRB", "WP", "WDT") or first.lower_ in ("whether", "if")):
        t = first
        # "Where Russian troops can enter, they have entered": a clause qualifying the statement
        while t.head.i != t.i and t.head in span and t.dep_ not in ("advcl", "relcl", "acl"):
            t = t.head
        if t.dep_ not in ("advcl", "relcl", "acl"):
            return True
    if "act" not in kinds:
        return False
    tops = [t for t in words if t.head.i == t.i or t.head not in span]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    # "to give details", "the EU to make a contribution": an infinitive with no subject of its own
    return bool(verbs) and all(
        any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        and not any(c.dep_ in _SUBJECTS for c in v.children)
        for v in verbs
    )


@cache
def _asking_cues() -> dict[str, frozenset[str]]:
    """The cues of ``attribution/asking_cues.tsv`` with the kinds of content that are no claim."""
    out: dict[str, set[str]] = {}
    for cue, kind in read_pairs("attribution/asking_cues.tsv", ("question", "act"), "content kind"):
        out.setdefault(cue, set()).add(kind)
    return {k: frozenset(v) for k, v in out.items()}


def _acting_noun(root: Token) -> bool:
    """An event noun with a named actor in its phrase: "the upcoming delivery of Russian aid to
    Kabul", "Houthi attacks against merchant vessels" state that something happens or happened."""
    if root.pos_ != "NOUN" or not default_event_coder().knows(root):
        return False
    acts = _actor_tokens(root.doc)
    return any(t.i in acts for t in root.subtree)


def political_source(src: Source) -> bool:
    """A source whose claims are kept even uncoded: one that speaks for a political actor or in a
    public role. That is one with an actor code (a state, a government, an international body, a
    sector such as the military or the media), a role ("spokesman", "the foreign minister"), an
    outlet, or an anonymous official source ("senior officials"). Not the author (the reporter's
    own statements are records only as coded events), and not a bare pronoun the resolver could
    not link ("he said", "they said"), nor a named private person or an uncoded organisation,
    whose statements are not political claims by themselves.
    """
    if src.kind == "author" or not src.name or is_pronoun(src.name):
        return False
    if src.kind == "organization" and not src.role and len(src.actor or "") <= 3 and src.name.islower():
        # "the notes underscore ...", "most polls show ...": a common noun the resolver could only
        # place in the story's country is a document or a survey, not a political speaker
        return False
    if src.kind == "person" and not src.role and len(src.actor or "") <= 3 and not _described(src):
        # "said Jamila Wafula", "Stanley added": a named person with no title and no sector
        # (government, military, party, ...) is a passer-by the resolver could only place in a
        # country; their opinion is no political claim
        return False
    return bool(src.actor or src.role) or src.kind in ("outlet", "anonymous")


def _described(src: Source) -> bool:
    """Whether the source's mention says more of the person than the name ("Bard College Professor
    Walter Mead", "Ali Abtahi, former vice president"): a title or apposition the role finder could
    not read still marks someone speaking in a public role."""
    if not src.text or is_pronoun(src.text):
        return False
    names = {w.lower() for w in (src.name or "").replace(".", " ").split()}
    return any(w.isalpha() and w.lower() not in names for w in src.text.replace(".", " ").split())


def clauses(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the sentence's clauses with a subject (or, conjoined, an auxiliary) of
    their own ("Israel is not bound by this deal | and Israel will defend itself"); the whole
    sentence when it has one. A token belongs to the nearest clause head above it."""
    heads = {
        t.i
        for t in sent
        if t.pos_ in ("VERB", "AUX")
        and t.dep_ in _CLAUSE_DEPS
        and any(
            c.dep_ in _SUBJECTS or (t.dep_ == "conj" and c.dep_ in ("aux", "auxpass")) for c in t.children
        )
    }
    if len(heads) < 2:
        return [(sent.start_char, sent.end_char)]
    spans: dict[int, list[Token]] = {}
    for t in sent:
        if t.is_punct or t.dep_ == "cc":
            continue
        h = t
        while h.i not in heads and h.head.i != h.i:
            h = h.head
        if h.i in heads:
            spans.setdefault(h.i, []).append(t)
    return sorted((min(t.idx for t in toks), max(t.idx + len(t) for t in toks)) for toks in spans.values())


def uncoded_stance(doc: Doc, a: Attribution, part: tuple[int, int]) -> str:
    """The stance of one part of a claim: the cue's, turned to a denial where the part's event word
    is negated through its own links ("no suspects were arrested", "they are not willing to
    communicate", "saw no need for proceedings"), not through a phrase it sits in ("is not bound by
    this agreement", "does not lead to a meeting" state something else of the agreement and the
    meeting). A negation in another part of the content does not count."""
    if a.cue_stance != "asserts":
        return a.cue_stance
    span = doc.char_span(part[0], part[1], alignment_mode="expand")
    if span is None or not len(span):
        return a.cue_stance
    proposals = doc._.get("event_proposals") or {}
    coder = default_event_coder()
    words = [t for t in span if t.i in proposals or coder.knows(t)]
    words.sort(key=lambda t: t.pos_ not in ("VERB", "AUX"))  # verbs first
    if not words:
        return a.cue_stance
    chain = [words[0]]
    while chain[-1].dep_ in _WRAPPER_LINKS and chain[-1].head.i != chain[-1].i and chain[-1].head in span:
        chain.append(chain[-1].head)
    # "won't release his tax returns": a refusal (CAMEO 12x) is asserted, as the coder reads it
    return "denies" if is_negated(chain) and not refusal(chain) else a.cue_stance
