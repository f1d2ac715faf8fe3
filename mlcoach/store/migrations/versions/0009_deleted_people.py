"""Which people were deleted (their ids only), so that a damaged store restored from a
backup taken before a deletion does not bring the person, their name and notes, back
(recovery.carry_over). Triggers keep the list as 0008's do for moments: a deletion adds
the id, an insert of the id (an import) takes it out.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: the same statements as create_table, safe to run again
    op.execute("CREATE TABLE IF NOT EXISTS deleted_people "
               "(id VARCHAR(36) NOT NULL, PRIMARY KEY (id))")
    op.execute("CREATE TRIGGER IF NOT EXISTS people_deleted AFTER DELETE ON people BEGIN "
               "INSERT OR IGNORE INTO deleted_people (id) VALUES (old.id); END")
    op.execute("CREATE TRIGGER IF NOT EXISTS people_undeleted AFTER INSERT ON people BEGIN "
               "DELETE FROM deleted_people WHERE id = new.id; END")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS people_undeleted")
    op.execute("DROP TRIGGER IF EXISTS people_deleted")
    op.drop_table("deleted_people")
