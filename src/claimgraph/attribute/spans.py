"""Token and character spans for attributions: a cue's subject, a noun phrase, a clause as
characters with its edge punctuation and quotation marks balanced, the quotation next to a cue.

Split from :mod:`.finder`, whose rules use these helpers, to keep each module readable.
"""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Doc, Span, Token

from ..lexicons import word_set
from ..nlp import doc_text
from .quotes import QuoteIndex

# dependency labels of a verb's clausal complement (the content of a reporting verb)
CLAUSAL = {"ccomp", "xcomp", "parataxis"}
SUBJ = {"nsubj", "nsubjpass", "csubj"}
_EDGE_PUNCT = set(" \t\n,;:.—–-")
_CLOSING = re.compile(r"[,.!?;]?[”\"]")


def _clausal_child(tok: Token) -> Token | None:
    """A reporting verb's clausal complement: a ccomp before a parataxis the parser attaches to it
    ("In a statement released Friday, X said he is certain ...": the statement is no content)."""
    # a possessive "’s" the parser read as "is" heads the object it belongs to ("noted President
    # Biden’s full support for ...")
    kids = [
        c
        for c in tok.children
        if c.dep_ in CLAUSAL
        and (c.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN") or c.text.lower() in ("'s", "’s"))
    ]
    for dep in ("ccomp", "xcomp", "parataxis"):
        cands = [c for c in kids if c.dep_ == dep]
        # "If the focus is on X, Kaine argued the worst act was Y": with a clause on either side,
        # the one after the cue is what it reports (the one before sets a condition); a quotation
        # the cue interrupts stays its content ('"A," she said, "B."')
        after = [c for c in cands if c.i > tok.i]
        if len(cands) > 1 and after and not _quoted_before(cands[0], tok):
            return after[0]
        if cands:
            return cands[0]
    return None


def _quoted_before(comp: Token, cue: Token) -> bool:
    """Whether a quotation mark stands between a clause's start and its cue ('"A," she said')."""
    return any(t.text in _QUOTE_MARKS for t in comp.doc[comp.left_edge.i : cue.i])


_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "‘", "’", "'"})


def _subject_span(tok: Token) -> tuple[int, int] | None:
    """The source mention: the cue's subject, the "by" agent of a passive, or a coordinated verb's subject."""
    cur, around = tok, False
    for _ in range(4):
        # a full stop the tokenizer split off a name ("Harris Sr.") is no subject of its own
        subjects = [c for c in cur.children if c.dep_ == "nsubj" and not _dateline(c) and not c.is_punct]
        if subjects:
            # the nearest subject: a dateline ("TEHRAN –") parses as a second, far one
            near = min(subjects, key=lambda c: abs(c.i - cur.i))
            named = _suffixed_name(near)
            return (named[0], near.i + 1) if named else _np_span(near)
        for c in cur.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _np_span(pobj)
        passive = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if around and passive.lower_ != "it":
                # "after saying her foot was swollen, she was taken to hospital", "was criticised
                # for saying ...": the governing passive's subject said it
                return _np_span(passive)
            return None  # "it was stressed that ...": no named source
        if cur.dep_ == "pcomp" and _circumstance(cur.head) and cur.head.head is not cur.head:
            # "began by saying ...", "despite admitting that ...": the governing verb's subject
            prep, gov = cur.head, cur.head.head
            for _ in range(3):
                # "aside from saying", "appeared at a hearing for saying": up to the verb
                if (
                    gov.pos_ in ("VERB", "AUX")
                    or gov.dep_ not in ("advmod", "pobj", "prep")
                    or gov.head is gov
                ):
                    break
                gov = gov.head
            obj = next((c for c in gov.children if c.dep_ == "dobj" and c.i < prep.i), None)
            if prep.lower_ == "for" and obj is not None:
                return _np_span(obj)  # "criticised Rubio for saying ...": Rubio said it
            cur, around = gov, True
            continue
        # "said Woodward, adding ...", "and added": take the governing verb's subject; "he was
        # proud to announce": the adjective's ("it is worth noting" names no one)
        saying = cur is not tok and cur.lemma_.lower() in word_set("attribution/saying_adjectives.tsv")
        climb = ("conj", "advcl", "xcomp") + (("acomp",) if saying else ())
        if cur.dep_ in climb and cur.head is not cur:
            cur = cur.head
            continue
        break
    return None


