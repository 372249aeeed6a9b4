"""Claim clusters: one event as reported across articles, with who asserts, denies or questions it.

Event datasets count an event once per article that mentions it. A claim cluster instead gathers
every claim record, across articles and outlets, that is about the *same* event, and keeps the
attribution: who asserts it, who denies it, who casts doubt on it, and which reports are first-hand
(originators) and which repeat an earlier report (echoes).

How clusters are formed
=======================

A record takes part when its event has an actor1 code and a CAMEO code (an uncoded claim, ``event:
null``, never does). Whether two records report the same event is decided by similarity
(``claimgraph.sameevent``), not by an exact key:

1. **Block.** Records are grouped cheaply by event *family* (CAMEO codes that describe one kind of
   event, ``data/clusters/families.tsv``: seize / occupy / annex are one family; a
   material-conflict record triggered by a word naming a lasting state, "aggression", "invasion",
   "blockade" (``data/clusters/states.tsv``), is in that state's family whatever its code: the war
   waged on a country apart from the occupation of a territory; a thanks record, "X thanked Y", is
   in the family of the act thanked for, Y→X, ``data/clusters/thanked_for.tsv``) and
   country: actor1's, or for a symmetric family (calls, meetings, talks, visits) the lower of the
   two countries, so X→Y and Y→X meet. Clusters never cross blocks, so blocks are built apart and
   an ingest rebuilds only the blocks its new records fall in (``Store.recluster``).
2. **Order.** Within a block, records are taken by the event's own date (resolved from the text:
   "on Monday", "in 2014"; else the publication day), then publication day, then a fingerprint of
   the report's words and source, then claim id: a re-published copy ties with its original, and
   the one stored first stays first.
3. **Assign.** Each record joins the best-fitting cluster or opens one. It fits when the actors
   agree (either direction for symmetric families; a missing target fits any), the event dates are
   within the family's window of the cluster's first report (a call or a strike: one day; an
   occupation: any time when the reports name the same place or thing), the object heads agree
   where the object identifies the event ("fertiliser" ≠ "grain"), the places agree where places
   do (strikes on two towns), and the content words of evidence, object and action are similar
   enough — unless actors and date (or object) already settle it, or, for a lasting state, the
   same two countries naming the same place or none (an invasion is one state however worded).
   A date settles it only when both reports are dated to the day ("last year" or "in April" does
   not say which call); a report with no date at all joins another article's cluster only when
   both name the same place or a particular thing. A verbal act between the two parties of a
   meeting or call its own article reports ("the leaders agreed to stay in contact") was said at
   that meeting and is dated like it (``sameevent.said_at``, ``Report.meetings``). Words that say
   who speaks (a speaker's name; for a verbal act, the names of its own countries) are not words
   two reports share. An IGO, NGO or MNC code is a party of its own (the UN is not NATO).
   Among fitting clusters the one with the most similar words wins (the same article and the
   same named place or object count for more); ties go to the latest.
4. **Denials and doubts.** Records with stance ``denies`` or ``questions`` carry the event they
   deny and are placed after all assertions, by the same similarity, up to a year after the event;
   failing that they open a cluster of their own.

Per cluster
===========

``first_seen`` / ``last_seen`` (publication days), the articles and distinct outlets, and the
asserting, denying and questioning **sources** — counted by source name + actor code, where an
article's author is the outlet itself.

Each report (record) is an **originator** or an **echo**:

- an *echo* when its ``via`` names an outlet that carried the cluster earlier (``echo_of`` is that
  outlet's first report), or names an outlet we do not hold: citing another outlet is second-hand
  by definition (``echo_of`` is then empty, ``echo_via`` names the outlet);
- an *originator* when the source speaks in its own voice: the author, or the outlet itself;
- otherwise, among the reports of the same source taking the same stance, the first one published
  is the originator (all of them, when several share the first date) and every later one — in
  another outlet, or a later article of the same outlet — is an echo of it. Undated reports are
  originators only when no report of that source's claim is dated.

Identity
========

A cluster is identified by its key (actor1 | actor2 | root | object head of its first report) and
its **origin**: the report that opened it. Later reports, denials and echoes joining it do not
change that, so a recluster gives a cluster the id it had before whenever its origin is the same
(``store/clusters.py``); when clusters merge or split, the ids that go redirect to the cluster that
holds most of their reports.

``build_clusters`` is a pure function of its input, so re-running it gives the same clusters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

import pycountry

from .contest import disputes, source_key
from .sameevent import (
    LASTING_DAYS,
    MIN_WORDS,
    Signature,
    actor_words,
    content_words,
    cosine,
    day_interval,
    domestic_sides,
    family_for,
    fingerprint,
    gap,
    general_object,
    is_verbal,
    names,
    object_head,
    participant_words,
    participants_agree,
    party,
    person_names,
    persons_differ,
    place_names,
    reach,
    said_at,
    sides_agree,
    thanked_family,
    vague_object,
    window_for,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One claim record as clustering sees it (the store builds these from its rows)."""

    claim_id: int
    article_id: str
    outlet: str | None
    published: str | None  # as the article gives it: an ISO date or datetime, or RFC 2822
    source_name: str | None
    source_kind: str
    source_actor: str | None
    stance: str
    via: tuple[str, ...]
    actor1: str | None
    actor2: str | None
    cameo: str | None
    root: str | None = None
    object: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    action_name: str | None = None
    action_text: str | None = None
    evidence_text: str | None = None
    event_date: str | None = None  # as the extractor resolved it from the text: YYYY, YYYY-MM or YYYY-MM-DD
    # a denial or doubt that may make its cluster contested (claimgraph.contest); a weak one is
    # still a member, but not a denying or questioning source
    confident: bool = True
    # the store's key of the speaker (store/speakers.py): one source however articles named them
    source_key: str | None = None
    # the country pairs (sorted) of the meetings and calls the report's article reports
    # (``meetings_by_article``): a verbal act between them was said there (``sameevent.said_at``)
    meetings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A report's place in its cluster."""

    claim_id: int
    role: str  # originator | echo
    echo_of: int | None = None
    echo_via: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Cluster:
    """One cluster as built: the event, its counts, and its members with their roles."""

    key: str
    label: str
    actor1: str
    actor2: str | None
    root: str
    cameo: str
    object: str | None
    first_seen: str | None
    last_seen: str | None
    n_claims: int
    n_articles: int
    n_outlets: int
    n_asserting: int
    n_denying: int
    n_questioning: int
    members: tuple[Member, ...]
    origin: int  # claim id of the report that opened the cluster: with ``key``, its identity
    block: str = ""  # family|country: clusters of one block are built together, blocks apart


