"""Which reflections were deleted (their ids only), so that a damaged store restored from
a backup taken before a deletion does not bring the day's reflection back
(recovery.carry_over). Triggers keep the list as 0008's do for moments: a deletion adds
the id, an insert of the id (an import) takes it out.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: the same statements as create_table, safe to run again
    op.execute("CREATE TABLE IF NOT EXISTS deleted_reflections "
               "(id VARCHAR(36) NOT NULL, PRIMARY KEY (id))")
    op.execute("CREATE TRIGGER IF NOT EXISTS reflections_deleted AFTER DELETE ON reflections "
               "BEGIN INSERT OR IGNORE INTO deleted_reflections (id) VALUES (old.id); END")
    op.execute("CREATE TRIGGER IF NOT EXISTS reflections_undeleted AFTER INSERT ON reflections "
               "BEGIN DELETE FROM deleted_reflections WHERE id = new.id; END")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS reflections_undeleted")
    op.execute("DROP TRIGGER IF EXISTS reflections_deleted")
    op.drop_table("deleted_reflections")