def reporting_speaker_verb(tok: Token, cues: Container[str]) -> Token | None:
    """The outer reporting verb whose subject also speaks a cue the parser hung on the reported
    clause: "May said the country would leave and [suggested] it would quit the market", "Perdue
    said he did not believe it, [arguing] that ...". A verb of saying conjoined to, or a participle
    modifying, what another source says is that source's second act of saying (the subject of the
    reported clause does not speak). None when the cue has a subject of its own or the clause it
    hangs on is no cue's complement."""
    if tok.dep_ not in ("conj", "advcl") or any(c.dep_ in SUBJ for c in tok.children):
        return None
    if any(c.dep_ == "mark" for c in tok.children):
        return None  # "..., as it warned": a subordinate clause with its own frame
    if tok.dep_ == "advcl" and tok.tag_ != "VBG":
        return None  # "called Machado to express gratitude": a purpose, the clause's own subject's
    if tok.dep_ == "conj" and not any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
        # "they said he rated contestants and talked about them", "police say he refused to drop
        # the gun": a conjoined act with nothing said of its own (a clause, or what is called,
        # dismissed or warned: "and called it a common ailment") is more of the content
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    outer = clause.head
    if outer is clause or outer.lemma_.lower() not in cues or outer.pos_ not in ("VERB", "AUX"):
        return None
    return outer


def _bare_infinitive(comp: Token) -> bool:
    """ "saw [the troops withdraw]", "heard [them shout]": a base verb with its own subject and no
    auxiliary, modal or "that", the complement of a verb of perception."""
    return comp.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass", "mark") for c in comp.children)


def _object_tail(c: Token, obj: Token) -> bool:
    """What completes an object-taking cue's object: "called him a liar", "described X as Y",
    "mocked Rubio for losing", "endorsed Cruz for president", "urged steps to tighten ...".
    """
    if c.i < obj.i:
        return False
    if c.dep_ == "oprd":
        return True
    if c.dep_ == "prep" and c.lower_ in ("as", "for"):
        return True
    return c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)


def _parenthetical_content(tok: Token) -> tuple[int, int] | None:
    """ "Many closures, he said, involved public courses": a cue set off by commas inside (or after)
    the clause it reports, which the parser hangs under that clause's verb as parataxis; or an
    "as" clause ("As the ministry said, ...") under it.

    The content is the governing clause around the cue, as PolNeAR marks it (a hull holding the
    cue when the cue interrupts the clause, the part before it when the cue comes last).
    """
    head = tok.head
    if not any(c.dep_ in SUBJ for c in tok.children) or head is tok:
        return None
    doc = tok.doc
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        # "As Kerry told Israeli television, once Israel signs a deal ...": the clause it governs
        own = {t.i for t in tok.subtree}
        rest = [t.i for t in head.subtree if t.i not in own and not t.is_punct]
        return _trim_chars(doc, min(rest), max(rest) + 1) if rest else None
    if tok.dep_ != "parataxis":
        return None
    first = tok.left_edge.i
    marks = (",", "—", "–")
    if doc[first].text not in marks and (first == 0 or doc[first - 1].text not in marks):
        return None  # not set off: "Trump says racist things" is no parenthesis
    own = {t.i for t in tok.subtree}
    rest = [t.i for t in head.subtree if t.i not in own and not t.is_punct]
    if not any(i < first for i in rest):
        return None
    return _trim_chars(doc, min(rest), max(rest) + 1)


# a gerund after these says how or when its governing verb's subject spoke ("responded by saying",
# "after saying", "despite admitting"); "for" and "of" give a reason or an accusation instead
# ("criticised Iran for saying ...": Iran said it)
_CIRCUMSTANCES = frozenset({"by", "after", "before", "while", "despite", "upon", "for"})


def _circumstance(prep: Token) -> bool:
    """A preposition whose gerund the governing clause's subject does ("after saying", "for
    saying", "aside from saying"); "refrained from saying" says nothing."""
    low = prep.lower_
    return low in _CIRCUMSTANCES or (low == "from" and prep.head.lower_ in ("aside", "apart"))