# CAMEO root names (CAMEO 1.1b3 manual), for labels when records carry no action name
CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
    "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence",
}  # fmt: skip
# pycountry names that read badly in a sentence
_COUNTRY_NAMES = {
    "RUS": "Russia",
    "USA": "the United States",
    "GBR": "the United Kingdom",
    "NLD": "the Netherlands",
}


def report_head(r: Report) -> str | None:
    """The object head a report is clustered by; a denial's or doubt's general object ("denies
    giving any support", ``clusters/general_objects.txt``) names none: it denies every object of
    its kind, so it fits the cluster of whatever was given."""
    head = object_head(r.object)
    if r.stance != "asserts" and head is not None and general_object(head):
        return None
    return head


@lru_cache(maxsize=20_000)
def parse_when(value: str | None) -> datetime | None:
    """A publication time as naive UTC (ISO dates and datetimes, RFC 2822), or None."""
    if not value:
        return None
    s = value.strip()
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
            if m:
                try:
                    dt = datetime(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return None
    if dt is not None and dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


@lru_cache(maxsize=1024)
def _country_name(c: str | None) -> str | None:
    if c and c in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[c]
    country = pycountry.countries.get(alpha_3=c) if c else None
    return str(getattr(country, "common_name", None) or country.name.split(",")[0]) if country else None


def actor_label(code: str | None, texts: Iterable[str | None] = ()) -> str:
    """An actor in plain words: the country's name, else the commonest mention, else the code."""
    name = _country_name(party(code))
    if name is not None:
        return name
    common = Counter(t.strip() for t in texts if t and t.strip()).most_common(1)
    return common[0][0] if common else (code or "someone")


# --- clustering ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    report: Report
    when: datetime | None  # publication time: first/last seen, originators and echoes
    sig: Signature
    block: str
    rank: tuple[int, int, str, int]
    # 0: a report of the act itself; 1: thanks for it (reported from the other side); 2: a denial
    # or doubt. Each stage joins the clusters the earlier ones built, so the act opens its cluster
    stage: int = 0
    # a thanks that does not say what for ("X thanked Y"): it can only be the act its own article
    # reports, so it joins no cluster without a report of that article
    tied: bool = False

    def order(self) -> tuple[int, int, str, int]:
        """Clustering order: the event's day, then publication, then the report's words (so a
        re-published copy ties with its original and the one stored first opens the cluster)."""
        return self.rank

    def published(self) -> tuple[bool, datetime, str, int]:
        """Publication order, for originators and echoes."""
        return (self.when is None, self.when or datetime.min, self.report.article_id, self.report.claim_id)


_UNDATED = 10**9
SAME_ARTICLE_DAYS = 7
"""How far a report the text does not date may be from a dated report of the same article and
cluster: "the plane shot down last Tuesday ... when it shot down the plane" is one event, told on
Thursday (two calls the article tells apart are both dated)."""


def _object_owner(obj: str | None) -> str | None:
    """The country whose act an object names ("the assistance of the United States" → USA), or None."""
    if not obj or " of " not in obj:
        return None
    from .actors import default_coder  # deferred: the name tables load only for such a record

    return default_coder().country_of(obj.split(" of ", 1)[1])


def _item(r: Report, window_days: int | None) -> _Item | None:
    if not r.actor1 or not r.cameo:
        return None  # an uncoded claim (event: null) never forms a cluster
    a1 = party(r.actor1) or ""
    a2 = party(r.actor2)
    head = report_head(r)
    # "X thanked Y (for his support)": the report, from X's side, of Y's act for X (a thanks with
    # no one else thanked is praise like any other)
    thanked = thanked_family(r.cameo, r.action_text, head)
    if thanked is not None and (a2 is None or a2 == a1):
        a2 = _object_owner(r.object)  # "we appreciate the assistance of the United States"
    if a2 is None or a2 == a1:
        thanked = None
    tied = False
    if thanked is not None:
        fam, kind_only = thanked
        a1, a2 = a2 or "", a1
        head = None if kind_only else head
        tied = not kind_only  # not said what for: its own article's act (_Item.tied)
    else:
        fam = family_for(r.cameo, r.action_text)
    if window_days is not None and fam.window is not None and not fam.punctual:
        fam = replace(fam, window=window_days)
    if thanked is None and a2 and a2 != a1:
        fam = said_at(fam, r.cameo, (min(a1, a2), max(a1, a2)), r.meetings)
    target_text = r.actor2_text
    if a2 == a1 and not fam.symmetric:
        # "RUS→RUS 19" is "RUS 19": the target's code adds nothing, but its words may be the place
        # ("using chemical weapons in Khan Sheikhoun" coded SYR→SYR)
        a2, target_text = None, None
    when = parse_when(r.published)
    pub = when.date().toordinal() if when else None
    event = day_interval(r.event_date) or ((pub, pub) if pub is not None else None)
    own = participant_words((a1, a2 or a1), r.evidence_text, r.object)
    words = content_words(r.evidence_text, r.object, r.action_text) - actor_words(r.actor1_text)
    if thanked is None and is_verbal(r.cameo):
        # what was said, not who to: "Ukraine calls on Canada" and "called on the citizens of
        # Ukraine" share only the country that speaks (a material act keeps it: "Russia's
        # annexation of Crimea", "Russia annexed it in 2014")
        words -= own
    sig = Signature(
        family=fam,
        actor1=a1,
        actor2=a2,
        when=event,
        words=words - actor_words(target_text),
        names=(names(r.evidence_text, leave_out=(r.actor1_text, target_text, r.action_text)) - own)
        | place_names(r.actor1_text)
        | place_names(r.actor2_text),
        head=head,
        denial=r.stance != "asserts",
        sides=None if thanked is not None else domestic_sides(r.actor1, r.actor2),
        persons=_persons(r) if fam.symmetric else (),
    )
    country = min(sig.countries) if fam.symmetric and a2 else a1
    rank = (
        event[0] if event else _UNDATED,
        pub if pub is not None else _UNDATED,
        fingerprint(r.evidence_text, r.source_name, r.stance, r.cameo),
        r.claim_id,
    )
    stage = 2 if sig.denial else int(thanked is not None)
    return _Item(r, when, sig, f"{fam.name}|{country}", rank, stage, tied)


def _persons(r: Report) -> tuple[tuple[str, frozenset[str]], ...]:
    """The named people of a report's two sides, by party (a bare title names no one)."""
    out = (
        (party(code), person_names(text))
        for code, text in ((r.actor1, r.actor1_text), (r.actor2, r.actor2_text))
    )
    return tuple((p, ws) for p, ws in out if p and ws)


@dataclass(slots=True)
class _Building:
    opener: _Item
    actor2: str | None
    head: str | None
    names: set[str]
    items: list[_Item] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    persons: dict[str, set[str]] = field(default_factory=dict)  # party -> name words of its people
    reported: tuple[int, int] | None = None  # first and last publication day of its reports

    def add(self, item: _Item) -> None:
        self.items.append(item)
        self.articles.add(item.report.article_id)
        self.names |= item.sig.names
        for p, ws in item.sig.persons:
            self.persons.setdefault(p, set()).update(ws)
        pub = item.rank[1]
        if pub != _UNDATED:
            lo, hi = self.reported or (pub, pub)
            self.reported = (min(lo, pub), max(hi, pub))
        if self.actor2 is None and item.sig.actor2 is not None and item.sig.actor2 != self.opener.sig.actor1:
            self.actor2 = item.sig.actor2
        if self.head is None:
            self.head = item.sig.head

    def sample(self) -> list[_Item]:
        """The reports words are compared with: the first ones and the latest ones, bounded."""
        its = self.items
        return its if len(its) <= _SAMPLE else its[: _SAMPLE // 2] + its[-_SAMPLE // 2 :]


_PAIRED_DAYS = 14
"""A symmetric family (talks, visits, calls) whose window is at most this many days: two reports of
the same two parties inside it are one event, whatever their words."""
_SAMPLE = 24
_SAME_ARTICLE = 0.3
_SHARED_NAME = 0.2
_SAME_HEAD = 0.2


def _score(b: _Building, it: _Item) -> float | None:
    """How well ``it`` fits ``b`` (higher is better), or None when it cannot be the same event."""
    s, o = it.sig, b.opener.sig
    fam = s.family
    if it.tied and it.report.article_id not in b.articles:
        return None
    if not participants_agree(fam, s.actor1, s.actor2, o.actor1, b.actor2 or o.actor2):
        return None
    if not sides_agree(s.sides, o.sides):
        return None  # inside one country: the police killing people is not people killing people
    if persons_differ(s.persons, b.persons):
        return None  # Sullivan meeting Gallant is not Gordon meeting Herzog, though both are USA-ISR
    shared = bool(s.names & b.names)
    known = s.actor2 is not None and (b.actor2 or o.actor2) is not None
    # a war on a country is fought in many places: with both targets known, places do not tell
    wide = fam.country and known
    if fam.place_window is not None and s.names and b.names and not shared and not wide:
        return None  # strikes on two towns; operations in Jenin and in Gaza
    same_head = s.head is not None and s.head == b.head
    if fam.object_matters and s.head and b.head and not same_head:
        return None  # fertiliser exports are not grain exports
    w = window_for(fam, shared, same_head, s.denial)
    apart = gap(s.when, o.when)
    if s.denial and s.when is not None and b.reported is not None:
        # a denial answers the accusation when it is made: a finding published in 2020 about an
        # attack of 2018 is denied in 2020
        apart = min(apart, gap(s.when, b.reported))
    if w is not None and apart > w and not _told_together(b, it):
        return None
    # a denial may come months after the act (DENIAL_DAYS), but then its day no longer says which
    # act it denies: "did not discuss it" in March is not the talks of June
    own = window_for(fam, shared, same_head, False)
    late = s.denial and own is not None and apart > own
    if late and s.when is not None and o.when is not None and s.when[1] < o.when[0]:
        return None  # a denial answers an act reported before it, not one a month later
    dated = s.when is not None and o.when is not None
    named = shared or (same_head and s.head is not None and not vague_object(s.head))
    if not dated and fam.window is not None and not named and it.report.article_id not in b.articles:
        # with no day to compare, only a place or thing both name says another article's report
        # is the same act ("full control of Aleppo", "drones"); "to discuss economic and security
        # issues" is said at every meeting
        return None
    words = max(cosine(s.words, m.sig.words) for m in b.sample())
    score = (
        words
        + _SAME_ARTICLE * (it.report.article_id in b.articles)
        + _SHARED_NAME * shared
        + _SAME_HEAD * same_head
    )
    # who did it to whom, and when or with what, settle it; otherwise the words must agree. A
    # lasting state (an invasion, an occupation) of one country by another within LASTING_DAYS is
    # one state however it is worded ("aggression", "invasion"), unless one report names a place
    # the other does not (the occupation of Crimea is not that of Bucha) where places matter
    state = fam.window is None and (shared or wide or not (s.names or b.names))
    # a day settles it only when both reports have one: an undated report (no date in the text,
    # no publication date) is no evidence of the same day, nor is a month or a year ("killed
    # last year", "his visit in April"): such reports must agree in words
    # talks between the same two parties within the family's fortnight are one round of talks
    # however they are worded ("the negotiations between Russian and Ukrainian representatives",
    # "the ongoing talks"): a symmetric family's window is short enough to say so
    paired = fam.symmetric and dated and not late and fam.window is not None and fam.window <= _PAIRED_DAYS
    settled = known and ((fam.punctual and _same_day(s, o) and not late) or same_head or state or paired)
    # a denial by the accused of such an act at the place the reports name denies that act, however
    # it words it ("denied using chemical weapons in Saraqib" against "dropped chlorine on Saraqib")
    settled = settled or (s.denial and shared and fam.place_window is not None)
    return score if settled or score >= MIN_WORDS else None


def _same_day(s: Signature, o: Signature) -> bool:
    """Whether both reports are dated to the day (or to a span no longer than their family's
    window): only then does the date say they are one punctual event."""
    if s.when is None or o.when is None:
        return False
    span = max(s.family.window or 0, 1)
    return s.when[1] - s.when[0] < span and o.when[1] - o.when[0] < span


def _told_together(b: _Building, it: _Item) -> bool:
    """Whether ``it`` and the cluster's opener come from one article that dates only one of them,
    within :data:`SAME_ARTICLE_DAYS`: the undated one is the event the article dated."""
    o = b.opener
    if it.report.article_id != o.report.article_id or bool(it.report.event_date) == bool(o.report.event_date):
        return False
    return gap(it.sig.when, o.sig.when) <= SAME_ARTICLE_DAYS


class _Index:
    """A block's clusters by *partner* country (the target; for a symmetric family the country that
    is not the block's), each list sorted by the day of the cluster's first report: a report is
    scored only against clusters it could join, not against the whole block."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.by_partner: dict[str | None, list[tuple[int, int]]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.undated: list[int] = []
        self.longest = 0  # the longest opener interval (days): a month or a year starts early

    def partner(self, sig: Signature) -> str | None:
        if not sig.family.symmetric:
            return sig.actor2
        others = sorted(sig.countries - {self.country})
        return others[0] if others else None

    def add(self, i: int, when: tuple[int, int] | None, partner: str | None) -> None:
        if when is None:
            self.undated.append(i)
        else:
            insort(self.by_partner.setdefault(partner, []), (when[0], i))
            self.longest = max(self.longest, when[1] - when[0])

    def name(self, i: int, names: Iterable[str]) -> None:
        for n in names:
            lst = self.by_name.setdefault(n, [])
            if not lst or lst[-1] != i:
                lst.append(i)

    def candidates(self, it: _Item) -> list[int]:
        """Clusters worth scoring: first report within reach in time with a fitting partner, ones
        naming the same place (lasting events), undated ones."""
        sig, fam = it.sig, it.sig.family
        p = self.partner(sig)
        keys = [p, None] if p is not None else list(self.by_partner)
        out: list[int] = list(self.undated)
        if sig.when is None:
            for k in keys:
                out.extend(i for _, i in self.by_partner.get(k, ())[-_UNDATED_REACH:])
        else:
            widest = window_for(fam, True, True, sig.denial)
            span = widest if widest is not None else LASTING_DAYS
            lo = sig.when[0] - span - SAME_ARTICLE_DAYS - self.longest  # "in April" ends in May
            hi = sig.when[1] + span + SAME_ARTICLE_DAYS
            for k in keys:
                lst = self.by_partner.get(k, [])
                out.extend(i for _, i in lst[bisect_left(lst, (lo, -1)) : bisect_right(lst, (hi, _UNDATED))])
        if fam.window is None or sig.denial:  # a lasting state, or a denial of a report of any age
            for n in sig.names:
                out.extend(self.by_name.get(n, ()))
        return list(dict.fromkeys(out))


_UNDATED_REACH = 200


def _cluster_block(country: str, items: Sequence[_Item]) -> list[_Building]:
    """Greedy assignment in event order: each report joins the best-fitting cluster or opens one.

    Assertions go first, so a denial attaches to the event it denies rather than opening it;
    among assertions the reports of the act go before thanks for it (``_Item.stage``).
    """
    built: list[_Building] = []
    index = _Index(country)
    for stage in (0, 1, 2):
        for it in items:
            if it.stage != stage:
                continue
            best: tuple[float, int] | None = None
            for i in index.candidates(it):
                sc = _score(built[i], it)
                if sc is not None and (best is None or (sc, i) > best):  # ties: the latest cluster
                    best = (sc, i)
            if best is None:
                target = len(built)
                built.append(_Building(it, it.sig.actor2, it.sig.head, set()))
                built[target].add(it)
                index.add(target, it.sig.when, index.partner(it.sig))
            else:
                target = best[1]
                b = built[target]
                had = b.actor2
                b.add(it)
                if had is None and b.actor2 is not None and b.opener.sig.when is not None:
                    # the cluster now has a target: reports aimed at it find it too
                    index.add(
                        target, b.opener.sig.when, index.partner(replace(b.opener.sig, actor2=b.actor2))
                    )
            index.name(target, it.sig.names)
    return built


def block_of(report: Report) -> str | None:
    """The block a report is clustered in (event family|country), or None when it forms no cluster."""
    it = _item(report, None)
    return it.block if it is not None else None


def rebuild_from(fresh: Iterable[Report], stale: Iterable[str]) -> tuple[set[str], dict[str, str]]:
    """What an incremental recluster rebuilds for these new reports: whole blocks (``stale`` ones,
    lasting families, undated reports) and, per other block, the day from which its clusters must be
    rebuilt: the earliest new report's day less the family's reach (``sameevent.reach``). A report
    decides only among clusters opened before it within that reach, so older clusters keep theirs.
    """
    whole = set(stale)
    since: dict[str, int] = {}
    for r in fresh:
        it = _item(r, None)
        if it is None:
            continue
        span = reach(it.sig.family)
        if span is None or it.sig.when is None:
            whole.add(it.block)
        else:
            day = it.sig.when[0] - span
            since[it.block] = min(since.get(it.block, day), day)
    days = {b: date.fromordinal(max(1, d)).isoformat() for b, d in since.items() if b not in whole}
    return whole, days


def build_clusters(reports: Iterable[Report], *, window_days: int | None = None) -> list[Cluster]:
    """Group reports into claim clusters (see the module docstring); deterministic in its input.

    Each family of events has its own window (``data/clusters/families.tsv``); ``window_days``
    replaces it for every family that is neither punctual (calls, strikes, visits) nor lasting.
    """
    blocks: dict[str, list[_Item]] = {}
    for r in reports:
        it = _item(r, window_days)
        if it is not None:
            blocks.setdefault(it.block, []).append(it)
    result: list[Cluster] = []
    for block in sorted(blocks):
        items = sorted(blocks[block], key=_Item.order)
        result.extend(_finish(b, block) for b in _cluster_block(block.split("|", 1)[1], items))
    result.sort(key=lambda c: (c.first_seen is None, c.first_seen or "", c.key, c.origin))
    return result


def _source_id(r: Report) -> str:
    if r.source_key:
        return r.source_key
    return source_key(r.source_name or (r.outlet if r.source_kind == "author" else None), r.source_actor)


def _same_outlet(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    x, y = a.strip().casefold(), b.strip().casefold()
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))


def _earlier(a: _Item, b: _Item) -> bool:
    """Was ``a`` published strictly before ``b``? (A dated report precedes an undated one.)"""
    if a.when is None:
        return False
    return b.when is None or a.when < b.when


def _roles(items: Sequence[_Item]) -> list[Member]:
    members = []
    for it in items:
        r = it.report
        via = [v for v in r.via if not _same_outlet(v, r.outlet)]
        if via:
            for name in via:
                carried = [o for o in items if _same_outlet(o.report.outlet, name) and _earlier(o, it)]
                if carried:
                    first = min(carried, key=lambda o: (_source_id(o.report) != _source_id(r), o.published()))
                    members.append(
                        Member(claim_id=r.claim_id, role="echo", echo_of=first.report.claim_id, echo_via=name)
                    )
                    break
            else:
                members.append(Member(claim_id=r.claim_id, role="echo", echo_via=via[0]))
            continue
        if r.source_kind == "author" or _same_outlet(r.source_name, r.outlet):
            members.append(Member(claim_id=r.claim_id, role="originator"))
            continue
        same = [o for o in items if _source_id(o.report) == _source_id(r) and o.report.stance == r.stance]
        dated = [o for o in same if o.when is not None]
        first_when = min(o.when for o in dated if o.when is not None) if dated else None
        if first_when is None or it.when == first_when:
            members.append(Member(claim_id=r.claim_id, role="originator"))
        else:
            first = min((o for o in dated if o.when == first_when), key=_Item.published)
            members.append(Member(claim_id=r.claim_id, role="echo", echo_of=first.report.claim_id))
    return members


def _most_common(values: Iterable[str | None]) -> str | None:
    vals = [v for v in values if v]
    if len(set(vals)) <= 1:
        return vals[0] if vals else None
    counts = Counter(vals)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _finish(b: _Building, block: str) -> Cluster:
    items = sorted(b.items, key=_Item.published)
    reports = [i.report for i in items]
    op = b.opener
    a1, a2 = op.sig.actor1, b.actor2
    # thanks for the act name it by the thanks' code only when no report of the act itself is here
    acts = [i.report for i in items if i.stage != 1] or reports
    root = _most_common(r.root or (r.cameo or "")[:2] for r in acts) or (op.report.cameo or "")[:2]
    dates = [i.when for i in items if i.when is not None]
    first: date | None = min(dates).date() if dates else None
    last: date | None = max(dates).date() if dates else None
    sources: dict[str, set[str]] = {"asserts": set(), "denies": set(), "questions": set()}
    codes = {r.cameo for r in reports if r.stance == "asserts" and r.cameo}
    for r in reports:
        if r.stance == "asserts":
            sources["asserts"].add(_source_id(r))
    # a confident denial or doubt by another source, of this cluster's event (claimgraph.contest)
    dissent = [r for r in reports if r.stance != "asserts" and r.confident]
    for r in dissent:
        if disputes(_source_id(r), object_head(r.object), r.cameo, sources["asserts"], b.head, codes):
            sources.setdefault(r.stance, set()).add(_source_id(r))
    cameo = _most_common(r.cameo for r in acts) or root
    action = _most_common(r.action_name for r in acts) or f"{CAMEO_ROOTS.get(root, 'CAMEO')} ({cameo})"
    if op.stage == 1:  # only thanks: the act thanked for, in the thanked one's direction
        action = f"thanked for {op.sig.family.name.replace('-', ' ')}"
    label = f"{actor_label(a1, (r.actor1_text for r in reports))} → {action}"
    if a2:
        label += f" → {actor_label(a2, (r.actor2_text for r in reports))}"
    obj = _most_common(r.object for r in reports if object_head(r.object) == b.head)
    if obj:
        label += f": {obj}"
    op_root = op.report.root or (op.report.cameo or "")[:2]
    return Cluster(
        # the identity is the opener's: later reports never change it (store/clusters.py)
        key=f"{a1}|{op.sig.actor2 or '-'}|{op_root}|{op.sig.head or '-'}",
        label=label,
        actor1=a1,
        actor2=a2,
        root=root,
        cameo=cameo,
        object=b.head,
        first_seen=first.isoformat() if first else None,
        last_seen=last.isoformat() if last else None,
        n_claims=len(reports),
        n_articles=len({r.article_id for r in reports}),
        n_outlets=len({r.outlet.strip().casefold() for r in reports if r.outlet}),
        n_asserting=len(sources["asserts"]),
        n_denying=len(sources["denies"]),
        n_questioning=len(sources["questions"]),
        members=tuple(_roles(items)),
        origin=op.report.claim_id,
        block=block,
    )
