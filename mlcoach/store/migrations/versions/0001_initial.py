"""Initial schema: people, moments, tags, suggestions, reflections, prompt events,
custom prompts, settings, and a full-text index kept in sync by triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FTS_SOURCES = {
    # entity: (table, body expression over NEW/OLD row)
    "moment": ("moments", "{r}.text"),
    "reflection": (
        "reflections",
        "{r}.went_well || char(10) || {r}.differently || char(10) || {r}.intention",
    ),
    "suggestion": ("suggestions", "{r}.change || char(10) || {r}.text"),
    "person": ("people", "{r}.name || char(10) || {r}.notes"),
}


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False, unique=True),
        sa.Column("style", sa.String(16)),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "prompt_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("prompt_id", sa.String(64), nullable=False),
        sa.Column("theme", sa.String(32), nullable=False),
        sa.Column("shown_at", sa.DateTime, nullable=False, index=True),
        sa.Column("response", sa.String(16), nullable=False, server_default="shown"),
        sa.Column("responded_at", sa.DateTime),
        sa.Column("why", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("person_id", sa.String(36), sa.ForeignKey("people.id"), index=True),
        sa.Column("style", sa.String(16)),
        sa.Column("change", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("size", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("follow_up_on", sa.Date),
        sa.Column("outcome", sa.String(16)),
        sa.Column("outcome_at", sa.DateTime),
    )
    op.create_table(
        "moments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("person_id", sa.String(36), sa.ForeignKey("people.id"), index=True),
        sa.Column("style", sa.String(16)),
        sa.Column("outcome", sa.String(16)),
        sa.Column("outcome_at", sa.DateTime),
        sa.Column("prompt_event_id", sa.String(36), sa.ForeignKey("prompt_events.id")),
        sa.Column("suggestion_id", sa.String(36), sa.ForeignKey("suggestions.id")),
        sa.Column("planned", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("follow_up_on", sa.Date, index=True),
    )
    op.create_table(
        "moment_tags",
        sa.Column(
            "moment_id",
            sa.String(36),
            sa.ForeignKey("moments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tag", sa.Text, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_moment_tags_tag", "moment_tags", ["tag"])
    op.create_table(
        "reflections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("energy", sa.Integer),
        sa.Column("went_well", sa.Text, nullable=False, server_default=""),
        sa.Column("differently", sa.Text, nullable=False, server_default=""),
        sa.Column("intention", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "custom_prompts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("theme", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "entity UNINDEXED, ref UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')"
    )
    for entity, (table, body) in _FTS_SOURCES.items():
        new, old = body.format(r="new"), body.format(r="old")
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_fts WHERE entity = '{entity}' AND ref = old.id; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} "
            f"WHEN {old} IS NOT {new} BEGIN "
            f"DELETE FROM search_fts WHERE entity = '{entity}' AND ref = old.id; "
            f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new}); END"
        )


def downgrade() -> None:
    for table, _ in _FTS_SOURCES.values():
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_fts")
    for table in (
        "settings",
        "custom_prompts",
        "reflections",
        "moment_tags",
        "moments",
        "suggestions",
        "prompt_events",
        "people",
    ):
        op.drop_table(table)
