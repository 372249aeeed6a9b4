"""The one path from text to claim records: parse → attribute → code events → records.

``extract`` handles one text; ``extract_articles`` batches many through ``nlp.pipe``. A
claim by a political source whose event cannot be coded is a record with ``event`` None
("uncoded"); other attributions without a coded event are not emitted (``events_only=False``
keeps every bare attribution, which is what the PolNeAR attribution benchmark measures).

The stages are spaCy components registered by their packages (``claimgraph_attribution``,
``claimgraph_events``); ``load_nlp`` adds them to the base model by name, in the order
``ExtractOptions.components`` lists them, so another registered component (a trained model, a
user's own) is added by configuration. Imports go one way: this module → ``attribute`` /
``events`` → ``actors``, ``model``, ``nlp``, ``lexicons`` (``tests/test_imports.py``).
"""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from .actors import default_coder
from .attribute import Attribution, default_lexicon
from .attribute import component as _attribution  # noqa: F401  (registers claimgraph_attribution)
from .attribute.finder import source_chars, span_hedged
from .attribute.sources import SourceResolver
from .attribute.spans import full_mention
from .attribute.stance import author_framing, event_stance, questioned_span
from .english import looks_english
from .errors import ClaimgraphError
from .events import component as _events  # noqa: F401  (registers claimgraph_events)
from .events import default_event_coder
from .events.coder import EventMention
from .events.component import DocEvents
from .events.uncoded import political_source, uncoded_claim, uncoded_parts, uncoded_stance
from .hedging import hedged_by_cue
from .model import Actor, Article, Claim, Cue, Event, Evidence, Source, Via
from .nlp import doc_text, load_base

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.2.0"
"""Bumped whenever extraction output changes, so stored articles can be reprocessed."""

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_CHARS = 400_000
"""Longer texts are cut at a paragraph boundary before parsing (a warning says so)."""


Component = str | tuple[str, Mapping[str, Any]]
"""A pipeline stage: a name registered with ``@Language.factory``, or that name and its config."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractOptions:
    """How records are produced; one object passed down instead of many keyword arguments."""

    events_only: bool = True
    author_events: bool = True
    uncoded: bool = True
    """Keep a political source's claim whose event cannot be coded, as a record with ``event``
    None (docs/claims-format.md, "Uncoded claims"); only with ``events_only``."""
    components: tuple[Component, ...] = ()
    """The stages after the base model, by registered name or (name, config); empty: the default
    ones (``DEFAULT_COMPONENTS``)."""


DEFAULT_COMPONENTS: tuple[Component, ...] = (
    "claimgraph_attribution",
    "claimgraph_event_model",
    "claimgraph_events",
)


class PipelineConfigError(ClaimgraphError):
    """A pipeline configuration naming a component spaCy does not know, or a bad config."""


def load_nlp(*, events: bool = True, components: Sequence[Component] = ()) -> Language:
    """The English pipeline with claimgraph's components (or ``components``); cached per process
    and configuration. ``events=False`` leaves out the stages that assign ``doc._.events``."""
    stages = [(c, {}) if isinstance(c, str) else (c[0], dict(c[1])) for c in components or DEFAULT_COMPONENTS]
    try:
        key = json.dumps(stages, sort_keys=True)
    except TypeError as exc:
        raise PipelineConfigError(
            f"pipeline components {stages!r}: a config is not plain data ({exc})"
        ) from exc
    return _load_nlp(key, events)


@lru_cache(maxsize=4)
def _load_nlp(key: str, events: bool) -> Language:
    nlp = load_base()
    for name, config in json.loads(key):
        if not Language.has_factory(name):
            raise PipelineConfigError(
                f"pipeline component {name!r} is not registered: import the module that defines it "
                "with @Language.factory (claimgraph's own: claimgraph_attribution, "
                "claimgraph_event_model, claimgraph_events)"
            )
        assigns = Language.get_factory_meta(name).assigns
        if not events and ("doc._.events" in assigns or "doc._.event_proposals" in assigns):
            continue
        try:
            nlp.add_pipe(name, config=config)
        except (ValueError, TypeError) as exc:  # spaCy's config validation
            raise PipelineConfigError(f"pipeline component {name!r}: bad config {config!r}: {exc}") from exc
    return nlp


def extract(
    text: str,
    *,
    article_id: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    options: ExtractOptions | None = None,
) -> list[Claim]:
    """Claim records for one article's text."""
    art = Article(id=article_id or "", text=text, outlet=outlet, published=published)
    for _, claims in extract_articles([art], options=options):
        return claims
    return []


