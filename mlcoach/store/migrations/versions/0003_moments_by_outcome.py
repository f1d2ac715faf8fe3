"""Moments with an outcome, by outcome, person and style: one covering index answers the
headline stats' realized-vs-attempted figures without reading the moments table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_moments_outcome", "moments", ["outcome", "person_id", "style"],
                    sqlite_where=sa.text("outcome IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_moments_outcome", table_name="moments")
