"""Finding attributions in a parsed document: cue → source, content, stance, hedging, framing.

Rules work over spaCy's dependency parse (ClearNLP labels) and the lexicons in
``data/attribution``. Each rule names itself in ``Attribution.rule`` so a record can explain why it
exists. Cues inside a quotation belong to the quoted speaker and are not re-attributed: PolNeAR
and our house style annotate the outermost attribution only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors import default_coder
from ..hedging import hedged_by_cue, is_hedged
from ..lexicons import word_set
from ..nlp import doc_text
from .appeals import mark_appeals
from .backref import back_references
from .complements import embedded_report, misparsed_objects, opens_sentence, split_complement_end
from .dashes import signed_quotes
from .headlines import headline_colons
from .lexicon import AttributionLexicon, CueEntry, default_lexicon
from .nominal import possessive_claims
from .quotes import QuoteIndex
from .records import governing_clause, in_a_record
from .sources import not_a_source
from .spans import SUBJ as _SUBJ
from .spans import (
    _adjacent_quote,
    _aux_neg,
    _bare_infinitive,
    _clausal_child,
    _clause_chars,
    _np_span,
    _object_tail,
    _own_clause_chars,
    _parenthetical_content,
    _reported_clause_chars,
    _subject_span,
    _trim_chars,
    colon_paragraph,
    contrast_end,
    party_span,
    reporting_speaker_verb,
)
from .stance import content_stance, cue_stance
from .turns import speaker_turns

# a cue heading a clause (not a participle modifying a noun) may take an adjacent quotation
_CLAUSE_LEVEL = {"ROOT", "conj", "advcl", "ccomp", "parataxis", "relcl"}


@dataclass(slots=True)
class Attribution:
    """One attribution found in the text, before source resolution and event coding."""

    cue_tokens: list[int]
    cue: CueEntry
    content: tuple[int, int]  # character span
    source_span: tuple[int, int] | None = None  # token span [start, end) of the source mention
    target_span: tuple[int, int] | None = None  # token span of the accused / criticised party
    via_spans: list[tuple[int, int]] = field(default_factory=list)  # token spans, nearest reader first
    stance: str = "asserts"  # of the attribution as a whole: a record with no coded event
    cue_stance: str = "asserts"  # the cue's alone: an event record combines it with the event's
    hedged: bool = False
    negated_cue: bool = False
    rule: str = ""
    refers_to: int | None = None  # index of the attribution whose content a nominal claim refers to
    continuation_of: int | None = None  # index of the attribution whose source this one keeps
    # a speech act's content as PolNeAR marks it ("criticized [Clinton for taking fees]"), where
    # ``content`` is the act's clause or reason, which event coding reads
    bare_content: tuple[int, int] | None = None

    @property
    def framing(self) -> str:
        return self.cue.framing


def find_attributions(doc: Doc, lexicon: AttributionLexicon | None = None) -> list[Attribution]:
    """All attributions in ``doc``, in text order."""
    lex = lexicon or default_lexicon()
    quotes = QuoteIndex(doc)
    found: list[Attribution] = []
    covered_quotes: set[tuple[int, int]] = set()
    for sent in doc.sents:
        for tok in sent:
            inside = quotes.inside(tok.idx)
            att = (
                _verb_cue(tok, lex, quotes)
                or _adjective_cue(tok, lex)
                or _according_to(tok, lex)
                or in_a_record(tok, lex)
            )
            if inside and att is not None and not _quoted_report(tok, att):
                att = None
            if att is None:
                continue
            if att.content[1] <= att.content[0]:
                continue
            q = quotes.containing(att.content[0], att.content[1])
            if q:
                covered_quotes.add(q)
            found.append(att)
    _nominal_claims(doc, lex, found)
    possessive_claims(doc, lex, found)
    _claim_objects(doc, lex, found)
    headline_colons(doc, lex, found)
    found.extend(speaker_turns(doc, lex, found))
    found.extend(back_references(doc, lex, found))
    signed_quotes(doc, lex, quotes, found)
    _interrupted_quotes(doc, quotes, found, covered_quotes)
    _continuations(doc, quotes, found, covered_quotes)
    _split_coordinated(doc, found)
    # sort into text order, keeping the links between attributions (list indices) right
    links = {
        id(a): (
            found[a.refers_to] if a.refers_to is not None else None,
            found[a.continuation_of] if a.continuation_of is not None else None,
        )
        for a in found
    }
    found.sort(key=lambda a: (a.content[0], a.cue_tokens[0]))
    pos = {id(a): k for k, a in enumerate(found)}
    for a in found:
        ref, cont = links[id(a)]
        a.refers_to = pos[id(ref)] if ref is not None else None
        a.continuation_of = pos[id(cont)] if cont is not None else None
    # non-sources first: "X said that, according to one scenario, Y" keeps X's claim, which the
    # according-to phrase, nearer the content, would otherwise win and then lose as a non-source
    _drop_non_sources(doc, found, lex)
    _dedupe(doc, found)
    mark_appeals(doc, found, quotes)
    for a in found:
        _stance_and_hedge(doc, a, lex)
    return found


# --- cue rules ------------------------------------------------------------------------------------


def _cue_entry(tok: Token, lex: AttributionLexicon) -> tuple[CueEntry, list[int]] | None:
    """The cue a verb token heads, trying multiword cues ("express concern", "point out") first."""
    if tok.dep_ in ("amod", "aux", "auxpass"):
        return None
    # "plans to discuss", "is expected to back": an intention, not yet a saying; "was proud to
    # announce" says it (saying_adjectives.tsv)
    if (
        tok.dep_ == "xcomp"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and tok.head.lemma_.lower() not in word_set("attribution/saying_adjectives.tsv")
    ):
        return None
    # a relative clause's verb is sometimes tagged NOUN ("a claim Iran rejects")
    if tok.pos_ not in ("VERB", "AUX") and not (tok.dep_ == "relcl" and tok.pos_ == "NOUN"):
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and lemma not in lex.cues and lemma.endswith("s"):
        lemma = lemma[:-1]  # "rejects" mis-tagged as a plural noun
    if (
        lemma not in lex.cues
        and f"{lemma}e" in lex.cues
        and (tok.lower_.startswith(f"{lemma}e") or tok.lower_.endswith("ing"))
    ):
        lemma = f"{lemma}e"  # "hoping", "hopes" lemmatised as "hop"
    for child in tok.children:
        if child.dep_ == "prt":
            e = lex.cues.get(f"{lemma} {child.lemma_.lower()}")
            if e:
                return e, [tok.i, child.i]
        if child.dep_ in ("dobj", "prep"):
            e = lex.cues.get(f"{lemma} {child.lemma_.lower()}")
            if e:
                return e, [tok.i, child.i]
    for obj in misparsed_objects(tok):
        e = lex.cues.get(f"{lemma} {obj.lemma_.lower()}")
        if e:
            return e, [tok.i, obj.i]
    e = lex.cues.get(lemma)
    if e is None:
        return None
    return e, [tok.i]


def _quoted_report(tok: Token, att: Attribution) -> bool:
    """Inside a quotation, a speaker reports another's claim only with a named actor saying a
    clause ("As soon as Russia says publicly that it is ready to talk ..."); "I said", "we
    believe" and the like are the quoted speaker's own words."""
    if att.cue.type not in ("say", "deny", "doubt") or att.source_span is None:
        return False
    if not att.rule.endswith("ccomp") or tok.dep_ == "relcl":
        # "these notes, which Hillary urged to make public, ...": a relative clause describes
        # what the quoted speaker talks about, in their words
        return False
    src = tok.doc[att.source_span[0] : att.source_span[1]]
    if any(t.tag_ in ("PRP", "PRP$") for t in src):
        return False
    return _actor_subject(tok)