def extract_articles(
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    options: ExtractOptions | None = None,
) -> Iterator[tuple[Article, list[Claim]]]:
    """Records for many articles, parsed in batches; yields each article with its records, in order.

    With ``n_process > 1`` batches go to an :class:`ExtractionPool`. Memory stays bounded for input
    of any length: articles are read as they are needed, a few batches at most are in flight, and
    the strings spaCy learns while parsing a batch are freed after it (``nlp.memory_zone``).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    opts = options or ExtractOptions()
    if n_process <= 1:
        for batch in _batched(articles, batch_size):
            yield from _extract_batch(batch, opts)
        return
    with ExtractionPool(n_process, options=opts) as pool:
        yield from pool.extract(articles, batch_size=batch_size)


class ExtractionPool:
    """Worker processes that each load the pipeline once and turn whole batches into records.

    Our Doc extensions hold Python objects spaCy cannot serialise, so spaCy's own multiprocessing
    (which ships parsed Docs back) is not used: workers send back finished records, which are
    small. Workers are spawned, not forked (a fork of a parent holding threads or a database
    connection is unsafe), and only when the first batch arrives: a re-run that finds everything
    stored never pays for loading the model.
    """

    def __init__(self, n_process: int, *, options: ExtractOptions | None = None) -> None:
        if n_process < 1:
            raise ValueError("n_process must be at least 1")
        self.n_process = n_process
        self.options = options or ExtractOptions()
        self._pool: Pool | None = None

    def submit(self, batch: Sequence[Article]) -> AsyncResult[list[tuple[Article, list[Claim]]]]:
        """Start extracting ``batch`` in a worker; ``.get()`` on the result waits for its records."""
        if self._pool is None:
            import multiprocessing as mp

            ctx = mp.get_context("spawn")
            self._pool = ctx.Pool(self.n_process, initializer=_init_worker, initargs=(self.options,))
        return self._pool.apply_async(_worker, ((list(batch), self.options),))

    def extract(
        self, articles: Iterable[Article], *, batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Claim]]]:
        """Records in input order, with at most two batches per worker in flight."""
        pending: deque[AsyncResult[list[tuple[Article, list[Claim]]]]] = deque()
        for batch in _batched(articles, batch_size):
            pending.append(self.submit(batch))
            if len(pending) >= 2 * self.n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

    def close(self) -> None:
        """Let the workers finish what they have and stop them."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now (after an error or an interrupt)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()


_PLURAL_POSSESSIVE = re.compile(r"(?<=[a-z]s)\u2019(?=[\s,.;:)])")


