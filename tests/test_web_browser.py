"""A real browser on the article page: Debian's chromium driven by Playwright for Python.

The app runs under uvicorn on 127.0.0.1 (a free port, in a thread). The test checks what only a
browser shows: the highlighted spans are visible, the CSP lets our scripts run, and clicking a span
shows its record. It skips, saying why, when chromium or Playwright is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.cameo import action_for
from claimgraph.model import Actor, Article, Claim, Cue, Event, Evidence, Source
from claimgraph.store import Store
from conftest import CHROMIUM, CHROMIUM_ARGS, need_browser, serving

TEXT = (
    "Officials in Kyiv said Russia shelled Kharkiv on Monday.\n\n"
    "Moscow denied that Russia shelled Kharkiv, calling the reports false."
)


def _claim(evidence: str, source: str, cue: str, stance: str, nth: int = 0) -> Claim:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(evidence, start + 1)
    s, c = TEXT.index(source), TEXT.index(cue)
    return Claim(
        article_id=None,
        evidence=Evidence(start=start, end=start + len(evidence), text=evidence),
        source=Source(text=source, name=source, kind="organization", start=s, end=s + len(source)),
        cue=Cue(text=cue, lemma=cue, start=c, end=c + len(cue)),
        stance=stance,
        event=Event(
            actor1=Actor(text="Russia", code="RUS"),
            action=action_for("190"),
            actor2=Actor(text="Kharkiv", code="UKR"),
        ),
        rule="browser-test",
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_browser()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}"
    with Store(url) as store:
        store.add_article(
            Article(
                id="a1", text=TEXT, title="Shelling in Kharkiv", outlet="Test Wire", published="2024-03-01"
            ),
            [
                _claim("Russia shelled Kharkiv on Monday", "Officials in Kyiv", "said", "asserts"),
                _claim("Russia shelled Kharkiv", "Moscow", "denied", "denies", nth=1),
            ],
            extractor_version="test",
        )
        store.recluster()
    with serving(url) as base:
        yield base


def test_clicking_a_highlighted_span_shows_its_record(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{server}/articles/a1")

            spans = page.locator("#article-text .hl")
            assert spans.count() >= 2
            asserted = page.locator("#article-text .hl.st-asserts").first
            denied = page.locator("#article-text .hl.st-denies").first
            assert asserted.is_visible() and denied.is_visible()
            assert asserted.inner_text() == "Russia shelled Kharkiv on Monday"

            denied.click()
            panel = page.locator("#record-panel")
            panel.get_by_text("Claim #").wait_for(timeout=5000)
            assert "denies" in panel.inner_text() and "Moscow" in panel.inner_text()
            assert "Russia shelled Kharkiv" in panel.inner_text()
            assert page.locator("#article-text .sel").count() >= 1  # the clicked claim's spans stand out

            shot = tmp_path / "article.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 1000
        finally:
            browser.close()
    assert not errors, errors  # no CSP violation, no script error
