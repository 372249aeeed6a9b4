"""The transfers ledger: items, quantities, designations, direction, time, status, CLI and export.

Every claim here is hand-built from sentences written for these tests; the last test runs the
extractor on the shared example article (skipped when ../shared is absent).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claimgraph import transfer_items, transfers
from claimgraph.errors import LexiconError
from claimgraph.export import export
from claimgraph.model import Action, Actor, Article, Claim, Cue, Event, Evidence, Source
from claimgraph.store import QueryError, Store, StoredClaim
from claimgraph.transfer_items import item_of, items_of, parse_quantity, split_items
from claimgraph.transfers import TransferQuery, build_ledger, mentions, mentions_from_claim, time_of
from conftest import shared_path

SOURCES = {
    # name: (kind, actor code)
    "Reuters": ("outlet", "GBRMED"),
    "State Department": ("organization", "USAGOV"),
    "Kremlin": ("organization", "RUSGOV"),
    "Iranian foreign ministry": ("organization", "IRNGOV"),
    "Russian opposition": ("group", "RUSOPP"),
    "EU diplomats": ("anonymous", "EUR"),
    "Moscow daily": ("outlet", "RUSMED"),
}


def claim(
    a1: str | None,
    code: str,
    a2: str | None,
    obj: str | None,
    *,
    source: str = "State Department",
    stance: str = "asserts",
    hedged: bool = False,
    text: str | None = None,
    action: str = "supplied",
    article: str = "a1",
) -> Claim:
    """A claim record about a hand-written sentence (``text``), with its event."""
    kind, actor = SOURCES[source]
    text = text or f"{a1} {action} {obj} to {a2}"
    return Claim(
        article_id=article,
        evidence=Evidence(start=0, end=len(text), text=text),
        source=Source(text=source, name=source, kind=kind, actor=actor),
        cue=Cue(text="said", lemma="say"),
        stance=stance,
        hedged=hedged,
        event=Event(
            actor1=Actor(text=a1, code=a1) if a1 else None,
            action=Action(text=action, cameo=code),
            actor2=Actor(text=a2, code=a2) if a2 else None,
            object=obj,
        ),
    )


def stored(claims: list[Claim], published: str = "2024-05-02") -> list[StoredClaim]:
    return [
        StoredClaim(
            id=i,
            article_id=c.article_id or "a1",
            outlet="Test Wire",
            published=published,
            url=None,
            title=None,
            source_id=None,
            cluster_id=None,
            cluster_role=None,
            claim=c,
        )
        for i, c in enumerate(claims, 1)
    ]


def one_entry(*claims: Claim) -> transfers.TransferEntry:
    entries = build_ledger(mentions(stored(list(claims))))
    assert len(entries) == 1, entries
    return entries[0]


# --- quantities, items, designations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value", "exact"),
    [
        ("24 Su-35 jets", 24, True),
        ("hundreds of ballistic missiles", 200, False),
        ("two batteries", 2, True),
        ("a dozen tanks", 12, True),
        ("more than 100 drones", 100, False),
        ("the 1,200 shells", 1200, True),
        ("$1.5 billion in loans", 1_500_000_000, True),
        ("several howitzers", None, False),
    ],
)
def test_quantity_is_read_from_the_start_of_the_phrase(phrase: str, value: int | None, exact: bool) -> None:
    q = parse_quantity(phrase)
    assert q is not None and q.value == value and q.exact is exact


@pytest.mark.parametrize("phrase", ["drones", "air defence systems", "Su-35 jets", ""])
def test_no_quantity_when_none_is_given(phrase: str) -> None:
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "category", "designation"),
    [
        ("Sukhoi Su-35 fighter jets", "aircraft", "Su-35"),
        ("24 Su35 aircraft", "aircraft", "Su-35"),
        ("Shahed-136 drones", "uav", "Shahed-136"),
        ("Mohajer-6 drones", "uav", "Mohajer-6"),
        ("S-400 systems", "air-defence", "S-400"),
        ("HIMARS launchers", "artillery", "HIMARS"),
        ("Bayraktar TB2 drones", "uav", "Bayraktar TB2"),
        ("two Patriot batteries", "air-defence", "Patriot"),
        ("F-16s", "aircraft", "F-16"),
        ("Leopard 2 tanks", "armoured-vehicles", "Leopard 2"),
        ("Abrams tanks", "armoured-vehicles", "M1 Abrams"),
        ("ATACMS", "missiles", "ATACMS"),
        ("Storm Shadow missiles", "missiles", "Storm Shadow/SCALP"),
        ("Iskander-M missiles", "missiles", "Iskander"),
        ("Kinzhal missiles", "missiles", "Kinzhal"),
        ("Lancet drones", "uav", "Lancet"),
        ("Kh-101 cruise missiles", "missiles", "Kh-101"),
        ("Kalibr missiles", "missiles", "Kalibr"),
        ("Fateh-110 missiles", "missiles", "Fateh-110"),
        ("Zolfaghar missiles", "missiles", "Zolfaghar"),
        ("T-90 tanks", "armoured-vehicles", "T-90"),
        ("Su-35 engines", "engines", "Su-35"),  # the head noun says what moves
        ("helicopters", "helicopters", None),
        ("air-defense systems", "air-defence", None),
        ("drone components", "components-technology", None),
        ("a drone assembly line", "components-technology", None),
        ("medical supplies", "humanitarian", None),
        ("weapons", "military-general", None),
    ],
)
def test_items_get_a_category_and_a_designation(phrase: str, category: str, designation: str | None) -> None:
    item = item_of(phrase)
    assert item is not None
    assert (item.category, item.designation) == (category, designation)


@pytest.mark.parametrize("phrase", ["the patriotic speech", "Lancet editors", "peace"])
def test_words_that_are_not_items_give_none(phrase: str) -> None:
    assert item_of(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("drone strikes on Odesa", None),  # the head is "strikes": no item
        ("tank battles near the border", None),
        ("the Marathon bombers", None),  # people, not aircraft
        ("a suicide bomber", None),
        ("long-range bombers", "aircraft"),
        ("three Tu-160 bombers", "aircraft"),
        ("dozens of cruise missiles", "missiles"),  # after a quantity, "of" leads to the item
        ("a new batch of attack drones", "uav"),
        ("drones for the front line", "uav"),  # the break ends the head phrase
        ("an aircraft carrier", "ships"),
    ],
)
def test_an_item_is_the_head_of_the_phrase_not_any_word_in_it(phrase: str, category: str | None) -> None:
    item = item_of(phrase)
    assert (item.category if item else None) == category


@pytest.mark.parametrize(
    ("obj", "text"),
    [
        ("wildly differing views", "Tehran offered wildly differing views to Moscow"),
        ("the Marathon bombers", "Ankara supplied the Marathon bombers to Damascus"),
        ("weekly press briefings", "Kyiv provided weekly press briefings to Warsaw"),
    ],
)
def test_an_object_that_names_no_item_is_no_transfer(obj: str, text: str) -> None:
    """A military-aid code over an object that names something else is a misread event."""
    assert mentions_from_claim(claim("TUR", "072", "SYR", obj, text=text)) == []


@pytest.mark.parametrize(
    "obj", [None, "them", "more", "everything", "$4.5 million", "steady support", "Kyiv"]
)
def test_a_missing_or_stand_in_object_takes_the_code_category(obj: str | None) -> None:
    c = claim("USA", "072", "UKR", obj, action="sent", text=f"Washington sent {obj or ''} to Kyiv")
    (m,) = mentions_from_claim(c)
    assert m.item.category == "military-general"


def test_coordinated_items_split_and_a_bare_modifier_shares_the_head() -> None:
    got = [(i.text, i.category) for i in split_items("helicopters and air defense systems")]
    assert got == [("helicopters", "helicopters"), ("air defense systems", "air-defence")]
    got = [(i.text, i.category) for i in split_items("military and technical support")]
    assert got == [("military support", "military-general"), ("technical support", "components-technology")]


def test_an_including_list_replaces_the_umbrella_noun() -> None:
    evidence = "Moscow sought more arms from Tehran, including hundreds of ballistic missiles and shells"
    got = [(i.category, i.quantity.value if i.quantity else None) for i in items_of("more arms", evidence)]
    assert got == [("missiles", 200), ("small-arms-ammunition", None)]


@given(st.text(max_size=200))
def test_any_text_gives_items_without_error(text: str) -> None:
    for item in items_of(text, text):
        assert item.category in transfer_items.CATEGORIES


# --- direction, kinds, time -----------------------------------------------------------------------


def test_provide_runs_from_actor1_to_actor2() -> None:
    (m,) = mentions_from_claim(claim("RUS", "072", "IRN", "S-400 systems"))
    assert (m.supplier, m.recipient, m.kind, m.item.designation) == ("RUS", "IRN", "delivery", "S-400")


def test_an_appeal_for_aid_makes_the_appealer_the_recipient() -> None:
    c = claim("ARM", "0232", "RUS", "tanks", action="asked", text="Armenia asked Russia for tanks")
    (m,) = mentions_from_claim(c)
    assert (m.supplier, m.recipient, m.kind, m.time) == ("RUS", "ARM", "request", "planned")


def test_intent_to_provide_is_an_offer_from_actor1() -> None:
    c = claim("USA", "0332", "UKR", "F-16s", action="pledged", text="Washington pledged F-16s to Kyiv")
    (m,) = mentions_from_claim(c)
    assert (m.supplier, m.recipient, m.kind, m.time) == ("USA", "UKR", "offer", "planned")


def test_cooperation_counts_only_with_a_named_item_and_only_as_indirect() -> None:
    trained = claim(
        "RUS", "062", "IRN", "the Su-35", action="trained", text="Russia trained pilots on the Su-35"
    )
    (m,) = mentions_from_claim(trained)
    assert m.indirect and m.uncertain and m.time == "planned" and m.item.designation == "Su-35"
    assert mentions_from_claim(claim("RUS", "062", "IRN", None, action="cooperate")) == []
    assert mentions_from_claim(claim("RUS", "062", "IRN", "military ties", action="deepened")) == []


def test_a_pair_acting_together_gives_no_direction() -> None:
    c = claim(
        "RUS", "0312", "IRN", "a drone factory", action="planned", text="RUS and IRN planned a drone factory"
    )
    assert mentions_from_claim(c) == []


@pytest.mark.parametrize(
    ("code", "obj"), [("074", None), ("075", "asylum"), ("112", "drones"), ("190", "missiles")]
)
def test_events_that_are_not_transfers_give_no_mention(code: str, obj: str | None) -> None:
    assert mentions_from_claim(claim("RUS", code, "UKR", obj)) == []


def test_aid_of_no_named_type_takes_its_category_from_the_code() -> None:
    (m,) = mentions_from_claim(
        claim("JPN", "073", "TUR", None, action="sent", text="Japan sent aid to Turkey")
    )
    assert m.item.category == "humanitarian"


@pytest.mark.parametrize(
    ("action", "text", "time"),
    [
        ("supplied", "Iran supplied drones to Russia", "past"),
        ("has delivered", "Berlin has delivered tanks", "past"),
        ("supplying", "Iran is supplying drones to Russia", "ongoing"),
        ("providing", "Russia may be providing helicopters", "ongoing"),
        ("receive", "Tehran could receive the jets within the year", "planned"),
        ("deliver", "Paris will deliver the howitzers", "planned"),
        ("provide", "Moscow is moving to provide air defence systems", "planned"),
        ("sent", "Japan sent tents in March, and more follow next year", "planned"),
    ],
)
def test_time_of_a_delivery_follows_tense_and_modality(action: str, text: str, time: str) -> None:
    assert time_of("delivery", action, text) == time


# --- status -----------------------------------------------------------------------------------


def test_third_parties_alone_report() -> None:
    e = one_entry(claim("IRN", "072", "RUS", "drones", source="State Department"))
    assert e.status == "reported" and [s.party for s in e.asserting] == [False]


def test_only_uncertain_claims_hedge() -> None:
    e = one_entry(claim("RUS", "072", "IRN", "helicopters", source="Reuters", hedged=True))
    assert e.status == "hedged" and e.asserting == () and e.hedging[0].name == "Reuters"


def test_a_party_asserting_acknowledges() -> None:
    e = one_entry(
        claim("RUS", "072", "IRN", "Su-35 jets", source="Kremlin"),
        claim("RUS", "072", "IRN", "Su-35 jets", source="Reuters", hedged=True),
    )
    assert (e.status, e.designation, e.category) == ("acknowledged", "Su-35", "aircraft")
    assert e.asserting[0].party is True


def test_a_party_denying_alone_denies() -> None:
    e = one_entry(claim("IRN", "072", "RUS", "drones", source="Iranian foreign ministry", stance="denies"))
    assert e.status == "denied" and e.denying[0].party is True


def test_assertion_against_a_party_denial_is_contested() -> None:
    e = one_entry(
        claim("IRN", "072", "RUS", "drones", source="State Department"),
        claim("IRN", "072", "RUS", "drones", source="Iranian foreign ministry", stance="denies"),
    )
    assert e.status == "contested"
    assert [s.name for s in e.asserting] == ["State Department"]
    assert [s.name for s in e.denying] == ["Iranian foreign ministry"]


def test_a_third_party_denial_does_not_contest_but_is_noted() -> None:
    e = one_entry(
        claim("IRN", "072", "RUS", "drones", source="State Department"),
        claim("IRN", "072", "RUS", "drones", source="EU diplomats", stance="denies"),
    )
    assert e.status == "reported" and "denied by third parties: EU diplomats" in e.comments


@pytest.mark.parametrize("source", ["Russian opposition", "Moscow daily"])
def test_opposition_and_media_speak_about_a_country_not_for_it(source: str) -> None:
    e = one_entry(claim("RUS", "072", "IRN", "tanks", source=source))
    assert e.status == "reported" and e.asserting[0].party is False


def test_a_denial_of_the_category_answers_the_designated_entry() -> None:
    entries = build_ledger(
        mentions(
            stored(
                [
                    claim("IRN", "072", "RUS", "Shahed-136 drones", source="State Department"),
                    claim("IRN", "072", "RUS", "drones", source="Iranian foreign ministry", stance="denies"),
                ]
            )
        )
    )
    by_key = {e.key: e.status for e in entries}
    assert by_key == {"IRN>RUS/uav": "denied", "IRN>RUS/uav/Shahed-136": "contested"}


def test_a_missing_supplier_is_taken_from_the_same_source_in_the_same_article() -> None:
    first = claim(
        "RUS", "0232", "IRN", "weapons", action="obtain", text="Russia wants to obtain weapons from Iran"
    )
    second = claim("RUS", "0232", None, "hundreds of missiles", action="obtain", text="Russia seeks missiles")
    e = build_ledger(mentions(stored([first, second])))
    missiles = next(x for x in e if x.category == "missiles")
    assert (missiles.supplier, missiles.recipient, missiles.number) == ("IRN", "RUS", "hundreds of")
    assert "supplier taken from claim 1" in missiles.comments and "sought by Russia" in missiles.comments


def test_query_filters_and_rejects_unknown_values() -> None:
    e = one_entry(claim("IRNGOV", "072", "RUS", "drones"))
    assert TransferQuery(supplier="IRNGOV", category="uav").keeps(e)
    assert not TransferQuery(recipient="IRN").keeps(e)
    with pytest.raises(QueryError, match="--status"):
        TransferQuery(status="rumoured")
    with pytest.raises(QueryError, match="--category"):
        TransferQuery(category="spaceships")


# --- lexicons ---------------------------------------------------------------------------------


@pytest.fixture
def user_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLAIMGRAPH_LEXICONS", str(tmp_path))
    (tmp_path / "transfers").mkdir()
    transfer_items.clear_cache()
    yield tmp_path / "transfers"
    monkeypatch.delenv("CLAIMGRAPH_LEXICONS")
    transfer_items.clear_cache()


def test_users_add_designations(user_lexicons: Path) -> None:
    (user_lexicons / "designations.tsv").write_text("# mine\n(?i)qaher[- ]?313\taircraft\tQaher-313\n")
    item = item_of("Qaher 313 jets")
    assert item is not None and (item.category, item.designation) == ("aircraft", "Qaher-313")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("items.tsv", "# c\ndrone\tspaceships\n", "unknown transfer category"),
        ("items.tsv", "drone\n", "at least 2"),
        ("designations.tsv", "([\tuav\tBroken\n", "does not compile"),
        ("designations.tsv", "X-1\tnot-a-category\tX-1\n", "unknown transfer category"),
    ],
)
def test_a_malformed_line_names_file_and_line(
    user_lexicons: Path, name: str, content: str, reason: str
) -> None:
    (user_lexicons / name).write_text(content)
    with pytest.raises(LexiconError, match=reason) as err:
        transfer_items.lexicon()
    assert err.value.path.endswith(name) and err.value.line == content.count("\n")


# --- store, CLI, export ---------------------------------------------------------------------------

ARTICLE = (
    "Officials in Washington said Iran had shipped Shahed-136 drones to Russia. "
    "Tehran's foreign ministry rejected the report."
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 't.db'}"
    said = ARTICLE.index("Iran had")
    evidence = ARTICLE[said : ARTICLE.index(".")]
    base = claim("IRN", "072", "RUS", "Shahed-136 drones", action="shipped", text=evidence)
    asserted = Claim.from_dict(
        {**base.to_dict(), "evidence": {"start": said, "end": said + len(evidence), "text": evidence}}
    )
    denial = Claim.from_dict(
        {
            **asserted.to_dict(),
            "source": {"name": "Iranian foreign ministry", "kind": "organization", "actor": "IRNGOV"},
            "stance": "denies",
        }
    )
    with Store(url) as s:
        s.add_article(
            Article(id="w1", text=ARTICLE, outlet="Test Wire", published="2024-05-02"),
            [asserted, denial],
            extractor_version="t",
        )
        s.recluster()
    return url


def test_ledger_from_a_store_links_claims_clusters_and_evidence(db: str) -> None:
    with Store(db) as s:
        (e,) = transfers.ledger(s)
        assert transfers.ledger_entry(s, e.key) == e
        assert transfers.ledger(s, TransferQuery(status="reported")) == []
    assert (e.key, e.status, e.first_reported, e.articles) == (
        "IRN>RUS/uav/Shahed-136",
        "contested",
        "2024-05-02",
        ("w1",),
    )
    assert e.clusters and all(
        ARTICLE[m.evidence.start : m.evidence.end] == m.evidence.text for m in e.mentions
    )
    assert e.delivery_years == (2024,) and e.times == ("past",)


def test_cli_transfers_filters_and_formats(db: str) -> None:
    from claimgraph.cli.transfers import register

    @click.group()
    def cli() -> None:
        """A stand-in for the ``claimgraph`` group."""

    register(cli)
    table = CliRunner().invoke(cli, ["transfers", "--db", db], catch_exceptions=False)
    assert table.exit_code == 0
    assert table.output.splitlines()[1].split("\t")[:5] == [
        "Iran",
        "Russia",
        "uncrewed aerial vehicles (Shahed-136)",
        "",
        "contested",
    ]
    none = CliRunner().invoke(cli, ["transfers", "--db", db, "--supplier", "RUS", "--format", "jsonl"])
    assert none.exit_code == 0 and none.output == ""
    line = CliRunner().invoke(cli, ["transfers", "--db", db, "--category", "uav", "--format", "jsonl"]).output
    assert json.loads(line)["denying"][0]["party"] is True
    bad = CliRunner().invoke(cli, ["transfers", "--db", db, "--status", "rumoured"])
    assert bad.exit_code == 2


def test_export_transfers_has_sipri_columns_and_evidence_links(db: str) -> None:
    buf = io.BytesIO()
    with Store(db) as s:
        assert export(s, "transfers", buf) == 1
    (row,) = csv.DictReader(io.StringIO(buf.getvalue().decode()))
    assert row["designation"] == "Shahed-136" and row["status"] == "contested" and row["order_years"] == ""
    start = ARTICLE.index("Iran had")
    assert row["evidence"].split()[0] == f"w1@{start}-{ARTICLE.index('.')}"
    assert "Iranian foreign ministry (IRNGOV, party)" in row["denying"]


# --- the worked example -------------------------------------------------------------------------


def test_the_example_article_gives_the_ledger_of_the_issue(tmp_path: Path) -> None:
    """Iran → Russia drones contested; Russia → Iran aircraft, helicopters, air defence hedged."""
    from claimgraph.pipeline import EXTRACTOR_VERSION, extract_articles

    text = shared_path("examples", "mehr-iran-russia.txt").read_text(encoding="utf-8")
    art = Article(id="mehr-iran-russia", text=text, outlet="Mehr News Agency")
    with Store(f"sqlite:///{tmp_path / 'mehr.db'}") as s:
        for a, cls in extract_articles([art]):
            s.add_article(a, cls, extractor_version=EXTRACTOR_VERSION)
        s.recluster()
        entries = {(e.supplier, e.recipient, e.category): e for e in transfers.ledger(s)}
    drones = entries[("IRN", "RUS", "uav")]
    assert drones.status == "contested" and {d.actor for d in drones.denying} == {"IRNGOV"}
    assert entries[("IRN", "RUS", "missiles")].kinds == ("request",)
    for category in ("aircraft", "helicopters", "air-defence"):
        assert entries[("RUS", "IRN", category)].status == "hedged", category
    assert "planned" in entries[("RUS", "IRN", "aircraft")].times
