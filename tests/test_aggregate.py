"""Claim clusters: which records group together, who asserts and denies, originators and echoes."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from claimgraph.aggregate import Cluster, Report, block_of, build_clusters, parse_when
from claimgraph.sameevent import object_head


def report(
    claim_id: int,
    article_id: str,
    outlet: str,
    published: str | None,
    *,
    source: str | None = "William Burns",
    kind: str = "person",
    actor: str | None = "USASPY",
    stance: str = "asserts",
    via: tuple[str, ...] = (),
    a1: str = "IRN",
    a2: str | None = "RUS",
    cameo: str = "072",
    obj: str | None = "drones",
) -> Report:
    return Report(
        claim_id=claim_id,
        article_id=article_id,
        outlet=outlet,
        published=published,
        source_name=source,
        source_kind=kind,
        source_actor=actor,
        stance=stance,
        via=via,
        actor1=a1,
        actor2=a2,
        cameo=cameo,
        object=obj,
        actor1_text="Iran",
        actor2_text="Russia",
    )


# The hand-built case: an originator, an echo, a denial.
#   A  Mehr, 1 Mar:   Burns (CIA) says Iran supplies drones to Russia            → originator
#   B  Reuters, 3 Mar: "according to Mehr", the same claim by Burns               → echo of A (via)
#   C  TASS, 5 Mar:   Iran's foreign ministry denies supplying Shahed drones      → denial, originator
THREE = [
    report(1, "A", "Mehr", "2023-03-01T09:00:00+03:30"),
    report(2, "B", "Reuters", "2023-03-03", via=("Mehr",)),
    report(
        3,
        "C",
        "TASS",
        "2023-03-05",
        source="Nasser Kanaani",
        actor="IRNGOV",
        stance="denies",
        obj="Shahed drones",
        cameo="0722",
    ),
]


def roles(c: Cluster) -> dict[int, tuple[str, int | None, str | None]]:
    return {m.claim_id: (m.role, m.echo_of, m.echo_via) for m in c.members}


def test_three_articles_one_cluster() -> None:
    [c] = build_clusters(THREE)
    assert (c.actor1, c.actor2, c.root, c.object) == ("IRN", "RUS", "07", "drone")
    assert (c.first_seen, c.last_seen) == ("2023-03-01", "2023-03-05")
    assert (c.n_claims, c.n_articles, c.n_outlets) == (3, 3, 3)
    assert (c.n_asserting, c.n_denying, c.n_questioning) == (1, 1, 0)
    assert roles(c) == {
        1: ("originator", None, None),
        2: ("echo", 1, "Mehr"),
        3: ("originator", None, None),
    }
    assert c.label == "Iran → provide aid (072) → Russia: drones"


def test_deterministic_whatever_the_input_order() -> None:
    expected = build_clusters(THREE)
    for seed in range(5):
        shuffled = THREE[:]
        random.Random(seed).shuffle(shuffled)
        assert build_clusters(shuffled) == expected


def test_later_report_of_the_same_source_is_an_echo() -> None:
    rs = [
        report(1, "A", "Mehr", "2023-03-01"),
        report(2, "B", "Reuters", "2023-03-02"),
        report(3, "C", "AP", "2023-03-01"),
    ]
    [c] = build_clusters(rs)
    # two outlets carry it on the first day: both originators; the next day's report echoes the first
    assert roles(c) == {1: ("originator", None, None), 2: ("echo", 1, None), 3: ("originator", None, None)}


def test_author_voice_is_an_originator_and_uncarried_via_an_echo() -> None:
    rs = [
        report(1, "A", "Reuters", "2023-03-02", source="Reuters", kind="author", actor=None),
        report(
            2, "B", "TASS", "2023-03-01", source="officials", kind="anonymous", actor=None, via=("NBC News",)
        ),
    ]
    [c] = build_clusters(rs)
    assert roles(c) == {1: ("originator", None, None), 2: ("echo", None, "NBC News")}


def test_time_window_counts_from_the_first_report() -> None:
    """An accusation repeats for weeks (30 days); ``window_days`` overrides such families."""
    rs = [
        report(1, "A", "X", "2023-01-01", cameo="112"),
        report(2, "B", "Y", "2023-01-25", cameo="112"),
        report(3, "C", "Z", "2023-02-05", cameo="112"),
    ]
    assert [c.n_claims for c in build_clusters(rs)] == [2, 1]  # C is 35 days after A
    assert [c.n_claims for c in build_clusters(rs, window_days=40)] == [3]


def test_undated_claims_join_by_event_key() -> None:
    rs = [report(1, "A", "X", "2023-01-01"), report(2, "B", "Y", None), report(3, "C", "Z", None, a2="UKR")]
    clusters = build_clusters(rs)
    assert [sorted(m.claim_id for m in c.members) for c in clusters] == [[1, 2], [3]]
    assert clusters[1].first_seen is None


def test_denial_joins_the_latest_cluster_however_late() -> None:
    rs = [
        report(1, "A", "X", "2023-01-01"),
        report(2, "B", "Y", "2023-03-01"),  # a new episode: past the window
        report(3, "C", "Z", "2023-06-01", source="Iran", kind="country", actor="IRN", stance="denies"),
    ]
    first, second = build_clusters(rs)
    assert [m.claim_id for m in first.members] == [1]
    assert [m.claim_id for m in second.members] == [2, 3] and second.n_denying == 1


def test_denial_before_any_assertion_joins_it_within_the_window() -> None:
    rs = [
        report(1, "A", "X", "2023-01-10"),
        report(2, "B", "Y", "2023-01-01", stance="questions", source="Kremlin"),
    ]
    [c] = build_clusters(rs)
    assert c.first_seen == "2023-01-01" and c.n_questioning == 1


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        ("drones", "Shahed drones", True),
        ("drones", None, False),  # one side missing, and nothing else in common: not one event
        ("drones", "oil", False),
        ("shipments of drones", "drones", True),
    ],
)
def test_objects_must_be_compatible(a: str | None, b: str | None, together: bool) -> None:
    rs = [report(1, "A", "X", "2023-01-01", obj=a), report(2, "B", "Y", "2023-01-02", obj=b)]
    assert (len(build_clusters(rs)) == 1) is together


@pytest.mark.parametrize(
    ("other", "together"),
    [
        ({"cameo": "0711"}, True),  # same root
        ({"cameo": "190"}, False),
        ({"a1": "IRNGOV"}, True),  # same country
        ({"a2": "UKR"}, False),
        ({"a2": None}, False),  # a missing target fits any target, but only the object agrees here
    ],
)
def test_event_key(other: dict[str, str | None], together: bool) -> None:
    rs = [report(1, "A", "X", "2023-01-01"), report(2, "B", "Y", "2023-01-02", **other)]  # type: ignore[arg-type]
    assert (len(build_clusters(rs)) == 1) is together


def test_records_without_actor_or_code_are_left_out() -> None:
    assert build_clusters([report(1, "A", "X", "2023-01-01", a1="")]) == []


@pytest.mark.parametrize(
    ("obj", "head"),
    [
        ("drones", "drone"),
        ("Su-35 fighter jets", "jet"),
        ("shipments of drones", "drone"),
        ("sanctions", "sanction"),
        ("the supplies", "supply"),
        ("", None),
        (None, None),
        ("arms for Russia", "arm"),
        ("the transfer of weapons the Kremlin is deploying against Ukraine", "weapon"),
        ("drones, which Iran denies", "drone"),
    ],
)
def test_object_head(obj: str | None, head: str | None) -> None:
    assert object_head(obj) == head


def test_parse_when() -> None:
    assert parse_when("2023-03-01T09:00:00+03:30") is not None
    assert str(parse_when("Wed, 01 Mar 2023 10:00:00 GMT")) == "2023-03-01 10:00:00"
    assert parse_when("not a date") is None


def test_a_denial_of_any_support_contests_support_of_another_kind() -> None:
    """ "Kabul says Pakistan provides sanctuaries" / "Pakistan denies giving any support": a
    denial's general object (clusters/general_objects.txt) denies every object of its kind."""
    said = report(
        1,
        "a1",
        "X",
        "2024-03-01",
        source="Kabul",
        actor="AFGGOV",
        a1="PAK",
        a2="AFG",
        cameo="070",
        obj="sanctuaries",
    )
    denied = report(
        2,
        "a1",
        "X",
        "2024-03-01",
        source="Islamabad",
        actor="PAKGOV",
        a1="PAK",
        a2="AFG",
        cameo="070",
        obj="any support",
        stance="denies",
    )
    (c,) = build_clusters([said, denied])
    assert c.n_denying == 1 and c.object == "sanctuary"
    # an assertion of "support" stays apart from one of "sanctuaries"
    other = report(
        3,
        "a2",
        "Y",
        "2024-03-01",
        source="Tehran",
        actor="IRNGOV",
        a1="PAK",
        a2="AFG",
        cameo="070",
        obj="support",
    )
    assert len(build_clusters([said, other])) == 2


