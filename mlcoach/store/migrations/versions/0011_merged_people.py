"""Where a merged person went: `people merge "Ana'ya" Ana` deletes "Ana'ya" (0009 keeps
the id) and records Ana's id beside it, so that a damaged store restored from a backup
taken before the merge links that backup's moments and suggestions of "Ana'ya" to Ana
instead of to no one (recovery.carry_over).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    columns = {row[1] for row in conn.execute(sa.text("PRAGMA table_info(deleted_people)"))}
    if "merged_into" not in columns:  # safe to run again
        op.execute("ALTER TABLE deleted_people ADD COLUMN merged_into VARCHAR(36)")


def downgrade() -> None:
    op.execute("ALTER TABLE deleted_people DROP COLUMN merged_into")