def _own_complement(tok: Token) -> bool:
    """Whether a cue verb already says what about ("agree on the need for caution", "talked about
    trade"): a quotation next to it is then not what it reports."""
    return any(
        c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children) for c in tok.children
    )


def _actor_subject(tok: Token) -> bool:
    """Whether the verb's subject names an actor (a country, person or organisation)."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    span = tok.doc[subj.left_edge.i : subj.i + 1]
    return any(t.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") for t in span) or bool(
        default_coder().find(span.text)
    )


def _record_subject(tok: Token) -> bool:
    """Whether the verb's subject is a record ("a Bloomberg poll shows"), whoever owns it."""
    return any(
        c.dep_ == "nsubj" and c.lemma_.lower() in word_set("attribution/record_nouns.tsv")
        for c in tok.children
    )


def _verb_cue(tok: Token, lex: AttributionLexicon, quotes: QuoteIndex) -> Attribution | None:
    hit = _cue_entry(tok, lex)
    if hit is None:
        return None
    entry, cue_toks = hit
    if entry.type == "deny" and any(c.dep_ == "dative" for c in tok.children):
        return None  # "deny ISIL a safe haven", "denied him entry": a withholding, an act, no claim denied
    if (
        entry.cue in word_set("attribution/record_cues.tsv")
        and _actor_subject(tok)
        and not _record_subject(tok)
    ):
        return None  # "the Russian side does not show willingness": conduct, not a report
    doc = tok.doc
    content: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    rule = f"cue:{entry.cue}"
    if entry.type in ("say", "object"):
        # "X said:" closing a paragraph: the next paragraph, whatever the parse hangs on the cue
        content = colon_paragraph(tok)
        rule += "+colon-paragraph" if content else ""
    if entry.type == "quote":
        # "“...,” he continued": a cue only next to a quotation ("prices continued to rise" is none)
        q = _adjacent_quote(tok, quotes) if tok.dep_ in _CLAUSE_LEVEL else None
        if q is None or not any(c.dep_ in _SUBJ for c in tok.children):
            return None
        content = q
        rule += "+quote"
    if entry.type == "accuse":
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i not in cue_toks), None)
        if obj is not None:
            target = _np_span(obj, keep_conj=True)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                comp = next((g for g in c.children if g.dep_ in ("pcomp", "pobj")), None)
                if comp is not None:
                    content = _clause_chars(comp)
                    rule += "+of"
        if target is None and len(cue_toks) > 1:
            # "leveled accusations against Iran": the target is the "against" object ("expressed
            # support for Jordan", "condolences to the families", "solidarity with Ukraine")
            noun = doc[cue_toks[1]]
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ in ("against", "of", "for", "to", "with"):
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None and target is None:
                        narrow = c.lower_ in ("for", "to", "with")
                        target = party_span(pobj) if narrow else _np_span(pobj, keep_conj=True)
        if content is None and len(cue_toks) > 1:
            content = _trim_chars(doc, tok.sent.start, tok.sent.end)
            rule += "+speech-act-only"
    if content is None and entry.type == "object":
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i not in cue_toks), None)
        if obj is not None:
            # "called Trump a liar": the object and its predicate complement
            last = max([obj.right_edge.i] + [c.right_edge.i for c in tok.children if _object_tail(c, obj)])
            content = _trim_chars(doc, obj.left_edge.i, last + 1)
            target = _np_span(obj, keep_conj=True)
            rule += "+object"
    if content is None:
        comp = _clausal_child(tok)
        if comp is not None and entry.type == "belief" and _bare_infinitive(comp):
            return None  # "has not seen the Russians withdraw": a perception, not a belief stated
        if comp is not None:
            content = _reported_clause_chars(comp)
            contrast = contrast_end(tok, comp, lex.cues)
            if contrast is not None and contrast > content[1]:
                content = (content[0], contrast)
            rest = split_complement_end(tok, comp, lex.cues)
            if rest is not None and rest > content[1]:
                content = (content[0], rest)
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < comp.left_edge.i), None)
            if comp.dep_ == "xcomp" and obj is not None and obj.i not in cue_toks:
                # "urged voters to stay home": who is urged is part of what is asked
                content = (_clause_chars(obj)[0], content[1])
            rule += "+ccomp"
    if content is None and len(cue_toks) > 1 and doc[cue_toks[1]].dep_ == "prep":
        # "called for new talks", "called on Iran to stop", "pointed to the report"
        prep = doc[cue_toks[1]]
        pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        xc = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        if xc is not None:
            content = _clause_chars(xc)
            target = _np_span(pobj, keep_conj=True) if pobj is not None else None
            rule += "+prep-xcomp"
        elif pobj is not None:
            content = _clause_chars(pobj)
            rule += "+prep"
    if content is None and len(cue_toks) > 1:
        # "expressed concern about X": the noun's about-phrase (or that-clause) is the content
        noun = doc[cue_toks[1]]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "at"):
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content = _clause_chars(pobj)
                    rule += "+about"
            elif c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in c.children):
                content = _clause_chars(c)
                rule += "+that"
    if content is None and entry.type in ("deny", "doubt", "say"):
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        negated = any(c.dep_ == "neg" for c in tok.children)
        short = {"yes", "no", "so", "same"}  # "said yes", "said so", "said the same of Sanders"
        if obj is None and entry.type == "say":
            obj = next((c for c in tok.children if c.dep_ in ("advmod", "intj") and c.lower_ in short), None)
        if obj is not None and (entry.type != "say" or negated or obj.lower_ in short):
            content = _clause_chars(obj)
            rule += "+dobj"
    if content is None and entry.type == "accuse" and target is not None:
        # "Amnesty condemned the government": the act itself, with no content of its own (nor the
        # next verb's: "condemned the government and said ..." is a second attribution)
        content = _own_clause_chars(tok)
        rule += "+speech-act-only"
    if content is None and entry.type in ("say", "belief", "object"):
        content = _parenthetical_content(tok) or embedded_report(tok)
        if content is not None:
            rule += "+parenthetical"
    if content is None and tok.dep_ in _CLAUSE_LEVEL and not (tok.dep_ == "ccomp" and _own_complement(tok)):
        q = _adjacent_quote(tok, quotes)
        if q is not None:
            content = q
            rule += "+quote"
    if content is None:
        return None
    # a clausal content entirely inside a quotation is the quotation, marks included
    q = quotes.containing(content[0], content[1])
    if q and (content[0] - q[0] <= 2 or q[1] - content[1] <= 3):
        content = q
    outer = reporting_speaker_verb(tok, lex.cues)
    source = _subject_span(outer or tok)
    bare: tuple[int, int] | None = None
    if entry.type == "accuse":
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i not in cue_toks), None)
        if obj is not None:
            tail = [c.right_edge.i for c in tok.children if _object_tail(c, obj) or c.lower_ == "of"]
            bare = _trim_chars(doc, obj.left_edge.i, max([obj.right_edge.i, *tail]) + 1)
    att = Attribution(
        cue_tokens=sorted(cue_toks + _aux_neg(tok)),
        cue=entry,
        content=content,
        source_span=source,
        target_span=target,
        negated_cue=any(c.dep_ == "neg" for c in tok.children),
        rule=rule,
        bare_content=bare,
    )
    _citing(tok, att)
    return att


