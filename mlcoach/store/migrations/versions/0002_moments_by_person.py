"""Moments by person and time: one index answers "latest moment with each person".

Replaces the single-column person index, which the new one covers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_moments_person_created", "moments", ["person_id", "created_at"])
    op.drop_index("ix_moments_person_id", table_name="moments")


def downgrade() -> None:
    op.create_index("ix_moments_person_id", "moments", ["person_id"])
    op.drop_index("ix_moments_person_created", table_name="moments")
