"""CAMEO code facts: the data files load, derived facts follow the spec, and match the reference tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph import cameo
from claimgraph.errors import LexiconError
from claimgraph.lexicons import ENV_VAR, read_table

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
GSR_05_NAMES = (
    *("AGREE", "DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "DISAPPROVE", "ASSAULT"),
    *("RETREAT", "SANCTION", "SUPPORT", "CONCEDE", "CONSULT", "AID", "INVESTIGATE", "MOBILIZE", "COOPERATE"),
)


@pytest.fixture(autouse=True)
def _fresh_tables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(ENV_VAR, raising=False)
    cameo.clear_cache()
    yield
    cameo.clear_cache()


def test_lookup_known_code() -> None:
    c = cameo.lookup("072")
    assert c is not None
    assert (c.code, c.root, c.quad_class, c.goldstein) == ("072", "07", 2, 8.3)
    assert c.name == "Provide military aid"
    assert (c.plover_category, c.plover_mode, c.plover_context) == ("AID", None, "military")


def test_codes_keep_leading_zero() -> None:
    assert cameo.is_valid("072")
    assert not cameo.is_valid("72")
    assert not cameo.is_valid("")
    assert not cameo.is_valid("9999")
    assert cameo.lookup("x") is None


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)],
)
def test_quad_class_by_root(root: str, quad: int) -> None:
    c = cameo.lookup(root)
    assert c is not None and c.quad_class == quad
    assert cameo.quad_class(root) == quad


def test_quad_class_rejects_non_roots() -> None:
    assert cameo.quad_class("00") is None
    assert cameo.quad_class("21") is None
    assert cameo.quad_class("072") is None


def test_all_codes_consistent() -> None:
    codes = cameo.all_codes()
    assert len(codes) == 316
    assert len({c.code for c in codes}) == len(codes)
    for c in codes:
        assert c.root == c.code[:2]
        assert re.fullmatch(r"\d{2,4}", c.code)
        assert c.quad_class == cameo.quad_class(c.root)
        assert c.goldstein is None or -10 <= c.goldstein <= 10


def test_codes_without_goldstein() -> None:
    missing = {c.code for c in cameo.all_codes() if c.goldstein is None}
    assert missing == {"155", "176", "1834", "1951", "1952"}


def test_plover_mapping_specials() -> None:
    def cat(code: str) -> str | None:
        c = cameo.lookup(code)
        assert c is not None
        return c.plover_category

    assert cat("010") is None  # statements: no PLOVER event
    assert cat("0214") is None  # appeals: not in the 2021 table
    assert cat("08") == "CONCEDE"  # the table's first heading for root 08
    assert cat("084") == "RETREAT"
    assert cat("163") == "COERCE"
    assert cat("191") == "COERCE"
    assert cat("1712") == "ASSAULT"
    assert cat("1951") == "ASSAULT"  # not in the table: parent 195
    assert cat("155") == "MOBILIZE"  # not in the table: root heading 15
    assert cameo.plover_category("1213") == "REJECT"  # in the PLOVER table only
    assert cameo.plover_category("abc") is None


def test_plover_05_names() -> None:
    categories = {row.cells[1] for row in read_table(cameo.PLOVER_FILE, min_cols=2)}
    for name in GSR_05_NAMES:
        assert cameo.plover_2021_name(name) in categories, name
    assert cameo.plover_2021_name("fight") == "ASSAULT"
    assert cameo.plover_2021_name("DEMAND") == "REQUEST"
    assert cameo.plover_2021_name("DISAPPROVE") == "ACCUSE"
    assert cameo.plover_2021_name("INVESTIGATE") == "ACCUSE"
    assert cameo.plover_2021_name("UNKNOWN") == "UNKNOWN"


def test_action_for() -> None:
    a = cameo.action_for("195", "bombed")
    assert a.text == "bombed"
    assert (a.cameo, a.root, a.quad_class, a.goldstein) == ("195", "19", 4, -10.0)
    assert a.name and a.name.startswith("Employ aerial weapons")
    assert a.plover == {"category": "ASSAULT", "mode": "heavy-weapons", "context": "military"}
    assert cameo.action_for("010").plover == {"category": None, "mode": None, "context": None}
    with pytest.raises(ValueError, match="unknown CAMEO code"):
        cameo.action_for("72")


def test_user_table_extends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cameo").mkdir()
    (tmp_path / "cameo" / "codes.tsv").write_text("# mine\n1953\tMy new code\t-9.5\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    cameo.clear_cache()
    c = cameo.lookup("1953")
    assert c is not None and c.goldstein == -9.5 and c.plover_category == "ASSAULT"


def test_user_table_errors_name_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cameo").mkdir()
    (tmp_path / "cameo" / "codes.tsv").write_text("\n2101\tBad root\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    cameo.clear_cache()
    with pytest.raises(LexiconError, match=r"codes.tsv:2: root '21'"):
        cameo.lookup("010")


# --- agreement with the reference tables (read at run time, never copied) -----------------------

needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is absent: cannot compare with the reference tables"
)


@pytest.mark.shared
@needs_reference
def test_codes_and_goldstein_match_reference() -> None:
    names = {}
    for line in (REFERENCE / "cameo_codes.csv").read_text(encoding="utf-8").splitlines():
        code, name = line.split(",", 1)
        names[code] = name.strip()
    gold = {}
    for line in (REFERENCE / "cameo_goldstein.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, score = line.split("\t")
        gold[code] = float(score)
    assert {c.code for c in cameo.all_codes()} == set(names)
    for c in cameo.all_codes():
        assert c.name == names[c.code]
        assert c.goldstein == gold.get(c.code)


@pytest.mark.shared
@needs_reference
def test_plover_matches_reference() -> None:
    ref: dict[str, tuple[str, str | None, str | None]] = {}
    for line in (REFERENCE / "cameo2plover-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([^#]*)", line)
        if not m or m.group(1) in ref:  # first occurrence wins (08 CONCEDE/RETREAT, 175 twice)
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        ref[m.group(1)] = (parts[0], parts[1] or None, parts[2] or None)
    for code, (cat, mode, ctx) in ref.items():
        c = cameo.lookup(code)
        if c is None:
            assert code in {"1213", "1214"}  # in the PLOVER table, not in the CAMEO list
            continue
        assert (c.plover_category, c.plover_mode, c.plover_context) == (cat, mode, ctx), code