def _adjective_cue(tok: Token, lex: AttributionLexicon) -> Attribution | None:
    """ "We are concerned that ...": a predicate adjective with a clausal complement; the tagger
    often reads it as a passive participle ("associations are concerned the law will change")."""
    passive = tok.tag_ == "VBN" and (tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children))
    if (tok.pos_ != "ADJ" and not passive) or tok.dep_ not in ("acomp", "ROOT", "ccomp"):
        return None
    entry = lex.adjective_cues.get(tok.lemma_.lower())
    if entry is None and passive:
        entry = lex.adjective_cues.get(tok.lower_)
    if entry is None:
        return None
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "that"):
                comp = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    if comp is None:
        return None
    head = tok.head if tok.dep_ == "acomp" else tok
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None) if passive else None
    return Attribution(
        cue_tokens=[tok.i],
        cue=entry,
        content=_clause_chars(comp),
        source_span=_np_span(subj) if subj is not None else _subject_span(head),
        rule=f"adjective:{entry.cue}",
        # "cannot be sure that ...", "is not convinced that ...": the "not" is on the copula
        negated_cue=any(c.dep_ == "neg" for c in (*tok.children, *head.children)),
    )


def _according_to(tok: Token, lex: AttributionLexicon) -> Attribution | None:
    """ "..., according to X": X is the source and the governing clause is the content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    content = governing_clause(tok, pobj)
    if content is None:
        return None
    entry = lex.cues.get("according to") or CueEntry("according to", "say", "neutral", None)
    return Attribution(
        cue_tokens=[tok.i, to.i],
        cue=entry,
        content=content,
        source_span=_np_span(pobj),
        rule="according-to",
    )


def _citing(tok: Token, att: Attribution) -> None:
    """ "NBC News, citing senior officials, alleged ...": the cited become the source, the subject a via."""
    for c in tok.children:
        if c.dep_ in ("advcl", "prep") and c.lemma_.lower() in ("cite", "quote"):
            obj = next((g for g in c.children if g.dep_ in ("dobj", "pobj")), None)
            if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
                continue
            if obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or obj.lemma_.lower() in word_set(
                "attribution/citable.tsv"
            ):
                if att.source_span is not None:
                    att.via_spans.insert(0, att.source_span)
                att.source_span = _np_span(obj)
                att.rule += "+citing"


# --- nominal claims and continuations --------------------------------------------------------------


def _nominal_claims(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> None:
    """ "a claim Iran roundly rejects": the relative clause's subject takes a stance on a prior claim."""
    for tok in doc:
        if tok.lemma_.lower() not in lex.nominal_cues or tok.pos_ != "NOUN":
            continue
        rel = next((c for c in tok.children if c.dep_ == "relcl"), None)
        if rel is None:
            continue
        hit = _cue_entry(rel, lex)
        if hit is None:
            continue
        entry, cue_toks = hit
        subj = next((c for c in rel.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        span = _trim_chars(doc, tok.left_edge.i, rel.right_edge.i + 1)
        # the claim referred to: the latest attribution earlier in the same sentence
        prior = [
            i
            for i, a in enumerate(found)
            if a.cue_tokens[0] < tok.i and a.content[0] < span[0] and a.content[0] >= tok.sent.start_char
        ]
        found.append(
            Attribution(
                cue_tokens=sorted(cue_toks + _aux_neg(rel)),
                cue=entry,
                content=span,
                source_span=_np_span(subj),
                rule=f"nominal:{tok.lemma_.lower()}+{entry.cue}",
                refers_to=prior[-1] if prior else None,
                negated_cue=any(c.dep_ == "neg" for c in rel.children),
            )
        )


def _claim_objects(doc: Doc, lex: AttributionLexicon, found: list[Attribution]) -> None:
    """ "X has not confirmed the allegations", "X denied the accusations": a stance on an earlier claim.

    When the content is a claim noun (allegation, accusation, report ...), the event is the one of
    the noun's own content ("denied Moscow's accusations that ..."), else of the latest earlier
    attribution, which the pipeline copies over.
    """
    for i, a in enumerate(found):
        # "has not confirmed the allegations", "confirmed the reports": a stance on them; "citing
        # assessments" only names its grounds
        confirms = a.rule.endswith("+object") and (a.negated_cue or a.cue.framing == "endorsing")
        if a.refers_to is not None or not (a.rule.endswith("+dobj") or confirms):
            continue
        span = doc.char_span(a.content[0], a.content[1], alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in lex.nominal_cues:
            continue
        # "denied Moscow's accusations that Turkey bought oil": the claim is the noun's own content
        inner = next((j for j, b in enumerate(found) if j != i and b.cue_tokens == [span.root.i]), None)
        if inner is None and a.cue.type in ("deny", "doubt"):
            own = _claim_noun(span.root, lex)
            if own is not None:
                found.append(own)
                inner = len(found) - 1
        if inner is not None:
            a.refers_to = inner
            continue
        own_earlier = _claimants_earlier_claim(doc, span.root, found, a.content[0])
        if own_earlier is not None:
            a.refers_to = own_earlier
            continue
        prior = [
            j for j, b in enumerate(found) if j != i and b.content[1] <= a.content[0] and b.refers_to is None
        ]
        if prior:
            a.refers_to = max(prior, key=lambda j: found[j].content[1])
            if found[a.refers_to].content[0] < doc[a.cue_tokens[0]].sent.start_char:
                # "... the report claimed. X rejected the allegations": which claims are meant is a
                # guess across sentences (claimgraph.contest does not count it as a contest)
                a.rule += "+earlier"


# who makes a claim a noun names: "Russian accusations", "opposition allegations" (a modifier
# naming a party), "a claim by Islamic State militants", "reports from Moscow"
_CLAIMANT_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def _claim_noun(noun: Token, lex: AttributionLexicon) -> Attribution | None:
    """ "denied Russian accusations that Turkey bought oil", "denied a claim by the militants that
    they shot it down": the claim noun a denial or doubt takes as its object, with a clause of its
    own, is the claimant's attribution; the denial's event is the one that clause reports.

    The claimant is the noun's possessor, a modifier naming a party, or its by/from-phrase. A noun
    with none ("reports that ...") is no attribution of its own: nobody would assert the claim, and
    the denial's content is coded as it stands."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > noun.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in _SUBJ for g in c.children)
            and not any(
                g.lower_ in ("which", "who") for g in c.children if g.dep_ in _SUBJ or g.dep_ == "dobj"
            )
        ),
        None,
    )
    source = _claimant(noun, before=clause.i) if clause is not None else None
    if clause is None or source is None:
        return None
    lemma = noun.lemma_.lower()
    return Attribution(
        cue_tokens=[noun.i],
        cue=lex.cues.get(lemma) or CueEntry(lemma, "say", "neutral", None),
        content=_clause_chars(clause),
        source_span=source,
        rule=f"claim-noun:{lemma}",
    )


def _claimant(noun: Token, before: int | None = None) -> tuple[int, int] | None:
    """The token span of who makes the claim a claim noun names: its possessor ("Moscow's"
    without the "'s"), a modifier naming a party ("Russian accusations"), or its by/from/of-phrase
    ("a claim by the militants", "the assessment of the Pakistani official") before ``before``."""
    doc = noun.doc
    source: tuple[int, int] | None = None
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in _CLAIMANT_ENTS):
            source = _np_span(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in _CLAIMANT_PREPS and (before is None or c.i < before):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and (c.lower_ != "of" or pobj.pos_ == "PROPN" or _is_party(pobj)):
                source = (pobj.left_edge.i, pobj.i + 1)
    if source is None:
        return None
    start, end = source
    while end - 1 > start and doc[end - 1].dep_ == "case":
        end -= 1  # "Moscow's" → "Moscow"
    return (start, end)


_CLAIMANT_PREPS = ("by", "from", "of")


def _is_party(tok: Token) -> bool:
    """A noun naming someone who can claim: a named party or a role ("the Pakistani official")."""
    return tok.ent_type_ in _CLAIMANT_ENTS or tok.lemma_.lower() in word_set("attribution/roles.tsv")


def _claimants_earlier_claim(doc: Doc, noun: Token, found: list[Attribution], before: int) -> int | None:
    """ "IS said it downed the plane. ... Sissi dismissed Islamic State's claim": a claim noun whose
    claimant is the source of an earlier attribution in the article refers to the latest such one,
    and is no guess (the claimant and the source name one party: the same actor code, or where
    either has none the same head word)."""
    span = _claimant(noun)
    if span is None:
        return None
    coder = default_coder()
    who = doc[span[0] : span[1]]
    codes = {m.code for m in coder.find(who.text) if m.code}
    best: int | None = None
    for j, b in enumerate(found):
        if b.source_span is None or b.content[1] > before or b.refers_to is not None:
            continue
        src = doc[b.source_span[0] : b.source_span[1]]
        theirs = {m.code for m in coder.find(src.text) if m.code}
        # coded parties must agree ("the Pakistani official" is no Afghan official); else the head word
        same = (
            bool(codes & theirs) if codes and theirs else src.root.lemma_.lower() == who.root.lemma_.lower()
        )
        if same and (best is None or b.content[1] > found[best].content[1]):
            best = j
    return best


def _interrupted_quotes(
    doc: Doc, quotes: QuoteIndex, found: list[Attribution], covered: set[tuple[int, int]]
) -> None:
    """ "'We won,' she said, 'and we will win again.'": a quotation the cue interrupts is one content.

    PolNeAR marks such a content as one discontinuous span, scored as its hull: the first part up
    to the end of the quotation that resumes right after the cue's clause (same paragraph).
    """
    text = doc_text(doc)
    starts = {a.content[0] for a in found}
    for a in found:
        if a.rule == "continuation" or a.content not in quotes.spans:
            continue
        cue_at = doc[a.cue_tokens[-1]].idx
        if cue_at < a.content[1]:
            continue
        nxt = next((q for q in quotes.spans if q[0] > cue_at), None)
        if nxt is None or nxt[0] in starts:
            continue
        gap = text[a.content[1] : nxt[0]]
        if "\n" in gap or len(gap) > 120 or not gap.rstrip().endswith((",", ".", ":")):
            continue
        if nxt[1] - a.content[0] > MAX_INTERRUPTED:
            continue
        a.content = (a.content[0], nxt[1])
        covered.add(nxt)
        a.rule += "+resumed"


MAX_INTERRUPTED = 1500  # characters of an interrupted quotation, both parts and the cue between


def _continuations(
    doc: Doc, quotes: QuoteIndex, found: list[Attribution], covered: set[tuple[int, int]]
) -> None:
    """A quotation with no cue of its own right after an attributed one keeps that attribution."""
    if not found:
        return
    ordered = sorted(range(len(found)), key=lambda i: found[i].content[0])
    for q in quotes.spans:
        if q in covered or q[1] - q[0] < 40:
            continue
        if any(a.content[0] <= q[0] < a.content[1] for a in found):
            continue
        if any(a.rule == "speaker-turn" and q[0] <= doc[a.cue_tokens[0]].idx < q[1] for a in found):
            continue  # a quoted transcript ('"WALLACE: ...'): its labels say who speaks, turn by turn
        prev = [i for i in ordered if found[i].content[1] <= q[0] and q[0] - found[i].content[1] < 400]
        if not prev:
            continue
        base = found[prev[-1]]
        # the quotation must open a sentence: a mid-sentence quote is a phrase, not a continuation
        if not opens_sentence(doc_text(doc), q[0]):
            continue
        found.append(
            Attribution(
                cue_tokens=list(base.cue_tokens),
                cue=base.cue,
                content=q,
                source_span=base.source_span,
                via_spans=list(base.via_spans),
                rule="continuation",
                continuation_of=prev[-1],
            )
        )


def _split_coordinated(doc: Doc, found: list[Attribution]) -> None:
    """ "He said A and said B": a content ends where a coordinated cue of its own begins.

    The parser often hangs the second "said" under the first one's clause, so the first content
    would swallow the second attribution (which is then dropped as nested).
    """
    for b in found:
        cue = doc[b.cue_tokens[0]]
        if cue.dep_ != "conj" or b.rule == "continuation":
            continue
        i = min(b.cue_tokens[0], cue.left_edge.i if cue.left_edge.i < cue.i else cue.i)
        while i > 0 and (doc[i - 1].dep_ == "cc" or doc[i - 1].is_punct):
            i -= 1
        if i == 0:
            continue
        cut = doc[i - 1].idx + len(doc[i - 1].text)
        for a in found:
            if a is not b and a.content[0] < cut < cue.idx < a.content[1]:
                head = doc.char_span(a.content[0], cut, alignment_mode="expand")
                if head is not None:
                    a.content = _trim_chars(doc, head.start, i)


def _dedupe(doc: Doc, found: list[Attribution]) -> None:
    """Two cues claiming the same content: keep the one whose cue is nearest the content."""
    seen: dict[tuple[int, int], int] = {}
    drop: set[int] = set()
    for i, a in enumerate(found):
        if a.content in seen and a.rule != "continuation":
            j = seen[a.content]
            if found[j].rule.startswith("nominal") or a.rule.startswith("nominal"):
                continue
            dist_i = _cue_distance(doc, a)
            dist_j = _cue_distance(doc, found[j])
            drop.add(i if dist_i >= dist_j else j)
        else:
            seen[a.content] = i
    _drop(found, drop)


def _drop_non_sources(doc: Doc, found: list[Attribution], lex: AttributionLexicon) -> None:
    """ "The measures aim to ...", "governments have warned": no one speaks through these nouns
    (not_sources.tsv), so the cue attributes nothing and the clause stays the author's."""
    coder = default_coder()
    spans = {i: a.source_span for i, a in enumerate(found) if a.source_span is not None}
    drop = {i for i, (s, e) in spans.items() if not_a_source(doc[s:e], lex, coder)}
    # "It was agreed to continue contacts", "there is no reason to talk about a withdrawal": a cue
    # with no one saying names no source
    drop |= {i for i, a in enumerate(found) if a.source_span is None}
    _drop(found, drop)


def _drop(found: list[Attribution], drop: set[int]) -> None:
    """Remove the attributions at ``drop``, keeping the links between the others right."""
    if not drop:
        return
    keep = [a for i, a in enumerate(found) if i not in drop]
    # indices in refers_to / continuation_of shift: remap
    remap = {old: new for new, old in enumerate(i for i in range(len(found)) if i not in drop)}
    for a in keep:
        a.refers_to = remap.get(a.refers_to) if a.refers_to is not None else None
        a.continuation_of = remap.get(a.continuation_of) if a.continuation_of is not None else None
    found[:] = keep


def _cue_distance(doc: Doc, a: Attribution) -> int:
    """Characters between the cue and the nearer edge of its content (0 when the cue is inside)."""
    c = doc[a.cue_tokens[0]].idx
    return max(0, a.content[0] - c, c - a.content[1])


# --- stance is attribute/stance.py; hedging is claimgraph.hedging ---------------------------------


def _stance_and_hedge(doc: Doc, a: Attribution, lex: AttributionLexicon) -> None:
    a.cue_stance = cue_stance(doc, a, lex)
    a.stance = content_stance(doc, a, a.cue_stance, lex)
    a.hedged = span_hedged(doc, a, a.content)


def span_hedged(doc: Doc, a: Attribution, span: tuple[int, int]) -> bool:
    """Whether ``span`` of ``a``'s content (the whole, or one clause of it) is hedged: by its own
    words or by its cue."""
    return is_hedged(doc, span) or hedged_by_cue(doc, span, a.cue.cue, source=source_chars(doc, a))


def source_chars(doc: Doc, a: Attribution) -> tuple[int, int] | None:
    """The character span of the source mention, if any."""
    if a.source_span is None:
        return None
    s, e = a.source_span
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