def _for_parser(text: str) -> str:
    """The text the parser reads, one code point for one: lone surrogates (they crash the
    tokenizer) become U+FFFD, and a curly apostrophe after a plural ("the Houthis’ attacks") becomes
    the straight one the tagger reads as a possessive rather than a closing quote."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if "\u2019" in text:
        text = _PLURAL_POSSESSIVE.sub("'", text)
    return text


def _batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _init_worker(opts: ExtractOptions) -> None:
    """Load the pipeline as the worker starts, while the parent is still reading."""
    from ._orphan import exit_with_parent

    exit_with_parent()
    load_nlp(events=opts.events_only, components=opts.components)


def _worker(job: tuple[list[Article], ExtractOptions]) -> list[tuple[Article, list[Claim]]]:
    arts, opts = job
    return _extract_batch(arts, opts)


def _extract_batch(batch: Sequence[Article], opts: ExtractOptions) -> list[tuple[Article, list[Claim]]]:
    """One batch through ``nlp.pipe`` as a single minibatch, inside a spaCy memory zone.

    The zone frees the words, lexemes and cache entries the batch added to the vocabulary, which
    otherwise grow without end over a long corpus; the records are plain Python and outlive it.
    """
    nlp = load_nlp(events=opts.events_only, components=opts.components)
    with nlp.memory_zone():
        return list(_extract_batch_stream(batch, max(1, len(batch)), opts))


def _extract_batch_stream(
    articles: Iterable[Article], batch_size: int, opts: ExtractOptions
) -> Iterator[tuple[Article, list[Claim]]]:
    nlp = load_nlp(events=opts.events_only, components=opts.components)

    def docs() -> Iterator[tuple[Doc, Article]]:
        # pre-tokenised Docs carry the publication date to our components (relative dates)
        for text, art in texts():
            parsed = _for_parser(text)
            doc = nlp.make_doc(parsed)
            if parsed != text:
                # records are sliced from the caller's own text: the parsed one has the same length
                doc.user_data["claimgraph_text"] = text
            if art.published:
                doc.user_data["published"] = art.published
            if art.outlet:
                doc.user_data["outlet"] = art.outlet  # whose release it is places its own staff
            yield doc, art

    def texts() -> Iterator[tuple[str, Article]]:
        for art in articles:
            text = art.text
            if not text.strip():
                yield "", art
                continue
            if not looks_english(text):
                log.warning("%s: not English; no records extracted", art.id or "input")
                yield "", art
                continue
            if len(text) > MAX_CHARS:
                cut = text.rfind("\n", 0, MAX_CHARS)
                cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS
                log.warning(
                    "%s: %d characters; only the first %d are read", art.id or "input", len(text), cut
                )
                text = text[:cut]
            yield text, art

    for doc, art in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        if not doc.text:
            yield art, []
            continue
        yield art, claims_from_doc(doc, art, opts)


def claims_from_doc(doc: Doc, article: Article, opts: ExtractOptions) -> list[Claim]:
    """Assemble records from a processed document (attributions, their sources and events)."""
    atts: list[Attribution] = list(doc._.attributions or [])
    lex = default_lexicon()
    resolver = SourceResolver(doc, default_coder(), lex, article.outlet)
    merged_into = _merge_according_to(doc, atts)
    sources: dict[int, Source] = {}
    # resolve in reading order of the source mention, so pronouns find their antecedents
    order = sorted(range(len(atts)), key=lambda i: (atts[i].source_span or (atts[i].cue_tokens[0],))[0])
    for i in order:
        a = atts[i]
        if a.continuation_of is not None and a.continuation_of in sources:
            sources[i] = sources[a.continuation_of]
        elif a.source_span is not None:
            sources[i] = resolver.resolve(*a.source_span)
        else:
            sources[i] = Source(text=None, name=None, kind="anonymous")
    vias: dict[int, tuple[Via, ...]] = {
        i: tuple(resolver.via(*v) for v in a.via_spans)
        + tuple(resolver.via(*v) for _, v in merged_into_vias(merged_into, i, atts))
        for i, a in enumerate(atts)
    }
    _outlet_keeps_its_sources(atts, sources, vias)
    events: DocEvents | None = doc._.events
    aid = article.id or None
    parties = [p.code or "" for p in default_event_coder().participants(doc)] if events is not None else []
    parties3 = {p[:3] for p in parties}
    out: list[Claim] = []
    for i, a in enumerate(atts):
        if i in merged_into and opts.events_only:
            # an event record names the report as a via; a bare attribution keeps it as its own,
            # the outermost one, as PolNeAR marks "X said Y, according to Z"
            continue
        # readouts speak for both parties at once ("The presidents pointed out ..."): one record each
        joint = (
            resolver.joint(*a.source_span, parties) if a.source_span is not None and opts.events_only else []
        )
        for src in joint or [sources[i]]:
            if not opts.events_only and a.source_span is not None and a.rule != "headline-colon":
                src = _full_source(doc, a, src)
            via = vias[i]
            cue = _cue(doc, a)
            base = Claim(
                article_id=aid,
                evidence=_evidence(doc, a.content if opts.events_only else (a.bare_content or a.content)),
                source=src,
                via=via,
                cue=cue,
                stance=a.stance,
                hedged=a.hedged,
                framing=a.framing,
                rule=a.rule,
            )
            if not opts.events_only or events is None:
                if not _nested(doc, a, atts):
                    out.append(base)
                continue
            mentions = events.per_attribution[i]
            if joint:
                # "Both sides expressed the resolve to ...": each party's record holds its own act
                own = [m for m in mentions if _actor_country(m.event.actor1) == (src.actor or "")[:3]]
                mentions = (
                    own if any(_actor_country(m.event.actor1) in parties3 for m in mentions) else mentions
                )
            acts_only: list[EventMention] = []
            if a.rule.endswith("+speech-act-only"):
                # "The UK leveled accusations": the act is the event; there is no reported content
                acts_only, mentions = mentions, []
            if a.refers_to is not None:
                # "a claim Iran rejects": the event is the one of the claim referred to
                mentions = [
                    replace(m, start=a.content[0], end=a.content[1])
                    for m in events.per_attribution[a.refers_to]
                ]
            if opts.uncoded and uncoded_claim(doc, i, atts, merged_into, src):
                parts = uncoded_parts(doc, a, mentions)
                for part in parts:
                    # a part of a content (one clause of several) takes the stance of its own words,
                    # not a negation elsewhere in the content
                    # and its own hedging: "if you feel ..." in one clause does not hedge the next
                    stance = a.stance if part == a.content else uncoded_stance(doc, a, part)
                    hedged = a.hedged if part == a.content else span_hedged(doc, a, part)
                    out.append(
                        replace(
                            base,
                            evidence=_evidence(doc, part),
                            stance=stance,
                            hedged=hedged,
                            rule=f"{a.rule}; uncoded",
                        )
                    )
            for m in mentions:
                stance = event_stance(a.cue_stance, m.negated, questioned_span(doc, (m.start, m.end)))
                out.append(
                    replace(
                        base,
                        evidence=_evidence(doc, (m.start, m.end)),
                        event=m.event,
                        stance=stance,
                        # the coder asked claimgraph.hedging about this evidence; the cue's own
                        # uncertainty ("predicted", "hopes" over a future) is asked here, as for the content
                        hedged=m.hedged
                        or hedged_by_cue(doc, (m.start, m.end), a.cue.cue, source=source_chars(doc, a)),
                        rule=f"{a.rule}; {m.rule}",
                    )
                )
            courtesy = _courtesy(doc, a)
            said = [] if courtesy else _speech_act_records(doc, a, src, resolver, atts, sources, aid)
            if not said and acts_only and not courtesy:
                # "Biden commended the important role Jordan plays": the target is no plain noun
                # phrase of an actor, but the coder found it (its object's actor): the act as coded
                said = [
                    Claim(
                        article_id=aid,
                        evidence=_evidence(doc, (min(m.start, a.content[0]), max(m.end, a.content[1]))),
                        source=resolver.author(),
                        cue=cue,
                        stance="asserts",
                        framing=a.framing,
                        event=m.event,
                        rule=f"speech-act:{a.cue.cue}; {m.rule}",
                    )
                    for m in acts_only
                    if m.event.actor2 is not None and not m.negated
                ]
            out.extend(said)
    if opts.events_only and events is not None and opts.author_events:
        author = resolver.author()
        cue_framing = {i: a.framing for a in atts for i in a.cue_tokens if a.framing != "neutral"}
        for m in events.author:
            if (m.event.actor2 is None or not m.event.actor2.code) and m.nominal and not _material(m):
                # a one-party verbal nominal ("Western accusations") names no event of its own; a
                # material one does ("the Houthis' attacks on commercial vessels", "mass arrests")
                continue
            if _caption(doc, m.start):
                continue  # "FILE - X discusses ... in 2016": a photo's caption, not the story's event
            out.append(
                Claim(
                    article_id=aid,
                    evidence=_evidence(doc, (m.start, m.end)),
                    source=author,
                    stance=event_stance("asserts", m.negated, questioned_span(doc, (m.start, m.end))),
                    hedged=m.hedged,
                    # an act reported through a cue ("the President noted the need ...") is framed
                    # by that cue; else by the reporter's own wording
                    framing=cue_framing.get(m.pred) or author_framing(doc, (m.start, m.end)),
                    event=m.event,
                    rule=f"author; {m.rule}",
                )
            )
    out.sort(key=lambda c: (c.evidence.start, c.evidence.end))
    return _without_repeats(out)


def _full_source(doc: Doc, a: Attribution, src: Source) -> Source:
    """A bare attribution reports its source as the whole noun phrase (appositives, relative
    clause), as PolNeAR marks it; the name stays the one resolved from the short mention."""
    if a.source_span is None or src.start is None:
        return src
    s, e = full_mention(doc, a.source_span[0], a.source_span[1], a.cue_tokens)
    if (s, e) == a.source_span:
        return src
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    return replace(src, text=doc_text(doc)[start:end], start=start, end=end)


def _without_repeats(claims: list[Claim]) -> list[Claim]:
    """ "Cooperation between Iran and Russia" is one event, not one per direction: of two records
    with the same evidence, source and code whose actors are swapped, keep the first. A record that
    repeats an earlier one exactly (the same event from the same source over the same evidence, got
    at a second cue) goes too: without that, one sentence of n "according to"s repeating one clause
    gave n² records."""
    seen: set[tuple[object, ...]] = set()
    out: list[Claim] = []
    for c in claims:
        ev = c.event
        if ev is None or ev.action is None:
            out.append(c)
            continue
        key = (c.evidence.start, c.evidence.end, c.source.name, c.stance, ev.action.cameo)
        exact = (*key, "exact", ev.actor1.code if ev.actor1 else None, ev.actor2.code if ev.actor2 else None)
        if exact in seen:
            continue
        seen.add(exact)
        if ev.actor1 is not None and ev.actor2 is not None:
            a1, a2 = (ev.actor1.code or "")[:3], (ev.actor2.code or "")[:3]
            if (*key, a2, a1) in seen:
                continue
            seen.add((*key, a1, a2))
        out.append(c)
    return out


def _nested(doc: Doc, a: Attribution, atts: list[Attribution]) -> bool:
    """An attribution whose cue sits inside another's content ("X said Y wants Z"): bare
    attributions are the outermost ones only, as PolNeAR annotates them. (Event records keep
    nested sources: "the officials say Iran may receive ..." inside an outlet's quote.)"""
    if a.refers_to is not None:
        return False  # "a claim Iran rejects" takes a stance on the claim around it
    cue = doc[a.cue_tokens[0]].idx
    return any(
        b is not a
        and b.content[0] <= cue < b.content[1]
        and not (b.content[0] >= a.content[0] and b.content[1] <= a.content[1])
        for b in atts
    )


def _outlet_keeps_its_sources(
    atts: list[Attribution], sources: dict[int, Source], vias: dict[int, tuple[Via, ...]]
) -> None:
    """ "NBC News, citing officials, alleged ... '...,' NBC News said": the outlet is still relaying
    the officials it cited, so the later attribution keeps that source and intermediary."""
    order = sorted(range(len(atts)), key=lambda i: atts[i].content[0])
    for n, i in enumerate(order):
        src = sources[i]
        if src.kind != "outlet" or vias[i]:
            continue
        for j in reversed(order[max(0, n - 3) : n]):
            if any(v.name == src.name for v in vias[j]) and atts[i].content[0] - atts[j].content[1] < 800:
                sources[i] = sources[j]
                vias[i] = vias[j]
                break


def merged_into_vias(
    merged: dict[int, int], i: int, atts: list[Attribution]
) -> list[tuple[int, tuple[int, int]]]:
    """The according-to sources merged into attribution ``i`` as intermediaries."""
    out = []
    for j, target in merged.items():
        span = atts[j].source_span
        if target == i and span is not None:
            out.append((j, span))
    return out


def _merge_according_to(doc: Doc, atts: list[Attribution]) -> dict[int, int]:
    """ "Kirby said ..., according to a CBS News report": the report is Kirby's intermediary.

    An according-to attribution whose content holds another attribution's cue becomes a ``via``
    of that attribution instead of a record of its own. Returns {merged index: target index}.
    """
    merged: dict[int, int] = {}
    for j, a in enumerate(atts):
        if a.rule != "according-to":
            continue
        for i, b in enumerate(atts):
            if i == j or b.rule == "according-to":
                continue
            cue_char = doc[b.cue_tokens[0]].idx
            inside = b.content[0] <= a.content[0] and a.content[1] <= b.content[1]
            if a.content[0] <= cue_char < a.content[1] or inside:
                merged[j] = i
                break
    return merged


_CAPTION = re.compile(r"\s*FILE(?:\s+PHOTO)?\s*[-–—:]")


def _caption(doc: Doc, char: int) -> bool:
    """Whether the sentence at ``char`` is a wire photo's caption ("FILE - ...", "FILE PHOTO: ...")."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span is not None and bool(_CAPTION.match(span.sent.text))


def _courtesy(doc: Doc, a: Attribution) -> bool:
    """A formula of a transcript ("Thank you very much.", "Thank you, Mr President"): thanks to
    "you" with no reason given are good manners, not an act of praise (CAMEO 051)."""
    for i in a.cue_tokens:
        tok = doc[i]
        if tok.lemma_.lower() == "thank" and not any(c.lower_ == "for" for c in tok.children):
            return any(c.dep_ in ("dobj", "dative") and c.lower_ == "you" for c in tok.children)
    return False


def _speech_act_records(
    doc: Doc,
    a: Attribution,
    src: Source,
    resolver: SourceResolver,
    atts: list[Attribution],
    sources: dict[int, Source],
    aid: str | None,
) -> list[Claim]:
    """ "Kirby accused Iran and Russia ...": the accusation itself is an event, in the author's voice."""
    code = a.cue.speech_act
    if code is None or a.negated_cue:
        return []
    speakers = _coordinated_speakers(doc, a, src)
    if not speakers:
        return []
    targets: list[tuple[str, str | None, int, int]] = []  # (text, code, start, end)
    untargeted = False
    if a.target_span is not None:
        coder = default_coder()
        span = doc[a.target_span[0] : a.target_span[1]]
        for m in coder.find(span.text):
            targets.append((m.text, m.code, span.start_char + m.start, span.start_char + m.end))
        untargeted = not targets and "+appeal" in a.rule
        if untargeted:
            # "stressed that the world community should increase pressure": an appeal to no coded actor
            targets.append((span.text, None, span.start_char, span.end_char))
        # "the policy of the US, which had led to a crisis in the Middle East": who is condemned is
        # named before the relative clause, not in it
        told = _extents(c for c in span if c.dep_ == "relcl")
        targets = [t for t in targets if not _inside(t[2], told)]
        # "condemned the Russian attack on Kyiv": the act's doer is condemned, not its target
        agents = _extents(c for c in span.root.lefts if c.dep_ in ("poss", "amod", "compound", "nmod"))
        if any(_inside(t[2], agents) for t in targets):
            targets = [t for t in targets if _inside(t[2], agents)]
        end_char = span.end_char
    elif a.refers_to is not None:
        # "a claim Iran rejects" → Iran denies (016) the claim's source
        ref = sources.get(a.refers_to)
        if ref is None or not ref.actor:
            return []
        targets.append((ref.text or ref.name or "", ref.actor, a.content[0], a.content[1]))
        end_char = a.content[1]
    else:
        return []
    start_char = src.start if src.start is not None else a.content[0]
    start_char = min(start_char, doc[a.cue_tokens[0]].idx)
    if a.refers_to is not None:
        start_char, end_char = a.content
    from .cameo import action_for

    cue = _cue(doc, a)
    out = []
    for speaker in speakers:
        actor1 = speaker.code or ""
        for text, tcode, _s, _e in targets:
            # a domestic act is kept ("the activist criticised the government": KHM -> KHMGOV);
            # only an actor aimed at itself is not one
            if (
                (not tcode and not untargeted)
                or tcode == actor1
                or (tcode and tcode[:3] == actor1[:3] and len(tcode) == len(actor1) == 3)
            ):
                continue
            target = Actor(text=text, code=tcode, start=_s, end=_e) if tcode else None
            out.append(
                Claim(
                    article_id=aid,
                    evidence=_evidence(doc, (start_char, end_char)),
                    source=resolver.author(),
                    cue=cue,
                    stance="asserts",
                    framing=a.framing,
                    event=Event(
                        actor1=speaker,
                        action=action_for(code, cue.text),
                        actor2=target,
                    ),
                    rule=f"speech-act:{a.cue.cue}",
                )
            )
    return out


def _extents(toks: Iterable[Token]) -> list[tuple[int, int]]:
    """The char extents of the subtrees of ``toks``."""
    return [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in toks]


def _inside(char: int, extents: list[tuple[int, int]]) -> bool:
    return any(lo <= char < hi for lo, hi in extents)


def _coordinated_speakers(doc: Doc, a: Attribution, src: Source) -> list[Actor]:
    """Who performs the act: "The US and UK accused Russia" is one act per accuser (the format's
    rule), so a coordinated subject of countries or organisations yields one actor each."""
    first = Actor(text=src.text, code=src.actor, start=src.start, end=src.end) if src.actor else None
    if a.source_span is None:
        return [first] if first else []
    head = doc[a.source_span[0] : a.source_span[1]].root
    conjuncts = [c for c in head.conjuncts if c.i > head.i]
    if not conjuncts or src.kind == "person":
        return [first] if first else []
    lo = head.left_edge.i
    hi = max(c.right_edge.i for c in conjuncts) + 1
    span = doc[lo:hi]
    found = [
        Actor(text=m.text, code=m.code, start=span.start_char + m.start, end=span.start_char + m.end)
        for m in default_coder().find(span.text)
    ]
    seen: set[str] = set()
    out: list[Actor] = []
    for act in found:
        key = (act.code or "")[:3]
        if key and key not in seen:
            seen.add(key)
            out.append(act)
    return out or ([first] if first else [])


def _material(m: EventMention) -> bool:
    """An event of material conflict (CAMEO roots 14-20: protests, force, assaults, fighting)."""
    code = m.event.action.cameo if m.event.action else ""
    return code[:2].isdigit() and int(code[:2]) >= 14


def _actor_country(actor: Actor | None) -> str:
    return (actor.code or "")[:3] if actor is not None else ""


def _cue(doc: Doc, a: Attribution) -> Cue:
    toks = sorted(a.cue_tokens)
    start = doc[toks[0]].idx
    end = doc[toks[-1]].idx + len(doc[toks[-1]].text)
    return Cue(text=doc_text(doc)[start:end], lemma=a.cue.cue, start=start, end=end)


def _evidence(doc: Doc, span: tuple[int, int]) -> Evidence:
    s, e = span
    return Evidence(start=s, end=e, text=doc_text(doc)[s:e])


__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractOptions",
    "ExtractionPool",
    "Via",
    "claims_from_doc",
    "extract",
    "extract_articles",
    "political_source",
]