def _dateline(tok: Token) -> bool:
    """ "VILNIUS – ...": an upper-case place name before a dash at the start of a paragraph."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    at_start = tok.i == 0 or doc[tok.i - 1].is_space or "\n" in doc[tok.i - 1].text_with_ws
    return bool(
        tok.text.isupper() and len(tok.text) > 2 and at_start and nxt is not None and nxt.text in "–—-"
    )


def _suffixed_name(tok: Token) -> tuple[int, int] | None:
    """ "President Joseph R. Biden, Jr. met ...", "Mohammad Ali Abtahi, former vice president,
    writes": the parser makes the suffix (``attribution/name_suffixes.tsv``) or the title after the
    comma a second subject; the mention is the name with it."""
    left = tok.left_edge.i
    suffix = tok.lower_ in word_set("attribution/name_suffixes.tsv")
    if left < 2 or tok.doc[left - 1].text != ",":
        return None
    if not suffix and (tok.ent_type_ == "PERSON" or tok.pos_ not in ("NOUN", "PROPN")):
        return None  # "Smith, Jones said": two people; a title is no name
    before = tok.doc[left - 2]
    # the name hangs on the same verb, as a subject or (misread) an adverbial noun
    if before.head.i != tok.head.i or before.ent_type_ != "PERSON":
        return None
    return _np_span(before)


def _np_span(tok: Token, *, keep_conj: bool = False) -> tuple[int, int]:
    """A noun phrase's token span, without a trailing relative clause or punctuation.

    An appositive name is kept ("UK Ambassador to the UN Barbara Woodward" parses the name as an
    appositive of the title); coordination is kept on request (targets: "accused Iran and Russia").
    """
    for c in tok.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > tok.i and tok.ent_type_ != "PERSON":
            # "The director of the CIA, William Burns, said": the name is the mention
            return (c.left_edge.i, c.i + 1)
    start = tok.left_edge.i
    end = tok.i + 1
    stop = {"relcl", "acl", "punct", "advcl"} | (set() if keep_conj else {"cc", "conj"})
    for c in tok.rights:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.left_edge.i == end:
            end = c.right_edge.i + 1
            continue
        if c.dep_ in stop or c.dep_ == "appos":
            break
        end = c.right_edge.i + 1
    doc = tok.doc
    while start < tok.i and doc[start].is_punct:
        start += 1
    return (start, end)


def _aux_neg(tok: Token) -> list[int]:
    """Words right around a verb that belong to its cue: auxiliaries, negation and adverbs before it
    ("have not confirmed", "also said", "had publicly stated"); a day or a colon right after it
    ("said Tuesday", "declared:"), as PolNeAR marks cues."""
    out: list[int] = []
    i = tok.i - 1
    kids = {
        c.i
        for c in tok.children
        if c.dep_ in ("aux", "neg", "auxpass")
        or (c.dep_ == "advmod" and c.pos_ == "ADV" and c.n_lefts + c.n_rights == 0)
    }
    while i >= 0 and i in kids:
        out.append(i)
        i -= 1
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and doc[j].head.i == tok.i:
        nxt = doc[j]
        day = nxt.dep_ == "npadvmod" and nxt.ent_type_ == "DATE" and len(list(nxt.subtree)) == 1
        if day or nxt.text == ":":
            out.append(j)
    return out


def _own_clause_chars(tok: Token) -> tuple[int, int]:
    """A verb's clause without the clauses coordinated or subordinated after it."""
    end = tok.i
    for c in tok.rights:
        if c.dep_ in ("conj", "cc", "advcl", "parataxis", "punct"):
            break
        end = c.right_edge.i
    return _trim_chars(tok.doc, tok.left_edge.i, end + 1)


def _reported_clause_chars(tok: Token) -> tuple[int, int]:
    """A reported clause without what the parser wrongly hangs on it from the narration around:
    a participle after a comma ("..., saying ...", "..., adding ...": the reporter's, about the
    cue's subject) and, outside quotations, anything past a paragraph break.
    """
    doc = tok.doc
    cut: int | None = None
    for c in tok.rights:
        if c.dep_ != "advcl" or c.tag_ != "VBG" or doc[c.left_edge.i - 1].text != ",":
            continue
        if not any(g.dep_ in ("mark", "advmod") and g.i < c.i for g in c.children):
            cut = c.left_edge.i
            break
    if cut is None:
        s, e = _clause_chars(tok)
    else:
        while cut - 1 > tok.i and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc"):
            cut -= 1
        s, e = _trim_chars(doc, tok.left_edge.i, cut)
    text = doc_text(doc)
    nl = text.find("\n", s, e)
    if nl > s and '"' not in text[s:e] and "“" not in text[s:e] and "''" not in text[s:e]:
        e = nl
        while e > s and (text[e - 1] in _EDGE_PUNCT or text[e - 1].isspace()):
            e -= 1
    return (s, e)