# ---- thanks are a report of the act thanked for --------------------------------------------------
def said(
    claim_id: int,
    article: str,
    published: str,
    a1: str,
    a2: str | None,
    cameo: str,
    action: str,
    evidence: str,
    obj: str | None = None,
) -> Report:
    """A record with its trigger and evidence words (what thanks are recognised and compared by)."""
    r = report(claim_id, article, "Kyiv", published, a1=a1, a2=a2, cameo=cameo, obj=obj)
    return replace(r, action_text=action, evidence_text=evidence)


SUPPORT = said(1, "X", "2022-02-03", "TUR", "UKR", "050", "support", "Turkey continues to support Ukraine")


def test_thanks_join_the_reverse_act_they_thank_for() -> None:
    # B supports A (05); later in the same article A thanks B: one event, told from both sides
    thanks = said(2, "X", "2022-02-03", "UKRGOV", "TURGOV", "051", "thanked", "Zelensky thanked Erdogan")
    clusters = build_clusters([thanks, SUPPORT])
    assert len(clusters) == 1
    c = clusters[0]
    # the act opens the cluster and names it, whichever report was stored first
    assert (c.actor1, c.actor2, c.root, c.origin) == ("TUR", "UKR", "05", 1)


def test_thanks_for_assistance_join_the_aid_and_the_owner_of_the_object_is_thanked() -> None:
    aid = said(
        1, "W", "2022-05-06", "USA", "UKR", "072", "provided",
        "The United States has provided security assistance to Ukraine", obj="security assistance",
    )  # fmt: skip
    # "We appreciate the assistance of the United States to Ukraine": the target is the speaker's
    # own country, the one thanked is the owner of the object
    thanks = said(
        2, "K", "2022-04-25", "UKRGOV", "UKR", "051", "appreciate",
        "We appreciate the assistance of the United States to Ukraine",
        obj="the assistance of the United States",
    )  # fmt: skip
    assert len(build_clusters([aid, thanks])) == 1


