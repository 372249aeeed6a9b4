"""Events a speaker says must happen: "Russia said Sudan must withdraw" is Russia's demand on Sudan
(recoded from the inner event, or the demand frame where the required act is no lexicon event);
"all UN members must respect ..." is an appeal. Split from the coder; reads the parse and lexicon."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import word_set
from .candidate import Candidate
from .predicates import Lexicon
from .roles import Act, Ctx, actors, controller


def must_speaker(tok: Token, ctx: Ctx) -> list[Act]:
    """The actor who says that ``tok``'s subject must do it ("Russia said Sudan must ..."), or []."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in word_set("events/say_verbs.tsv"):
        return []
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids):
        return []
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in kids):
        return []
    head = tok.head
    return actors(next((c for c in head.children if c.dep_ == "nsubj"), None) or controller(head), ctx)


def must_demand(c: Candidate, lex: Lexicon, ctx: Ctx) -> None:
    """Recode an event its speaker says must happen as the speaker's demand on its actor."""
    speaker = must_speaker(c.chain[-1], ctx)
    if not speaker or c.pair or {a.code for a in speaker} & {a.code for a in c.a1}:
        return
    # a norm for everyone ("all UN members must respect ...") is an appeal, not a demand
    subj = next((t for t in c.chain[-1].children if t.dep_ in ("nsubj", "nsubjpass")), None)
    quant = subj is not None and any(
        d.lower_ in word_set("events/quantifiers.tsv") for d in subj.children if d.i < subj.i
    )
    mode, base = ("appeal", "020") if quant else ("demand", "100")
    c.code = lex.wrap(mode, c.code or "") or base
    c.a1, c.a2 = speaker, c.a1
    c.rule += f" +must({mode})"


def must_frame(tok: Token, lex: Lexicon, ctx: Ctx) -> Candidate | None:
    """ "The Red Cross said US forces must ensure security": a demand even where the required
    act is no lexicon event (the demand frame's code, 100, with the subject as target)."""
    demand = next((p for p in lex.verbs.get("demand", ()) if p.mode is None), None)
    if demand is None or not must_speaker(tok, ctx):
        return None
    subj = actors(next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None), ctx)
    if not subj:
        return None
    return Candidate(demand, tok, subj, [], None, [], [tok], "", False, demand.rule + " (must)")
