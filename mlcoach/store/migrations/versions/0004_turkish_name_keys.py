"""People's name keys fold Turkish I/ı and İ/i together (domain.text.name_key), so that
"Işık", "IŞIK" and "ışık" are one person. Keys are recomputed; where two people already
stored would now share a key, one of them keeps its old key, so nothing is merged or lost.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _turkish_fold(key: str) -> str:
    # The rule of domain.text.name_key as of this revision, kept here: a migration must
    # not change when that function does.
    return key.replace("i\u0307", "i").replace("ı", "i")


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, name_key FROM people ORDER BY created_at, id")).fetchall()
    taken = {key for _id, key in rows if _turkish_fold(key) == key}
    for person_id, key in rows:
        new = _turkish_fold(key)
        if new == key or new in taken:
            continue  # unchanged, or a person stored earlier has that key now
        taken.add(new)
        conn.execute(sa.text("UPDATE people SET name_key = :key WHERE id = :id"),
                     {"key": new, "id": person_id})


def downgrade() -> None:
    pass  # keys stay folded; an mlcoach before 0004 refuses this store as newer anyway
