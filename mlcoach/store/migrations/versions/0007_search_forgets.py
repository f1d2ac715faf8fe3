"""The search index forgets what is deleted: FTS5 kept a deleted or edited-away text's
words in its index pages (marked deleted, there until a merge), readable in the file.
Its 'secure-delete' option removes them at once; the index is rebuilt so the words of
what was deleted before this version go too (under secure_delete, the old pages are
zeroed as they are freed). A plain store written before secure_delete also holds
deleted text in its free space: the migration marks a one-time VACUUM due, which
db.ensure_schema does once the migration has committed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)")
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    op.execute("PRAGMA user_version = 1")  # db.WIPE_PENDING


def downgrade() -> None:
    op.execute("PRAGMA user_version = 0")
    op.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0)")
