"""``claimgraph transfers``: the transfers ledger, filtered, as a table, JSON lines or CSV."""

from __future__ import annotations

import sys

import click

from ..export import write_transfers
from ..transfers import CATEGORIES, STATUSES, TransferEntry, TransferQuery, ledger, write_jsonl
from .store import db_option, opened, print_table

HEADERS = ("supplier", "recipient", "item", "number", "status", "time", "asserting", "denying", "articles")


def table_row(e: TransferEntry) -> list[str]:
    """An entry as the table's cells; hedged support is marked as such."""
    item = e.category_label + (f" ({e.designation})" if e.designation else "")
    hedged = [f"{s.name} (hedged)" for s in e.hedging]
    return [
        e.supplier_name,
        e.recipient_name,
        item,
        e.number or "",
        e.status,
        " ".join(e.times),
        "; ".join([s.name for s in e.asserting] + hedged),
        "; ".join(s.name for s in e.denying),
        str(len(e.articles)),
    ]


@click.command("transfers")
@click.option("--supplier", metavar="CODE", help="Supplier country: IRN (IRNGOV counts as IRN).")
@click.option("--recipient", metavar="CODE", help="Recipient country: RUS.")
@click.option("--category", type=click.Choice(list(CATEGORIES)), help="Item category.")
@click.option("--status", type=click.Choice(STATUSES), help="Entry status.")
@click.option("--designation", metavar="NAME", help="Designation contains NAME (Su-35, Shahed).")
@click.option("--since", metavar="DATE", help="Claims published on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Claims published on or before DATE (YYYY-MM-DD).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
@db_option
def transfers_cmd(
    supplier: str | None,
    recipient: str | None,
    category: str | None,
    status: str | None,
    designation: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    db: str | None,
) -> None:
    """The transfers ledger: who supplies what to whom, who says so, and its status.

    Status: reported (third parties only), hedged (only uncertain claims), acknowledged (a party
    asserts it), denied (a party denies it), contested (asserted, and denied by a party).
    """
    q = TransferQuery(
        supplier=supplier,
        recipient=recipient,
        category=category,
        status=status,
        designation=designation,
        since=since,
        until=until,
    )
    with opened(db) as store:
        entries = ledger(store, q)
    if fmt == "jsonl":
        write_jsonl(entries, sys.stdout)
    elif fmt == "csv":
        write_transfers(entries, sys.stdout)
    else:
        print_table(HEADERS, [table_row(e) for e in entries])


def register(group: click.Group) -> None:
    """Add ``transfers`` to the ``claimgraph`` group."""
    group.add_command(transfers_cmd)
