"""Scorers: hand-checked cases, and equality with the independent reference scorers in ../shared/tools.

The reference scorers are run as subprocesses (never imported) on synthetic predictions; benchmark
and article text is read from ../shared at run time only.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from claimgraph import cameo
from claimgraph import evaluate as ev
from claimgraph import evaluate_actors as eva
from claimgraph.errors import InputError
from claimgraph.model import Actor, Claim, Cue, Event, Evidence, Source

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOOLS = SHARED / "tools"
POLNEAR_DEV = SHARED / "benchmarks" / "polnear" / "dev"
GSR = SHARED / "benchmarks" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
EXAMPLE = SHARED / "examples" / "mehr-iran-russia.claims.json"

needs_tools = pytest.mark.skipif(
    not TOOLS.is_dir(), reason="../shared/tools is absent: no reference scorer to compare with"
)


def run_reference(script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(TOOLS / script), *args, "--json"], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rec(
    start: int,
    end: int,
    a1: Any = "USA",
    cameo_code: Any = "072",
    a2: Any = "RUS",
    *,
    kind: str = "person",
    name: str | None = "John Smith",
    actor: str | None = "USAGOV",
    stance: str = "asserts",
    hedged: bool = False,
    framing: str = "neutral",
    article_id: str = "a1",
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "evidence": {"start": start, "end": end, "text": "x" * (end - start)},
        "source": {"text": name, "name": name, "kind": kind, "actor": actor},
        "cue": {"text": "said"},
        "stance": stance,
        "hedged": hedged,
        "framing": framing,
        "event": {"actor1": {"code": a1}, "action": {"cameo": cameo_code}, "actor2": {"code": a2}},
    }


# --- claim-format scoring -----------------------------------------------------------------------


def test_score_claims_hand_checked() -> None:
    gold = {
        "a1": [
            rec(0, 10),
            rec(
                20,
                30,
                "RUS",
                "190",
                "UKR",
                kind="author",
                name="Outlet",
                actor="IRNMED",
                framing="distancing",
            ),
            rec(40, 50, stance="denies", kind="country", name="Iran", actor="IRNGOV"),
        ]
    }
    pred = {
        "a1": [
            rec(2, 12, name="Smith"),  # matches gold 0, right source, same triple
            rec(21, 25, "RUS", "195", "UKR", kind="author", name="Outlet", framing="distancing"),
            rec(45, 60, stance="denies", kind="country", name="Tehran", actor="IRN"),
            rec(100, 110, "CHN", "042", "USA"),  # unmatched
        ],
        "other": [rec(0, 5)],  # no gold for this article: ignored
    }
    s = ev.score_claims(gold, pred)
    assert s["articles"] == 1
    assert s["attribution"] == {"precision": 0.75, "recall": 1.0, "f1": 0.8571, "tp": 3, "pred": 4, "gold": 3}
    # triples: gold {(USA,07,RUS), (RUS,19,UKR)}; pred adds (CHN,04,USA)
    assert (s["event"]["tp"], s["event"]["pred"], s["event"]["gold"]) == (2, 3, 2)
    # claims: source key = actor country (USA, IRN) or AUTHOR; the CHN record is the only miss
    assert (s["claim"]["tp"], s["claim"]["pred"], s["claim"]["gold"]) == (3, 4, 3)
    assert s["accuracy"] == {"stance": 1.0, "hedged": 1.0, "framing": 1.0}
    assert s["rare"]["stance"]["tp"] == 1 and s["rare"]["framing"]["tp"] == 1
    assert s["rare"]["hedged"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "pred": 0, "gold": 0}
    assert s["per_article"]["a1"]["matched"] == 3


def test_match_prefers_same_triple_then_overlap() -> None:
    gold = [rec(0, 20, "USA", "072", "RUS")]
    preds = [rec(0, 20, "CHN", "072", "RUS"), rec(15, 20, "USA", "072", "RUS")]
    (p, _g), *rest = ev.match_records(preds, gold)
    assert not rest and p is preds[1]


def test_loaders(tmp_path: Path) -> None:
    doc = {"article_id": "x", "text": "Hello world", "claims": [rec(0, 5)]}
    (tmp_path / "one.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([doc | {"article_id": "y"}]), encoding="utf-8")
    write_jsonl(tmp_path / "many.jsonl", [doc | {"article_id": "z"}])
    gold = ev.load_gold([tmp_path / "one.json", tmp_path / "list.json", tmp_path / "many.jsonl"])
    assert sorted(gold) == ["x", "y", "z"]
    assert ev.load_gold_texts([tmp_path / "one.json"]) == {"x": "Hello world"}
    pred = ev.load_pred(
        write_jsonl(tmp_path / "p.jsonl", [rec(0, 5, article_id="x"), rec(1, 2, article_id="q")])
    )
    assert {k: len(v) for k, v in pred.items()} == {"x": 1, "q": 1}
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError):
        ev.load_pred(tmp_path / "bad.jsonl")
    with pytest.raises(InputError):
        ev.load_pred(tmp_path / "missing.jsonl")


def test_evaluate_claims_with_injected_extractor(tmp_path: Path) -> None:
    (tmp_path / "art.txt").write_text("Russia shelled Kharkiv.", encoding="utf-8")
    gold_rec = rec(0, 22, "RUS", "195", "UKR", kind="author", name="Outlet", actor=None)
    (tmp_path / "g.json").write_text(
        json.dumps({"article_id": "art", "file": "art.txt", "claims": [gold_rec]}), encoding="utf-8"
    )
    seen: list[tuple[str, str]] = []

    def extract(text: str, article_id: str) -> list[Claim]:
        seen.append((text, article_id))
        return [
            Claim(
                article_id=None,
                evidence=Evidence(start=0, end=22, text=text[:22]),
                source=Source(text=None, name="Outlet", kind="author"),
                event=Event(
                    actor1=Actor(text="Russia", code="RUS"),
                    action=cameo.action_for("195", "shelled"),
                    actor2=Actor(text="Kharkiv", code="UKRCVL"),
                ),
            )
        ]

    s = ev.evaluate_claims([tmp_path / "g.json"], extract)
    assert seen == [("Russia shelled Kharkiv.", "art")]
    assert s["attribution"]["f1"] == 1.0 and s["event"]["f1"] == 1.0 and s["claim"]["f1"] == 1.0
    assert "claim records: 1 gold articles" in ev.format_report(s)


def random_records(rng: random.Random, aid: str, n: int, *, gold: bool) -> list[dict[str, Any]]:
    """Records drawn from small pools so that overlaps, ties and equal triples are frequent."""
    out = []
    for _ in range(n):
        s = rng.randrange(0, 60)
        r = rec(
            s,
            s + rng.randrange(1, 15),
            rng.choice(["USA", "USAGOV", "RUS", "IGOUNO", None]),
            rng.choice(["072", "07", "190", "1951", 112, ""]),
            rng.choice(["RUS", "UKR", None, "usa"]),
            kind=rng.choice(["person", "author", "country", "anonymous"]),
            name=rng.choice(["John Smith", "Smith", "Jane Doe", None, "the officials"]),
            actor=rng.choice(["USAGOV", "RUS", None, "IGOUNO"]),
            stance=rng.choice(["asserts", "asserts", "denies", "questions"]),
            hedged=rng.random() < 0.3,
            framing=rng.choice(["neutral", "neutral", "distancing", "endorsing"]),
            article_id=aid,
        )
        if rng.random() < 0.1:
            r["event"] = None
        if rng.random() < 0.1:
            r["event"] = {"actor1": "RUS", "cameo": "190", "actor2": {"actor": "UKR"}}
        if gold and rng.random() < 0.3:
            del r["hedged"]  # gold files may omit fields: accuracy then skips them
        if not gold and rng.random() < 0.05:
            r["evidence"] = {"start": None, "end": 5}
        out.append(r)
    return out


@pytest.mark.shared
@needs_tools
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_score_claims_equals_reference_on_synthetic(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    gold_docs = [
        {"article_id": f"a{i}", "claims": random_records(rng, f"a{i}", 8, gold=True)} for i in range(4)
    ]
    preds = [r for i in range(5) for r in random_records(rng, f"a{i}", rng.randrange(0, 12), gold=False)]
    gpath = tmp_path / "gold.jsonl"
    write_jsonl(gpath, gold_docs)
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_claims.py", str(gpath), "--pred", str(ppath), "--per-article")
    ours = ev.score_claims(ev.load_gold([gpath]), ev.load_pred(ppath))
    assert ours == ref


@pytest.mark.shared
@needs_tools
@pytest.mark.skipif(not EXAMPLE.is_file(), reason="../shared/examples is absent")
def test_score_claims_equals_reference_on_example(tmp_path: Path) -> None:
    rng = random.Random(7)
    gold = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    preds = []
    for c in gold["claims"]:
        if rng.random() < 0.2:
            continue
        p = json.loads(json.dumps(c)) | {"article_id": gold["article_id"]}
        shift = rng.randrange(-5, 6)
        p["evidence"]["start"] += shift
        p["evidence"]["end"] += shift
        if rng.random() < 0.3:
            p["stance"] = "denies"
        if rng.random() < 0.3:
            p["source"]["name"] = "Someone Else"
        preds.append(p)
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_claims.py", str(EXAMPLE), "--pred", str(ppath), "--per-article")
    assert ev.score_claims(ev.load_gold([EXAMPLE]), ev.load_pred(ppath)) == ref


# --- actor coding ------------------------------------------------------------------------------


def test_score_actors_hand_checked() -> None:
    gold = {
        "a1": [
            rec(0, 10, "USAGOV", "072", "RUSGOV", actor="USAGOV"),
            rec(20, 30, "RUS", "190", "UKR", kind="author", name="Outlet", actor="RUSMED"),
            rec(40, 50, "IRN", "042", None, kind="country", name="Iran", actor="IRNGOV"),
            rec(60, 70, None, "010", "CHN", actor=None),
        ]
    }
    pred = {
        "a1": [
            rec(2, 12, "USA", "072", "UKR", actor="USAMIL"),  # source and actor1 right, actor2 wrong
            rec(21, 25, "RUS", "190", "UKR", kind="author", name="Outlet", actor=None),  # author: no source
            rec(45, 60, "IRN", "042", "ISR", kind="country", actor="ISR"),  # source wrong; gold has no actor2
            rec(62, 66, "CHN", "010", "CHN", actor=None),  # no gold source code; actor2 right
            rec(100, 110, actor=None),  # unmatched person without a code: counts for person_coded only
        ],
        "other": [rec(0, 5, actor=None)],  # no gold for this article: ignored
    }
    s = eva.score_actors(gold, pred)
    assert s == {
        "source_country": {"share": 0.5, "n": 2},
        "person_coded": {"share": 0.3333, "n": 3},
        "actor1": {"share": 1.0, "n": 3},
        "actor2": {"share": 0.6667, "n": 3},
    }
    assert eva.score_actors(gold, {})["actor1"] == {"share": 0.0, "n": 0}
    both = eva.score_claims_and_actors(gold, pred)
    assert both["actors"] == s and both["attribution"] == ev.score_claims(gold, pred)["attribution"]
    report = ev.format_report(both)
    assert "source country right  0.500  (of 2)" in report and "actor2 country right  0.667" in report


def test_gold_texts_from_the_benchmark_text_folder(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "art.txt").write_text("Kenya thanked Somalia.\r\n", encoding="utf-8")
    doc = {"article_id": "art", "claims": [rec(0, 5)]}
    (tmp_path / "gold" / "art.claims.json").write_text(json.dumps(doc), encoding="utf-8")
    assert ev.load_gold_texts([tmp_path / "gold" / "art.claims.json"]) == {
        "art": "Kenya thanked Somalia.\r\n"
    }
    (tmp_path / "gold" / "lost.claims.json").write_text(
        json.dumps(doc | {"article_id": "lost"}), encoding="utf-8"
    )
    with pytest.raises(InputError, match="'lost' has neither 'text' nor 'file', and no"):
        ev.load_gold_texts([tmp_path / "gold" / "lost.claims.json"])


@pytest.mark.shared
@needs_tools
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_score_actors_equals_reference_on_synthetic(tmp_path: Path, seed: int) -> None:
    rng = random.Random(100 + seed)
    gold_docs = [
        {"article_id": f"a{i}", "claims": random_records(rng, f"a{i}", 8, gold=True)} for i in range(4)
    ]
    preds = [r for i in range(5) for r in random_records(rng, f"a{i}", rng.randrange(0, 12), gold=False)]
    gpath = write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_actors.py", str(gpath), "--pred", str(ppath))
    ours = eva.score_actors(ev.load_gold([gpath]), ev.load_pred(ppath))
    assert ours == ref
    assert any(v["n"] for v in ours.values())  # the comparison saw records


# --- PolNeAR ----------------------------------------------------------------------------------


def make_split(root: Path) -> Path:
    """A two-article BRAT split; article b has two annotators (the first, sorted, counts)."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a_x.txt").write_text("Smith said that taxes rise. Jones added more.", encoding="utf-8")
    (root / "text" / "b.txt").write_text("The report says rain falls.", encoding="utf-8")
    (root / "attributions" / "a_x_ann1.ann").write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 15;16 26\tthat taxes rise\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n",
        encoding="utf-8",
    )
    (root / "attributions" / "b_1.ann").write_text(
        "T1\tCue 11 15\tsays\nT2\tContent 16 26\train falls\nE1\tAttribution:T1 Cue:T1 Content:T2\n",
        encoding="utf-8",
    )
    (root / "attributions" / "b_2.ann").write_text(
        "T1\tSource 0 10\tThe report\nE1\tAttribution:T1 Source:T1\n", encoding="utf-8"
    )
    return root


