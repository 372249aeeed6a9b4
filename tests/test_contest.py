"""A cluster is contested only by a confident denial or doubt (claimgraph.contest): from a real
speaker, over the clustered event. Sentences are our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.contest import confident, confident_dissent, disputes, real_speaker
from claimgraph.model import Cue, Source
from claimgraph.pipeline import extract
from claimgraph.store import ClusterQuery, Store
from test_store import make_article, make_claim


def _dissents(text: str) -> list[bool]:
    """confident_dissent for each denying or questioning record of ``text``."""
    return [confident_dissent(c) for c in extract(text) if c.stance in ("denies", "questions")]


@pytest.mark.parametrize(
    "text",
    [
        "Iran denied that it supplied drones to Russia.",
        "China rejected the accusations that it sent weapons to Russia.",
        "The Saudi minister said Saudi Arabia did not attack Yemen.",
        "The Indian government said India never attacked Pakistan.",
        "Iran questioned whether Russia supplied missiles to Armenia.",
        "The Russian navigator insisted that the Turkish air force had issued no warnings to his plane.",
        "Ankara denied Moscow's accusations that Turkey bought oil from the Islamic State group.",
    ],
)
def test_a_real_speakers_denial_of_the_event_is_confident(text: str) -> None:
    found = _dissents(text)
    assert found and all(found), (text, extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # a withheld confirmation is a doubt, not a contest
        "The Pentagon has not confirmed that Iran sent drones to Russia.",
        # the author's own negation disputes nobody
        "Talks in Geneva failed to yield an accord between Iran and Russia.",
        "No Iranian diplomats were arrested by the Russian police.",
    ],
)
def test_withheld_or_unvoiced_doubts_are_not(text: str) -> None:
    assert not any(_dissents(text)), (text, extract(text))


@pytest.mark.parametrize(
    "text",
    [
        # a negated "know" over "how many" presupposes the killing; "deny" in the sense of withhold,
        # "reject" of a thing, are no denial at all
        "We still do not know how many soldiers were killed by Russia, the Ukrainian minister said.",
        "These measures will help further deny Iran financial resources used to support its programs.",
        "Governments have taken action to reject efforts to sell Putin's war as justified.",
        # "deny X Y" withholds Y, with or without the speaker's verb around it
        "The European Union said the new sanctions deny Moscow the revenue it needs for the war.",
        "The coalition will free the city and deny the militants a safe haven to plan attacks on Europe.",
        # a verb of stopping or yielding, negated, says something goes on
        "The Indian minister said Tibetans have not given up their demand for Chinese recognition.",
        # what is asked not to happen is not denied
        "The State Department urged Iran not to send more drones to Russia.",
    ],
)
def test_no_false_denials(text: str) -> None:
    assert not [c for c in extract(text) if c.stance != "asserts"], extract(text)


@pytest.mark.parametrize(
    ("source", "real"),
    [
        (Source(text="Iran", name="Iran", kind="country", actor="IRN"), True),
        (Source(text="Lavrov", name="Sergei Lavrov", kind="person"), True),
        (Source(text="officials", name="officials", kind="anonymous", role="senior officials"), True),
        (Source(text="These measures", name="measures", kind="organization"), False),
        (Source(text="he", name="he", kind="person"), False),
        (Source(text=None, name="Reuters", kind="author"), False),
        (Source(text="Governments", name="Governments", kind="organization"), False),
        # named by a role, with no code yet: still somebody who can dispute a claim
        (Source(text="the pilot", name="second pilot of the downed jet", kind="organization"), True),
        (Source(text="the liberation", name="liberation of Mosul", kind="organization"), False),
    ],
)
def test_real_speakers(source: Source, real: bool) -> None:
    assert real_speaker(source) is real


@pytest.mark.parametrize(
    ("cue", "contested"), [(Cue(text="denied", lemma="deny"), True), (Cue(text="said", lemma="say"), False)]
)
def test_only_a_confident_denial_contests_a_cluster(tmp_path, cue: Cue, contested: bool) -> None:
    """A record marked as denying with no deny cue and no negation over its event is a member of
    the cluster, but makes it neither contested nor ranked among the most contested."""
    with Store(f"sqlite:///{tmp_path}/c.db") as store:
        store.add_article(make_article("a1"), [make_claim("a1")], extractor_version="v")
        denial = replace(
            make_claim("a2", source="Nasser Kanaani", source_actor="IRNGOV", stance="denies"), cue=cue
        )
        store.add_article(make_article("a2", published="2023-01-05"), [denial], extractor_version="v")
        store.recluster(window_days=60)
        assert bool(store.clusters(ClusterQuery(contested=True))) is contested
        assert len(store.clusters()) == 1


def _confident(evidence: str, *, rule: str = "cue:say+ccomp", cue: Cue | None = None) -> bool:
    cue = cue or Cue(text="said", lemma="say")
    return confident(
        stance="denies",
        source_kind="person",
        source_name="Ayman Safadi",
        source_actor="JORGOV",
        source_role=None,
        cue_text=cue.text,
        cue_lemma=cue.lemma,
        evidence=evidence,
        rule=rule,
    )


def test_a_negation_taken_as_given_or_a_guessed_claim_contests_nothing() -> None:
    assert _confident("the army did not shell the town")
    # "asked why the army did not shell the town": the question presupposes the negation
    assert not _confident("why the army did not shell the town")
    assert not _confident("which have not been shelling the town")
    # "... the report claimed. X rejected the allegations": which claim is meant is a guess
    rejected = Cue(text="rejected", lemma="reject")
    assert _confident("the allegations", rule="cue:reject+dobj; x", cue=rejected)
    assert not _confident("the allegations", rule="cue:reject+dobj+earlier; x", cue=rejected)


@pytest.mark.parametrize(
    ("source", "head", "code", "disputed"),
    [
        ("jordan|JORGOV", None, "190", True),
        # the speaker who asserts the event in this cluster does not also contest it
        ("israel|ISRGOV", None, "190", False),
        # another object, another event: "sanctions were not discussed" vs a call about the war
        ("jordan|JORGOV", "sanction", "190", False),
        ("jordan|JORGOV", "town", "190", True),
        # 193 "small arms" is under 190, the root's "not specified"; 173 "arrest" is another branch
        ("jordan|JORGOV", None, "193", True),
        ("jordan|JORGOV", None, "173", False),
    ],
)
def test_a_denial_disputes_the_clusters_own_event(
    source: str, head: str | None, code: str, disputed: bool
) -> None:
    assert disputes(source, head, code, {"israel|ISRGOV"}, "town", {"190"}) is disputed


@pytest.mark.parametrize(
    ("evidence", "stance", "contested"),
    [
        # a negation over a stretch of time says when it last happened, not that it did not
        ("we have not spoken for a long time", "denies", False),
        ("the two navies have held no joint drills in years", "denies", False),
        ("the navies did not hold joint drills last week", "denies", True),
        # a question whether anyone did it at all disputes nobody's report
        ("anyone else had helped the gunman", "questions", False),
        ("the militia had helped the gunman", "questions", True),
    ],
)
def test_a_period_or_an_open_question_contests_nothing(evidence: str, stance: str, contested: bool) -> None:
    got = confident(
        stance=stance,
        source_kind="person",
        source_name="Ayman Safadi",
        source_actor="JORGOV",
        source_role=None,
        cue_text="said",
        cue_lemma="say",
        evidence=evidence,
    )
    assert got is contested


@pytest.mark.parametrize(
    ("text", "claimant", "denier"),
    [
        # the claim noun's own clause is the claimant's claim; the denial carries its event
        (
            "Ankara rejected Russian accusations that Turkey bought oil from the Islamic State group.",
            "RUS",
            "TUR",
        ),
        (
            "The Jordanian army denied a claim by Islamic State militants that they shot down its jet.",
            "IMG",
            "JOR",
        ),
    ],
)
def test_a_denied_claim_noun_is_the_claimants_event(text: str, claimant: str, denier: str) -> None:
    claims = [c for c in extract(text) if c.event is not None and c.source.kind != "author"]
    asserted = [c for c in claims if c.stance == "asserts" and (c.source.actor or "").startswith(claimant)]
    denied = [c for c in claims if c.stance == "denies" and (c.source.actor or "").startswith(denier)]
    assert asserted and denied, claims
    assert {(c.event.actor1.code if c.event.actor1 else None, c.event.action.cameo) for c in denied} <= {
        (c.event.actor1.code if c.event.actor1 else None, c.event.action.cameo) for c in asserted
    }
    assert all(confident_dissent(c) for c in denied)


def test_a_denial_of_a_whole_kind_disputes_any_object_of_it() -> None:
    assert disputes("islamabad|PAKGOV", "support", "070", {"kabul|AFGGOV"}, "sanctuary", {"070"})
    assert not disputes("islamabad|PAKGOV", "weapon", "070", {"kabul|AFGGOV"}, "sanctuary", {"070"})


def test_a_claim_named_by_its_claimant_is_that_claimants_earlier_claim() -> None:
    """ "X said ... . Y dismissed X's claim": no guess which claim is meant, so a contest."""
    text = (
        "Houthi rebels said they had shot down an American drone over Marib. "
        "The Pentagon spokesman dismissed the Houthis' claim as propaganda."
    )
    denied = [c for c in extract(text) if c.stance == "denies" and c.event is not None]
    assert denied and all(confident_dissent(c) for c in denied), extract(text)
    assert all("+earlier" not in (c.rule or "") for c in denied)
    # a bare "the allegations" of an earlier sentence stays a guess
    guess = "Iran said Israel attacked its embassy in Damascus. Israel rejected the allegations."
    assert not any(confident_dissent(c) for c in extract(guess) if c.stance == "denies")


def test_the_claimant_is_matched_by_party_not_by_the_nearest_claim() -> None:
    text = (
        "A Pakistani official said Afghan forces shelled a border post. "
        "An Afghan official said Pakistani troops shelled a village. "
        "The Afghan ambassador rejected the assessment of the Pakistani official."
    )
    denied = [c for c in extract(text) if c.stance == "denies" and c.event is not None]
    assert denied and {c.event.actor1.code[:3] for c in denied if c.event.actor1} == {"AFG"}, denied
