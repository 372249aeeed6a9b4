"""The tables, as SQLAlchemy Core metadata: plain columns any SQLite client can read.

Every field of the claim record is its own column (``evidence_text``, ``source_name``,
``actor1_code``...), so Datasette, DuckDB or pandas users can query the file with no knowledge of
claimgraph. Only the two list/dict fields (``via``, ``plover``) are JSON text, each with a flat
companion column (``via_name``, ``plover_category``...). The migrations in ``migrations/`` create
exactly these tables; the metadata here is what the query code builds statements from.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String),  # as given by the input (ISO date or datetime)
    Column("text", Text, nullable=False),
    Column("language", String),
    Column("content_hash", String, unique=True),  # sha256 hex of the text; NULL for stubs from `load`
    Column("extractor_version", String),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # kind|name|actor, lower-cased: NULLs are distinct in UNIQUE constraints, so identity needs one column
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("kind", String, nullable=False),
    Column("actor", String),
)

actors = Table(
    "actors",
    metadata,
    Column("code", String, primary_key=True),
    Column("country", String, nullable=False),  # first three letters: the country or IGO/NGO/IMG class
    Column("label", Text),  # the first mention seen, for a readable node name
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the article, as extracted
    # copies of the article's outlet and publication day, so the dyad index covers the query
    Column("outlet", Text),
    Column("published", String),  # YYYY-MM-DD
    Column("paragraph", Integer),  # paragraph of the evidence start (0 = lead, GDELT's IsRootEvent)
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("source_text", Text),
    Column("source_name", Text),
    Column("source_kind", String, nullable=False),
    Column("source_role", Text),
    Column("source_actor", String),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("via", Text),  # JSON list of {name, kind, actor, text, start, end}, nearest to the reader first
    Column("via_name", Text),  # the first via's name
    Column("cue_text", Text),
    Column("cue_lemma", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("stance", String, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("framing", String, nullable=False),
    Column("has_event", Boolean, nullable=False),
    Column("actor1_text", Text),
    Column("actor1_code", String),
    Column("actor1_country", String),
    Column("actor1_start", Integer),
    Column("actor1_end", Integer),
    Column("action_text", Text),
    Column("cameo", String),
    Column("root", String),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("action_name", Text),
    Column("plover", Text),  # JSON object as extracted
    Column("plover_category", String),
    Column("plover_mode", String),
    Column("plover_context", String),
    Column("actor2_text", Text),
    Column("actor2_code", String),
    Column("actor2_country", String),
    Column("actor2_start", Integer),
    Column("actor2_end", Integer),
    Column("object", Text),
    Column("event_date", String),
    Column("place", Text),
    Column("rule", Text),
)
Index("ix_claims_article", claims.c.article_id, claims.c.seq)
Index("ix_claims_dyad", claims.c.actor1_country, claims.c.actor2_country, claims.c.published)
Index("ix_claims_root_published", claims.c.root, claims.c.published)
Index("ix_claims_actor1_published", claims.c.actor1_country, claims.c.published)
Index("ix_claims_actor2_published", claims.c.actor2_country, claims.c.published)
Index("ix_claims_published", claims.c.published)
Index("ix_claims_source", claims.c.source_id)

clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False),  # actor1 country|actor2 country|root|object head
    Column("label", Text, nullable=False),  # the event in plain words
    Column("actor1_country", String),
    Column("actor2_country", String),
    Column("root", String),
    Column("cameo", String),  # the most frequent full code
    Column("object", Text),  # normalised head noun
    Column("first_seen", String),
    Column("last_seen", String),
    Column("n_claims", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("n_asserting", Integer, nullable=False),
    Column("n_denying", Integer, nullable=False),
    Column("n_questioning", Integer, nullable=False),
    Column("block", String),  # event family|country: built together (NULL: built before revision 0005)
)
Index("ix_clusters_block", clusters.c.block)
Index("ix_clusters_dyad", clusters.c.actor1_country, clusters.c.actor2_country, clusters.c.first_seen)
Index("ix_clusters_last_seen", clusters.c.last_seen, clusters.c.id)
# the cluster list's other orders (most reported, most outlets, most contested), so a page of them
# walks an index instead of sorting every cluster (revision 0006)
Index("ix_clusters_articles", clusters.c.n_articles.desc(), clusters.c.n_claims.desc(), clusters.c.id)
Index("ix_clusters_outlets", clusters.c.n_outlets.desc(), clusters.c.n_articles.desc(), clusters.c.id)
Index(
    "ix_clusters_contest",
    (clusters.c.n_denying + clusters.c.n_questioning).desc(),
    clusters.c.n_asserting.desc(),
    clusters.c.id,
)

cluster_claims = Table(
    "cluster_claims",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False),
    Column("role", String, nullable=False),  # originator | echo
    Column("echo_of", Integer),  # the earlier report's claim id, when it is in the store
    Column("echo_via", Text),  # the outlet named in `via` that makes this an echo
    Column("block", String),  # the cluster's block, so a recluster can load one block's claims
)
Index("ix_cluster_claims_cluster", cluster_claims.c.cluster_id)
Index("ix_cluster_claims_block", cluster_claims.c.block)

# Every cluster id ever given out, with the identity it stands for: the cluster's key and the
# (article, seq) of the report that opened it. ``recluster`` rebuilds ``clusters`` but only adds
# rows here, so a cluster keeps its id while its identity lives on and no id is ever given twice.
cluster_ids = Table(
    "cluster_ids",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("key", Text, nullable=False),
    Column("origin_article", String, nullable=False),  # no foreign key: the id outlives its claims
    Column("origin_seq", Integer, nullable=False),
    UniqueConstraint("origin_article", "origin_seq", "key", name="uq_cluster_ids_identity"),
)

# Ids of clusters that merged into others or split: where their reports went (the cluster holding
# most of them), so an old link answers with a redirect. Rows pointing at an id that later goes are
# moved on to its own successor, so one lookup is enough.
cluster_redirects = Table(
    "cluster_redirects",
    metadata,
    Column("old_id", Integer, primary_key=True, autoincrement=False),
    Column("new_id", Integer, nullable=False),
)
Index("ix_cluster_redirects_new", cluster_redirects.c.new_id)

# Ids of source rows that merged into others (a re-key, or a speaker's full name arriving after
# their bare surname): the row their claims went to, so an old ``/sources/{id}`` link answers with a
# redirect. Like ``cluster_redirects``, rows are kept pointing at live ids (revision 0009).
source_redirects = Table(
    "source_redirects",
    metadata,
    Column("old_id", Integer, primary_key=True, autoincrement=False),
    Column("new_id", Integer, nullable=False),
)
Index("ix_source_redirects_new", source_redirects.c.new_id)

# Blocks whose clusters lost members since they were built (an article reprocessed): the next
# recluster rebuilds them whole, then empties this table.
cluster_dirty = Table("cluster_dirty", metadata, Column("block", String, primary_key=True))

errors = Table(
    "errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("location", Text),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
