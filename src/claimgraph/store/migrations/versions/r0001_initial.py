"""Initial schema: articles, sources, actors, claims (+ full-text index), clusters, errors.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table kept in step by triggers (the layout Datasette and
# sqlite-utils recognise as `claims_fts`); porter stemming so "supplying" finds "supply".
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5(evidence_text, content='claims', content_rowid='id', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text); END",
    "CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, evidence_text) "
    "VALUES ('delete', old.id, old.evidence_text); END",
    "CREATE TRIGGER claims_au AFTER UPDATE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text); "
    "INSERT INTO claims_fts(rowid, evidence_text) VALUES (new.id, new.evidence_text); END",
]
# PostgreSQL: a generated tsvector column with a GIN index.
POSTGRES_FTS = [
    "ALTER TABLE claims ADD COLUMN evidence_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', evidence_text)) STORED",
    "CREATE INDEX ix_claims_evidence_tsv ON claims USING gin (evidence_tsv)",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String),
        sa.Column("content_hash", sa.String, unique=True),
        sa.Column("extractor_version", sa.String),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("actor", sa.String),
    )
    op.create_table(
        "actors",
        sa.Column("code", sa.String, primary_key=True),
        sa.Column("country", sa.String, nullable=False),
        sa.Column("label", sa.Text),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String),
        sa.Column("paragraph", sa.Integer),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("source_text", sa.Text),
        sa.Column("source_name", sa.Text),
        sa.Column("source_kind", sa.String, nullable=False),
        sa.Column("source_role", sa.Text),
        sa.Column("source_actor", sa.String),
        sa.Column("source_start", sa.Integer),
        sa.Column("source_end", sa.Integer),
        sa.Column("via", sa.Text),
        sa.Column("via_name", sa.Text),
        sa.Column("cue_text", sa.Text),
        sa.Column("cue_lemma", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("stance", sa.String, nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("framing", sa.String, nullable=False),
        sa.Column("has_event", sa.Boolean, nullable=False),
        sa.Column("actor1_text", sa.Text),
        sa.Column("actor1_code", sa.String),
        sa.Column("actor1_country", sa.String),
        sa.Column("actor1_start", sa.Integer),
        sa.Column("actor1_end", sa.Integer),
        sa.Column("action_text", sa.Text),
        sa.Column("cameo", sa.String),
        sa.Column("root", sa.String),
        sa.Column("quad_class", sa.Integer),
        sa.Column("goldstein", sa.Float),
        sa.Column("action_name", sa.Text),
        sa.Column("plover", sa.Text),
        sa.Column("plover_category", sa.String),
        sa.Column("plover_mode", sa.String),
        sa.Column("plover_context", sa.String),
        sa.Column("actor2_text", sa.Text),
        sa.Column("actor2_code", sa.String),
        sa.Column("actor2_country", sa.String),
        sa.Column("actor2_start", sa.Integer),
        sa.Column("actor2_end", sa.Integer),
        sa.Column("object", sa.Text),
        sa.Column("event_date", sa.String),
        sa.Column("place", sa.Text),
        sa.Column("rule", sa.Text),
    )
    op.create_index("ix_claims_article", "claims", ["article_id", "seq"])
    op.create_index("ix_claims_dyad", "claims", ["actor1_country", "actor2_country", "published"])
    op.create_index("ix_claims_root", "claims", ["root"])
    op.create_index("ix_claims_published", "claims", ["published"])
    op.create_index("ix_claims_source", "claims", ["source_id"])
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("actor1_country", sa.String),
        sa.Column("actor2_country", sa.String),
        sa.Column("root", sa.String),
        sa.Column("cameo", sa.String),
        sa.Column("object", sa.Text),
        sa.Column("first_seen", sa.String),
        sa.Column("last_seen", sa.String),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("n_asserting", sa.Integer, nullable=False),
        sa.Column("n_denying", sa.Integer, nullable=False),
        sa.Column("n_questioning", sa.Integer, nullable=False),
    )
    op.create_index("ix_clusters_dyad", "clusters", ["actor1_country", "actor2_country", "first_seen"])
    op.create_table(
        "cluster_claims",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("echo_of", sa.Integer),
        sa.Column("echo_via", sa.Text),
    )
    op.create_index("ix_cluster_claims_cluster", "cluster_claims", ["cluster_id"])
    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    dialect = op.get_bind().dialect.name
    for sql in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("claims_ai", "claims_ad", "claims_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    for table in ("errors", "cluster_claims", "clusters", "claims", "actors", "sources", "articles"):
        op.drop_table(table)