def polnear_pred(
    aid: str, src: tuple[int, int] | None, cue: tuple[int, int] | None, content: tuple[int, int]
) -> dict[str, Any]:
    return {
        "article_id": aid,
        "evidence": {"start": content[0], "end": content[1], "text": ""},
        "source": {"kind": "person", "start": src[0] if src else None, "end": src[1] if src else None},
        "cue": {"text": "c", "start": cue[0], "end": cue[1]} if cue else None,
    }


def test_load_polnear_first_annotator(tmp_path: Path) -> None:
    docs = {d.article_id: d for d in ev.load_polnear(make_split(tmp_path / "s"))}
    assert set(docs) == {"a_x", "b"}
    assert docs["a_x"].spans["content"] == {(11, 26)}  # discontinuous span -> hull
    assert docs["b"].annotator_file == "b_1.ann" and docs["b"].spans["source"] == frozenset()
    assert docs["a_x"].text.startswith("Smith said")


def test_score_polnear_hand_checked(tmp_path: Path) -> None:
    docs = ev.load_polnear(make_split(tmp_path / "s"))
    preds = [
        polnear_pred("a_x", (0, 5), (6, 10), (16, 26)),
        polnear_pred("b", None, (11, 15), (16, 26)),
        polnear_pred("b", (0, 3), None, (0, 27)),  # no cue: ignored
        polnear_pred("zzz", (0, 3), (4, 5), (0, 27)),  # unknown article: ignored
    ]
    s = ev.score_polnear(docs, preds)
    assert s["source"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert s["cue"]["exact"]["f1"] == 1.0
    assert s["content"]["exact"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert s["content"]["overlap"]["precision"] == 1.0
    assert s["content"]["overlap"]["recall"] == round(20 / 25, 4)
    assert "PolNeAR: 2 articles" in ev.format_report(s)


@pytest.mark.shared
@needs_tools
def test_score_polnear_equals_reference_synthetic_split(tmp_path: Path) -> None:
    split = make_split(tmp_path / "s")
    rng = random.Random(3)
    preds = []
    for _ in range(30):
        a, b, c = (rng.randrange(0, 20) for _ in range(3))
        p = polnear_pred(
            rng.choice(["a_x", "b", "nope"]), (a, a + 5), (b, b + 4), (c, c + rng.randrange(1, 15))
        )
        if rng.random() < 0.2:
            p["source"]["kind"] = "author"
        if rng.random() < 0.2:
            p["cue"] = None
        preds.append(p)
    preds.append(polnear_pred("a_x", (0, 5), (6, 10), (11, 26)))
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_polnear.py", str(split), "--pred", str(ppath))
    assert ev.score_polnear(ev.load_polnear(split), preds) == ref


@pytest.mark.shared
@needs_tools
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason="../shared/benchmarks/polnear/dev is absent")
def test_score_polnear_equals_reference_on_dev(tmp_path: Path) -> None:
    docs = ev.load_polnear(POLNEAR_DEV)
    assert len(docs) == 84
    rng = random.Random(11)
    preds = []
    for d in docs:
        src, cue, con = (sorted(d.spans[r]) for r in ("source", "cue", "content"))
        for i in range(min(len(con), 10)):
            jitter = rng.choice([0, 0, 1, -2])
            s, e = con[i]
            preds.append(
                polnear_pred(
                    d.article_id,
                    src[i % len(src)] if src and rng.random() < 0.7 else (0, 4),
                    cue[i % len(cue)] if cue else None,
                    (max(0, s + jitter), e),
                )
            )
    ppath = write_jsonl(tmp_path / "pred.jsonl", preds)
    ref = run_reference("score_polnear.py", str(POLNEAR_DEV), "--pred", str(ppath))
    assert ev.score_polnear(docs, preds) == ref


def test_evaluate_polnear_with_injected_extractor(tmp_path: Path) -> None:
    split = make_split(tmp_path / "s")

    def extract(text: str, article_id: str) -> list[Claim]:
        if article_id != "a_x":
            return []
        return [
            Claim(
                article_id=article_id,
                evidence=Evidence(start=11, end=26, text=text[11:26]),
                source=Source(text="Smith", name="Smith", kind="person", start=0, end=5),
                cue=Cue(text="said", lemma="say", start=6, end=10),
            )
        ]

    s = ev.evaluate_polnear(split, extract)
    assert s["source"]["exact"]["recall"] == 1.0 and s["content"]["exact"]["precision"] == 1.0
    assert s["cue"]["exact"]["recall"] == 0.5


# --- PLOVER GSR -----------------------------------------------------------------------------


def test_strip_markup() -> None:
    m = "The (SRC: Azadliq (Freedom) coalition) (EVT: agreed) to go (LOC: (EVT: to) Baku)."
    assert ev.strip_markup(m) == "The Azadliq (Freedom) coalition agreed to go to Baku."
    assert ev.strip_markup("plain (text) stays") == "plain (text) stays"


def gsr(
    sid: str, cat: str, sources: set[str], targets: set[str], *, reciprocal: bool = False
) -> ev.GsrSentence:
    return ev.GsrSentence(
        id=sid,
        text="x",
        category_05=cat,
        category=cameo.plover_2021_name(cat),
        sources=frozenset(sources),
        targets=frozenset(sources if reciprocal else targets),
        reciprocal=reciprocal,
    )


def claim(start: int, end: int, a1: str | None, code: str | None, a2: str | None) -> Claim:
    return Claim(
        article_id=None,
        evidence=Evidence(start=start, end=end, text="x" * (end - start)),
        source=Source(text=None, name="author", kind="author"),
        event=Event(
            actor1=Actor(text=None, code=a1),
            action=cameo.action_for(code) if code else None,
            actor2=Actor(text=None, code=a2) if a2 else None,
        )
        if a1 or code
        else None,
    )


def test_score_plover_rules() -> None:
    gold = [
        gsr("s1", "FIGHT", {"RUS"}, {"UKR"}),
        gsr("s2", "DEMAND", {"USA", "JOR"}, set(), reciprocal=True),
        gsr("s3", "AGREE", {"SDN"}, set()),
        gsr("s4", "AID", {"FRA"}, {"LBR"}),
    ]
    preds: dict[str, list[Claim | dict[str, Any]]] = {
        # the longest evidence wins: the 195 record (19 -> ASSAULT = FIGHT in 2021 terms)
        "s1": [
            claim(0, 5, "CHN", "042", "USA"),
            claim(0, 30, "RUSMIL", "195", "UKRCVL"),
            claim(2, 8, None, None, None),
        ],
        # reciprocal: actor2 must be the other party
        "s2": [claim(0, 10, "JOR", "100", "JOR")],
        # no gold target: right when no actor2 is predicted
        "s3": [claim(0, 10, "SDNGOV", "036", None).to_dict()],
        # s4: nothing predicted -> wrong on all three
    }
    s = ev.score_plover(preds, gold)
    assert s["sentences"] == 4 and s["answered"] == 3
    assert s["category"] == {"correct": 3, "total": 4, "accuracy": 0.75}
    assert s["source"]["correct"] == 3
    assert s["target"]["correct"] == 2
    assert s["category_when_answered"]["accuracy"] == 1.0
    assert s["per_category"]["AID"] == {"gold": 1, "correct": 0}
    assert "PLOVER GSR: 4 sentences" in ev.format_report(s)


def test_pick_record_ties_to_earliest_start() -> None:
    a, b = claim(5, 10, "USA", "042", None).to_dict(), claim(1, 6, "RUS", "042", None).to_dict()
    assert ev.pick_record([a, b]) is b
    assert ev.pick_record([claim(0, 9, None, None, None).to_dict()]) is None


@pytest.mark.shared
@pytest.mark.skipif(not GSR.is_file(), reason="../shared/benchmarks/plover-gsr is absent")
def test_plover_gsr_file_and_oracle() -> None:
    gold = ev.load_plover_gsr(GSR)
    assert len(gold) == 322
    assert len({s.id for s in gold}) == 322
    for s in gold:
        assert s.text and "(SRC" not in s.text and "(EVT" not in s.text and not s.text.startswith("{")
    # an oracle built from the gold codings scores 1.0: every GSR category is reachable from CAMEO
    by_cat: dict[str, str] = {}
    for c in cameo.all_codes():
        if c.plover_category:
            by_cat.setdefault(c.plover_category, c.code)
    index = {s.id: s for s in gold}

    def extract(text: str, sid: str) -> list[Claim]:
        s = index[sid]
        srcs = sorted(s.sources)
        a1 = srcs[0] if srcs else None
        a2: str | None
        if s.reciprocal:
            a2 = srcs[1] if len(srcs) > 1 else srcs[0]
        else:
            a2 = sorted(s.targets)[0] if s.targets else None
        return [claim(0, len(text), a1, by_cat[s.category], a2)]

    res = ev.evaluate_plover(GSR, extract)
    assert res["category"]["accuracy"] == 1.0
    assert res["source"]["accuracy"] == 1.0
    assert res["target"]["accuracy"] == 1.0
    empty = ev.evaluate_plover(GSR, lambda text, sid: [])
    assert empty["answered"] == 0 and empty["category"]["accuracy"] == 0.0
