"""Every claim kept: a political source's claim whose event cannot be coded is a record with
``event`` None, and every consumer (JSON, store, clusters, exports, web, CLI, scorer) handles it."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph import evaluate as ev
from claimgraph.cli import main as cli
from claimgraph.export import export
from claimgraph.model import Claim, Cue, Evidence, Source
from claimgraph.pipeline import ExtractOptions, extract, political_source
from claimgraph.store import ClaimQuery, Store
from claimgraph.store.load import read_csv, read_parquet
from claimgraph.web import create_app
from test_evaluate import EXAMPLE, needs_tools, run_reference, write_jsonl
from test_store import make_article, make_claim
from test_web import Client

UNCODABLE = "The French foreign minister said on Monday that the negotiations in Paris had stalled."


# --- extraction ----------------------------------------------------------------------------------


def test_an_uncodable_claim_by_a_political_source_is_kept() -> None:
    claims = extract(UNCODABLE, article_id="t")
    assert len(claims) == 1, claims
    c = claims[0]
    assert c.event is None
    assert c.rule.endswith("; uncoded"), c.rule
    assert c.source.actor and c.source.actor.startswith("FRA"), c.source
    assert c.cue is not None and c.cue.lemma == "say"
    assert "negotiations in Paris" in c.evidence.text
    assert UNCODABLE[c.evidence.start : c.evidence.end] == c.evidence.text
    assert (c.stance, c.hedged, c.framing) == ("asserts", False, "neutral")


def test_an_uncoded_claim_keeps_its_stance_and_hedge() -> None:
    (c,) = extract("The French foreign minister denied that the negotiations in Paris may have stalled.")
    assert c.event is None and c.stance == "denies" and c.hedged


def test_no_uncoded_record_without_a_political_source_or_with_a_coded_event() -> None:
    assert extract("The weather in Paris had been pleasant on Monday.") == []  # the author's voice
    assert extract("He said that the negotiations in Paris had stalled.") == []  # nobody known
    # a claim about no event (an opinion, the weather) is no record, whoever makes it
    assert extract("The French foreign minister said that the weather in Paris had been pleasant.") == []
    coded = extract("The French foreign minister said that Germany had delivered tanks to Poland.")
    assert coded and all(c.event is not None for c in coded), coded


def test_uncoded_records_can_be_turned_off() -> None:
    assert extract(UNCODABLE, options=ExtractOptions(uncoded=False)) == []


@pytest.mark.parametrize(
    ("source", "political"),
    [
        (Source(text="Paris", name="France", kind="country", actor="FRAGOV"), True),
        (Source(text="the spokesman", name="the spokesman", kind="person", role="spokesman"), True),
        (Source(text="officials", name="senior officials", kind="anonymous"), True),
        (Source(text="NBC News", name="NBC News", kind="outlet"), True),
        (Source(text=None, name="Mehr", kind="author", actor="IRNMED"), False),
        (Source(text="he", name="he", kind="person"), False),
        (Source(text="They", name="They", kind="anonymous"), False),
        (Source(text="Maria Lopez", name="Maria Lopez", kind="person"), False),
        (Source(text="the study", name="study", kind="organization"), False),
    ],
)
def test_political_source(source: Source, political: bool) -> None:
    assert political_source(source) is political


# --- records, store, clusters, exports -----------------------------------------------------------


ARTICLE = (
    "Iran is supplying drones to the Russians, Burns said. Sergei Lavrov said the talks had been useful."
)
UNCODED_TEXT = "the talks had been useful"


def uncoded_claim(article_id: str, *, source: str = "Sergei Lavrov", actor: str = "RUSGOV") -> Claim:
    start = ARTICLE.index(UNCODED_TEXT)
    return Claim(
        article_id=article_id,
        evidence=Evidence(start=start, end=start + len(UNCODED_TEXT), text=UNCODED_TEXT),
        source=Source(text=source, name=source, kind="person", actor=actor),
        cue=Cue(text="said", lemma="say"),
        stance="asserts",
        hedged=True,
        framing="distancing",
        event=None,
        rule="cue:say+ccomp; uncoded",
    )


def test_json_round_trip_keeps_event_null() -> None:
    c = uncoded_claim("a1")
    d = json.loads(json.dumps(c.to_dict()))
    assert d["event"] is None
    assert Claim.from_dict(d) == c


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'u.db'}") as s:
        for aid in ("a1", "a2"):
            s.add_article(
                make_article(aid, text=f"{ARTICLE} ({aid})"),
                [make_claim(aid), uncoded_claim(aid)],
                extractor_version="v",
            )
        s.recluster()
        yield s


def test_store_keeps_uncoded_records_and_filters_do_not_crash(store: Store) -> None:
    got = store.claims()
    assert len(got) == 4
    assert sorted(sc.claim.event is None for sc in got) == [False, False, True, True]
    assert [sc.claim for sc in got if sc.claim.event is None] == [uncoded_claim("a1"), uncoded_claim("a2")]
    for q in (
        ClaimQuery(actor1="IRN"),
        ClaimQuery(actor2="RUS"),
        ClaimQuery(code="07"),
        ClaimQuery(dyad=("IRN", "RUS")),
    ):
        assert {sc.claim.event is not None for sc in store.claims(q)} == {True}, q
    assert [sc.claim.event for sc in store.claims(ClaimQuery(coded=False))] == [None, None]
    assert len(store.claims(ClaimQuery(coded=True))) == 2
    assert store.count_claims(ClaimQuery(coded=False, source="lavrov")) == 2


def test_clusters_leave_uncoded_records_out(store: Store) -> None:
    for sc in store.claims():
        assert (sc.cluster_id is None) == (sc.claim.event is None), sc
    assert all(n.n_claims == 2 for n in store.clusters())


def _export(store: Store, fmt: str) -> str:
    buf = io.BytesIO()
    export(store, fmt, buf)
    return buf.getvalue().decode("utf-8")


def test_event_exports_skip_uncoded_records(store: Store) -> None:
    assert len(_export(store, "gdelt").splitlines()) == 2
    assert len(_export(store, "plover").splitlines()) == 2
    assert "Lavrov" not in _export(store, "graphml")


def test_claim_exports_keep_uncoded_records(store: Store, tmp_path: Path) -> None:
    lines = [json.loads(x) for x in _export(store, "claims").splitlines()]
    assert sum(r["event"] is None for r in lines) == 2
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv"))))
    assert sum(r["has_event"] in ("false", "False", "0") for r in rows) == 2
    assert all(r["cameo"] == "" for r in rows if r["source_name"] == "Sergei Lavrov")
    assert list(read_csv(_write(tmp_path / "c.csv", _export(store, "csv")))) == [
        sc.claim for sc in store.claims()
    ]
    export(store, "parquet", tmp_path / "c.parquet")
    assert list(read_parquet(tmp_path / "c.parquet")) == [sc.claim for sc in store.claims()]
    items = json.loads(_export(store, "schema-org"))
    assert sum(item["text"] == UNCODED_TEXT for item in items) == 2, items


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- web and CLI ---------------------------------------------------------------------------------


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Client:
    return Client(create_app(f"sqlite:///{tmp_path / 'u.db'}", token="t"))


def test_web_pages_show_uncoded(store: Store, client: Client) -> None:
    page = client.get("/claims").text
    assert "uncoded" in page and "Lavrov" in page
    only = client.get("/claims", params={"event": "uncoded"}).text
    assert "Lavrov" in only and "Iran → " not in only
    data = client.get("/api/claims", params={"event": "uncoded"}).json()
    assert data["total"] == 2
    uid = next(sc.id for sc in store.claims() if sc.claim.event is None)
    claim_page = client.get(f"/claims/{uid}")
    assert claim_page.status_code == 200 and "uncoded" in claim_page.text
    article = client.get("/articles/a1").text
    text = article.split('id="article-text"')[1].split("</article>")[0]
    assert re.search(
        r'<span class="hl st-asserts depth-1 uncoded"[^>]*>the talks had been useful</span>', text
    )


def test_cli_store_and_extract_show_uncoded(store: Store, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    r = CliRunner().invoke(cli, ["claims", "--db", db, "--event", "uncoded"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    body = r.output.splitlines()[1:]
    assert len(body) == 2 and all("uncoded" in line and "Lavrov" in line for line in body), r.output
    src = tmp_path / "u.txt"
    src.write_text(UNCODABLE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", str(src), "--format", "table"], catch_exceptions=False)
    assert r.exit_code == 0 and "| uncoded |" in r.output, r.output


# --- the scorer ----------------------------------------------------------------------------------


@needs_tools
def test_eval_agrees_with_the_reference_scorer_on_uncoded_records(tmp_path: Path) -> None:
    """Uncoded records count for attribution only, in our scorer as in the reference one."""
    gold = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    preds = []
    for n, c in enumerate(gold["claims"]):
        p = json.loads(json.dumps(c)) | {"article_id": gold["article_id"]}
        if n % 3 == 0:
            p["event"] = None
            p["rule"] = "test; uncoded"
        preds.append(p)
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_claims.py", str(EXAMPLE), "--pred", str(ppath), "--per-article")
    ours = ev.score_claims(ev.load_gold([EXAMPLE]), ev.load_pred(ppath))
    assert ours == ref
    assert ours["attribution"]["tp"] == len(gold["claims"])  # every record matched, uncoded or not


def test_a_quotation_of_several_sentences_is_one_claim_per_sentence() -> None:
    text = (
        'The Chilean foreign minister said: "Sanctions will be imposed within a month. '
        "Negotiations will resume after the elections. "
        'The weather was pleasant."'
    )
    got = [c for c in extract(text, article_id="q") if c.source.kind != "author"]
    spans = {c.evidence.text for c in got}
    assert len(got) >= 2, spans
    assert not any("pleasant" in s and "Negotiations" in s for s in spans), spans


def test_two_clauses_of_one_sentence_are_two_claims() -> None:
    # the second clause's event is coded; the first names an agreement the coder cannot code
    text = (
        '"Chile is not bound by this agreement and Chile will send troops to the border," '
        "the Chilean foreign minister said."
    )
    got = [c for c in extract(text, article_id="c") if c.source.kind != "author"]
    spans = sorted(c.evidence.text for c in got)
    assert any("not bound by this agreement" in s and "troops" not in s for s in spans), spans


def test_clauses_split_at_their_own_subjects_only() -> None:
    from claimgraph.events.uncoded import clauses
    from claimgraph.nlp import load_base

    doc = load_base()("Chile is not bound by the deal and Chile will send troops to the border.")
    parts = [doc.text[s:e] for s, e in clauses(next(iter(doc.sents)))]
    assert len(parts) == 2 and parts[0].startswith("Chile is not bound"), parts
    one = load_base()("Chile signed and ratified the treaty in May.")
    assert len(clauses(next(iter(one.sents)))) == 1


def test_each_uncoded_part_has_the_stance_of_its_own_words() -> None:
    text = (
        'The Chilean foreign minister said: "No sanctions were imposed last year. '
        'Negotiations will resume after the elections."'
    )
    got = {c.evidence.text: c.stance for c in extract(text, article_id="s") if c.source.kind != "author"}
    imposed = next((s for t, s in got.items() if "imposed" in t), None)
    resume = next((s for t, s in got.items() if "resume" in t), None)
    assert (imposed, resume) == ("denies", "asserts"), got


@pytest.mark.parametrize(
    ("quote", "stance"),
    [
        ("Nobody has talked about lifting the sanctions.", "denies"),
        ("They are not willing to negotiate with us.", "denies"),
        ("This answer does not lead to a meeting.", "asserts"),
        ("They will not release the prisoners.", "asserts"),  # a refusal, asserted
    ],
)
def test_the_stance_of_an_uncoded_part_is_read_off_its_event_word(quote: str, stance: str) -> None:
    text = f'The Chilean foreign minister said: "The border is open. {quote}"'
    got = {c.evidence.text: c.stance for c in extract(text, article_id="n") if c.source.kind != "author"}
    key = quote.split()[-2]  # a word of the part's own ("sanctions", "with", "a", "the")
    part = next((s for t, s in got.items() if key in t.split() and t in quote), None)
    assert part == stance, got


def test_an_event_noun_naming_an_actor_is_a_claim_of_its_own() -> None:
    from claimgraph.pipeline import extract

    text = "The Chilean foreign minister spoke about the upcoming delivery of Bolivian gas to Santiago."
    got = [c for c in extract(text, article_id="t") if c.cue]
    assert any("delivery" in c.evidence.text for c in got), got


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("President of Estonia Alar Karis: Mr President, welcome. I want to welcome you to Tallinn.", False),
        ("Foreign Minister Margus Tsahkna said Estonia welcomed the decision to reopen the border.", True),
    ],
)
def test_a_welcome_to_the_one_addressed_is_no_claim(text: str, kept: bool) -> None:
    uncoded = [c for c in extract(text, article_id="t") if c.event is None and "welcome" in c.evidence.text]
    assert bool(uncoded) == kept, uncoded


def test_a_claim_relayed_inside_a_quotation_is_only_its_own_sources() -> None:
    text = (
        'President Maia Sandu spoke to journalists in Chisinau. "As soon as Russia says publicly that it '
        "is ready to talk about a truce, ready to talk about the border, every time after that we invite "
        'Russia to a meeting in Geneva," the President said.'
    )
    ready = [c for c in extract(text, article_id="t") if "ready to talk" in c.evidence.text]
    assert ready and all(c.source.actor and c.source.actor.startswith("RUS") for c in ready), ready


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Foreign Minister Margus Tsahkna said Estonia was ready for any format.", True),
        (
            "Foreign Minister Margus Tsahkna pointed out Estonia's readiness to promote stability "
            "in the Baltic region.",
            True,
        ),
        ("Foreign Minister Margus Tsahkna said the new bridge was ready.", False),
    ],
)
def test_readiness_for_an_act_is_a_claim_about_an_event(text: str, kept: bool) -> None:
    uncoded = [c for c in extract(text, article_id="t") if c.event is None]
    assert bool(uncoded) == kept, uncoded


def test_a_prepositional_object_with_a_clause_states_something() -> None:
    text = (
        "Foreign Minister Margus Tsahkna spoke about Estonia's measures to ensure the ceasefire "
        "in the region."
    )
    uncoded = [c for c in extract(text, article_id="t") if c.event is None]
    assert [c.evidence.text for c in uncoded] == ["Estonia's measures to ensure the ceasefire in the region"]


@pytest.mark.parametrize(
    ("reason", "kept"),
    [
        ("its important contributions to the campaign to defeat the Islamic State", True),
        ("the flowers", False),
    ],
)
def test_the_reason_of_a_praise_is_a_claim_when_it_names_an_act(reason: str, kept: bool) -> None:
    text = f"Foreign Minister Margus Tsahkna thanked Latvia for {reason}."
    uncoded = [c.evidence.text for c in extract(text, article_id="t") if c.event is None]
    assert uncoded == ([reason] if kept else []), uncoded


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Minister Margus Tsahkna asked the Latvian officials how the negotiations in Riga had stalled.",
            False,
        ),
        (
            "Foreign Minister Margus Tsahkna refused to negotiate with the Latvian government on the border.",
            False,
        ),
        ("Foreign Minister Margus Tsahkna urged Latvia to open its border with Estonia.", False),
        ("Foreign Minister Margus Tsahkna explained how the negotiations in Riga had stalled.", True),
        (
            "Minister Margus Tsahkna asked Latvian officials whether the negotiations in Riga had stalled.",
            False,
        ),
    ],
)
def test_what_a_source_asks_for_or_refuses_is_no_claim(text: str, kept: bool) -> None:
    """An indirect question or a requested or refused act is neither true nor false: no uncoded
    record (the asking or refusing is the author-voice event); a stated clause stays one."""
    uncoded = [c for c in extract(text, article_id="t") if c.event is None and c.cue is not None]
    assert bool(uncoded) == kept, uncoded


def test_a_claim_relayed_by_an_adjective_cue_is_only_the_adjectives() -> None:
    """ "X said it was concerned that Z": the concern is the claim (one record), the saying only
    relays it; a negated copula ("cannot be sure that") makes the concern a doubt."""
    text = "The French foreign ministry said it was concerned that the negotiations in Riga had stalled."
    uncoded = [c for c in extract(text, article_id="t") if c.event is None]
    assert [c.evidence.text for c in uncoded] == ["that the negotiations in Riga had stalled"], uncoded
    text = "The French foreign ministry said it could not be sure that the negotiations in Riga had stalled."
    uncoded = [c for c in extract(text, article_id="t") if c.event is None]
    assert [(c.evidence.text, c.stance) for c in uncoded] == [
        ("that the negotiations in Riga had stalled", "questions")
    ], uncoded