def test_praise_that_is_not_thanks_and_thanks_for_another_kind_of_act_stay_apart() -> None:
    praised = said(2, "X", "2022-02-03", "UKRGOV", "TURGOV", "051", "praised", "he praised them")
    visit = said(3, "X", "2022-02-03", "UKRGOV", "TURGOV", "051", "thanked", "thanked", obj="his visit")
    nobody = said(4, "X", "2022-02-03", "UKRGOV", None, "051", "thanked", "he thanked them")
    clusters = build_clusters([SUPPORT, praised, visit, nobody])
    by_claim = {m.claim_id: c for c in clusters for m in c.members}
    # the support stands alone: praise is not thanks, a visit is another act, and a thanks with no
    # one thanked is praise like any other (it may join the praise: same speaker, same article)
    assert [m.claim_id for m in by_claim[1].members] == [1]
    assert [m.claim_id for m in by_claim[3].members] == [3]
    # a cluster of thanks alone says what it was thanks for, in the thanked one's direction
    assert by_claim[3].actor1 == "TUR" and "thanked for visit" in by_claim[3].label


def test_thanks_are_stored_in_the_block_of_the_act_so_an_ingest_rebuilds_them_together() -> None:
    thanks = said(2, "X", "2022-02-03", "UKRGOV", "TURGOV", "051", "thanked", "he thanked them")
    praise = said(3, "X", "2022-02-03", "UKRGOV", "TURGOV", "051", "praised", "he praised them")
    assert block_of(thanks) == block_of(SUPPORT) != block_of(praise)


def test_a_thanks_that_does_not_say_what_for_stays_in_its_own_article() -> None:
    """ "Xi thanked Putin" (4 February) is not Putin's congratulations three weeks later, however
    alike the names: a thanks with no telling object joins only its own article's report."""
    congratulated = said(1, "B", "2022-02-25", "RUSGOV", "CHNGOV", "051", "congratulated",
                         "Vladimir Putin congratulated Xi Jinping")  # fmt: skip
    thanked = said(
        2, "A", "2022-02-04", "CHNGOV", "RUSGOV", "051", "thanked", "Xi Jinping thanked Vladimir Putin"
    )
    assert len(build_clusters([congratulated, thanked])) == 2


def test_a_store_dates_what_was_said_at_a_call_like_the_call_when_reclustering(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The meetings of an article are read from all its records, whichever blocks a recluster loads."""
    from claimgraph.store import Store
    from test_store import make_article, make_claim

    def readout(article_id: str, day: str) -> None:
        said = "The leaders agreed to maintain contacts"
        claims = [
            make_claim(
                article_id, actor1="RUSGOV", actor2="TURGOV", cameo="041", obj=None, evidence="a call"
            ),
            make_claim(article_id, actor1="RUS", actor2="TUR", cameo="030", obj=None, evidence=said),
        ]
        s.add_article(make_article(article_id, published=day), claims, extractor_version="v")

    def intent_clusters() -> int:
        return sum(1 for c in s.clusters() if c.root == "03")

    with Store(f"sqlite:///{tmp_path}/s.db") as s:
        readout("r1", "2022-03-06")
        s.recluster()
        readout("r2", "2022-03-17")
        s.recluster()  # incremental: only the blocks of r2's records
        assert intent_clusters() == 2
        s.recluster(full=True)
        assert intent_clusters() == 2
