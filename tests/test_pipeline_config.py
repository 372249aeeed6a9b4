"""The pipeline is assembled from registered components by configuration, so stages plug in."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.pipeline import DEFAULT_COMPONENTS, ExtractOptions, PipelineConfigError, extract, load_nlp

TEXT = (
    "The Japanese foreign ministry said on Friday that China had attacked a Japanese patrol boat. "
    "Japan imposed sanctions on China on Saturday."
)


@Language.factory("test_forget_attributions", default_config={"keep": 0})
def _forget(nlp: Language, name: str, keep: int) -> object:
    """A user's stage between attribution and events: keeps only the first ``keep`` attributions."""

    def run(doc: Doc) -> Doc:
        doc._.attributions = (doc._.attributions or [])[:keep]
        return doc

    return run


def test_default_components_run_in_order() -> None:
    nlp = load_nlp()
    assert nlp.pipe_names[-len(DEFAULT_COMPONENTS) :] == list(DEFAULT_COMPONENTS)
    assert "claimgraph_events" not in load_nlp(events=False).pipe_names


def test_default_pipeline_gives_reported_and_author_records() -> None:
    rules = [c.rule.split(";")[0] for c in extract(TEXT)]
    assert any(r.startswith("cue:say") for r in rules), rules
    assert "author" in rules, rules


def test_a_users_component_is_added_by_configuration() -> None:
    opts = ExtractOptions(
        components=("claimgraph_attribution", ("test_forget_attributions", {"keep": 0}), "claimgraph_events")
    )
    assert "test_forget_attributions" in load_nlp(components=opts.components).pipe_names
    claims = extract(TEXT, options=opts)
    # no attribution is left for the event stage: only the author's own statement remains
    assert claims and all(c.cue is None for c in claims), claims


def test_component_settings_reach_the_stage() -> None:
    opts = ExtractOptions(components=("claimgraph_attribution", ("claimgraph_events", {"author": False})))
    rules = [c.rule for c in extract(TEXT, options=opts)]
    assert rules and not any(r.startswith("author") for r in rules), rules


def test_an_unknown_component_is_named_in_the_error() -> None:
    with pytest.raises(PipelineConfigError, match="no_such_stage"):
        load_nlp(components=("claimgraph_attribution", "no_such_stage"))


def test_a_bad_setting_is_named_in_the_error() -> None:
    with pytest.raises(PipelineConfigError, match="claimgraph_events"):
        load_nlp(components=("claimgraph_attribution", ("claimgraph_events", {"colour": "red"})))
