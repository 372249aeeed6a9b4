"""Turn an annotator's work file into the stand-off label table kept in the repository.

    python training/events/import_labels.py /tmp/cands/batch-1.jsonl /tmp/labels/batch-1.jsonl \
        training/events/labels/batch-1.tsv

The candidates file gives each row's corpus; the labels file (same order) gives the label and the
annotator's actor codes. Only ids, offsets and labels are written: no text of the articles.
"""

from __future__ import annotations

import json
import sys


def main(cands: str, labels: str, out: str) -> None:
    rows_c = [json.loads(line) for line in open(cands, encoding="utf-8")]
    rows_l = [json.loads(line) for line in open(labels, encoding="utf-8")]
    n = min(len(rows_c), len(rows_l))
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# corpus\tarticle_id\tstart\tend\tlabel\ta1\ta2  (see ../README.md)\n")
        for c, lab in zip(rows_c[:n], rows_l[:n], strict=True):
            if (c["article_id"], c["start"], c["end"]) != (lab["article_id"], lab["start"], lab["end"]):
                raise SystemExit(f"{labels}: row for {lab['article_id']}:{lab['start']} is out of step")
            cells = [c["corpus"], c["article_id"], str(c["start"]), str(c["end"]), lab["label"],
                     lab.get("a1") or "", lab.get("a2") or ""]
            fh.write("\t".join(cells).rstrip("\t") + "\n")
    print(f"{out}: {n} labels" + ("" if n == len(rows_c) else f" of {len(rows_c)} candidates"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