_FLAT_BREAK = re.compile(r"[ \t]+\.[ \t]+(?=\S)")
_FLAT_END = re.compile(r"\.[ \t]+\.(?:\s|$)")


def colon_paragraph(cue: Token) -> tuple[int, int] | None:
    """ "Foreign Secretary X said:" closing its paragraph, the statement printed as the next one (a
    government release's style): that paragraph is the content. None unless the cue's clause ends
    with the colon and a line break follows it."""
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and doc[j].head.i == cue.i and doc[j].dep_ in ("npadvmod", "prep", "advmod"):
        j = doc[j].right_edge.i + 1  # "said on Tuesday:", "said today:"
    if j >= len(doc) or doc[j].text != ":":
        return None
    text = doc_text(doc)
    # a flattened page marks the quoted block's line breaks with a stray full stop ("X writes: .
    # Decreasing the boycott ... election. . Paicorg writes ...")
    stop = _FLAT_BREAK.match(text, doc[j].idx + 1)
    if stop is None and "\n" not in doc[j].whitespace_ + doc[min(j + 1, len(doc) - 1)].text:
        return None  # "said: the talks will resume" on one line is a plain clause
    start = stop.end() if stop else doc[j].idx + 1
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if stop:
        close = _FLAT_END.search(text, start, end)
        end = close.start() + 1 if close else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end - start > 1 else None


def contrast_end(cue: Token, comp: Token, cues: Container[str]) -> int | None:
    """The end of a "but" clause the parser hangs on the cue instead of its that-clause: "X said
    that there was an attempt to agree, but such removal was not allowed" reports both clauses
    (the contrast is the speaker's). Only after a that-clause, only a clause with a subject of its
    own, and not one that is a saying itself ("..., but officials said ..." is a new attribution).
    None when there is none."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children):
        return None
    doc = cue.doc
    for c in cue.rights:
        if c.dep_ != "conj" or c.i <= comp.i or c.pos_ not in ("VERB", "AUX"):
            continue
        if not any(g.dep_ == "cc" and g.lower_ == "but" for g in cue.children if comp.i < g.i < c.i):
            continue
        if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            continue
        if c.lemma_.lower() in cues or any(
            t.lemma_.lower() in cues and t.dep_ in ("conj", "ccomp") for t in c.subtree
        ):
            continue
        if any(t.is_sent_start for t in doc[comp.i + 1 : c.right_edge.i + 1]):
            continue
        return _clause_chars(c)[1]
    return None


def _clause_chars(tok: Token) -> tuple[int, int]:
    """A token's subtree as characters, without a dangling conjunction at its end ("... and")."""
    end = tok.right_edge.i + 1
    doc = tok.doc
    while end - 1 > tok.i and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
        end -= 1
    start = tok.left_edge.i
    if start > 0 and doc[start - 1].text in ("“", '"', "''"):
        start -= 1  # '“it gets me mad” every time': the opening mark hangs on the cue in the parse
    return _trim_chars(doc, start, end)


def end_before(text: str, start: int, end: int, stops: str) -> int:
    """``end`` moved back over trailing white space and the characters in ``stops``."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in stops):
        end -= 1
    return end


def _trim_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token span → character span without edge punctuation (a closing quote mark is kept when
    its opening mark is inside the span)."""
    s = doc[start].idx
    e = doc[end - 1].idx + len(doc[end - 1].text)
    text = doc_text(doc)
    while s < e and text[s] in _EDGE_PUNCT:
        s += 1
    while e > s and (text[e - 1] in _EDGE_PUNCT or text[e - 1].isspace()):
        e -= 1
    # a content that opens a quotation ends with it: 'will “leave here with momentum.”'
    seg = text[s:e]
    if seg.count("“") > seg.count("”") or (seg.count('"') % 2 == 1 and seg.lstrip().startswith('"')):
        m = _CLOSING.match(text, e)
        if m:
            e = m.end()
    # a timestamp or dateline on a line of its own before the clause is not part of it
    while True:
        nl = text.find("\n", s, min(e, s + 40))
        if nl < 0 or e - nl < 20:
            break
        s = nl + 1
        while s < e and (text[s].isspace() or text[s] in _EDGE_PUNCT):
            s += 1
    seg = text[s:e]
    # balance quotation marks at the edges
    if seg.endswith(("”", '"')) and seg.count("“") + seg.count('"') < 2 and seg[:-1].count("“") == 0:
        e -= 1
        while e > s and (text[e - 1] in _EDGE_PUNCT or text[e - 1].isspace()):
            e -= 1
    if text[s : s + 1] in ("“",) and "”" not in text[s:e]:
        s += 1
    return (s, e)


