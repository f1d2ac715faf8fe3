"""Which moments were deleted (their ids only), so that a damaged store restored from a
backup taken before a deletion does not bring the deleted moment back
(recovery.carry_over). Triggers keep the list: a deletion adds the id, any insert of the
id (undo, an import, a capture handed over again) takes it out.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: the same statements as create_table, safe to run again
    op.execute("CREATE TABLE IF NOT EXISTS deleted_moments "
               "(id VARCHAR(36) NOT NULL, PRIMARY KEY (id))")
    op.execute("CREATE TRIGGER IF NOT EXISTS moments_deleted AFTER DELETE ON moments BEGIN "
               "INSERT OR IGNORE INTO deleted_moments (id) VALUES (old.id); END")
    op.execute("CREATE TRIGGER IF NOT EXISTS moments_undeleted AFTER INSERT ON moments BEGIN "
               "DELETE FROM deleted_moments WHERE id = new.id; END")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS moments_undeleted")
    op.execute("DROP TRIGGER IF EXISTS moments_deleted")
    op.drop_table("deleted_moments")