def _adjacent_quote(tok: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """A quotation right before ('"...," he said') or after ('said X, "..."') the cue's clause."""
    sent: Span = tok.sent
    best: tuple[int, int] | None = None
    for s, e in quotes.spans:
        if e <= sent.start_char - 1 and e < tok.idx:
            # a quote closing before this sentence counts when it ends the previous sentence(s)
            # and this sentence starts right after it: multi-sentence quote, cue in a later one;
            # one that a sentence quotes as a phrase ('called it "a bunch of lies."') is no statement
            text = doc_text(tok.doc)
            gap = text[e : sent.start_char]
            opens = text[max(0, s - 2) : s].strip() in ("", ".", ":", "?", "!")
            if gap.strip() == "" and s < sent.start_char and opens:
                best = (s, e)
            continue
        if s >= sent.end_char + 1:
            break
        if (e <= tok.idx or s >= tok.idx) and s <= sent.end_char:
            best = (s, e) if best is None or abs(s - tok.idx) < abs(best[0] - tok.idx) else best
    return best


def full_mention(doc: Doc, start: int, end: int, cue_tokens: list[int]) -> tuple[int, int]:
    """The whole noun phrase around a source mention ``doc[start:end]``, as PolNeAR marks sources:
    with its appositives and relative clauses ("Chris Cox, who runs the NRA's lobbying arm,";
    "Carter's press secretary, Peter Cook"), a comma closing them included.

    The mention itself stays the short form (a name to resolve); this is the span a bare
    attribution reports. It never reaches over the cue, a line break or a dateline dash, and a
    mention the parse does not head as a phrase is kept as it is.
    """
    head = doc[start:end].root
    if head.dep_ == "appos" and head.head.i < head.i:
        head = head.head  # the name was picked out of "title, Name"
    s, e = min(head.left_edge.i, start), max(head.right_edge.i + 1, end)
    if any(s <= i < e for i in cue_tokens):
        return (start, end)
    e = min([e] + [_aside_start(c) for c in head.children if c.i >= end and _aside(c)])
    for i in range(s, end - 1):
        if "\n" in doc[i].text_with_ws or (i < start and doc[i].text in ("–", "—")):
            s = i + 1  # "MACAU (Reuters) – Top donor X", "10:30 p.m.\n": no part of it
    for i in range(end, e):
        if "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_:
            e = i
            break
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s + 1 and (doc[e - 1].is_space or doc[e - 1].dep_ == "case" or _loose_punct(doc, s, e)):
        e -= 1  # nor the possessive ending of "the mayor's claim"
    return (s, e)


def _aside(c: Token) -> bool:
    """A modifier PolNeAR leaves out of a source, though it keeps relative clauses and
    appositives: a participle clause set off by a comma, which tells what the speaker was doing
    ("Trump, speaking to a veterans group in Virginia, said", "X, appearing after Y, cited")."""
    doc = c.doc
    return c.dep_ == "acl" and c.tag_ == "VBG" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","


def _aside_start(c: Token) -> int:
    """Where an aside begins, its comma included."""
    i = c.left_edge.i
    return i - 1 if i > 0 and c.doc[i - 1].text == "," else i


def _loose_punct(doc: Doc, s: int, e: int) -> bool:
    """A trailing mark that closes nothing: not a comma (which closes an appositive), nor the
    ")" of "Bernie Sanders (I-Vt.)"."""
    t = doc[e - 1]
    if not t.is_punct or t.text == ",":
        return False
    return not (t.text == ")" and any(doc[i].text == "(" for i in range(s, e - 1)))


def party_span(tok: Token) -> tuple[int, int]:
    """The party a feeling is expressed towards: the noun with its modifiers, its conjuncts and a
    "between" or "of" phrase ("support for Jordan and Egypt", "for Bolivia's bid", "for engagement
    between Jordan and Israel", "condolences to the people of Chile"), not a party named deeper
    ("support for a two-state solution to the Israeli-Palestinian conflict" is for a solution)."""
    ends = [tok.i] + [
        c.right_edge.i
        for c in tok.children
        if c.dep_ == "conj" or (c.dep_ == "prep" and c.lower_ in ("between", "of"))
    ]
    return tok.left_edge.i, max(ends) + 1
