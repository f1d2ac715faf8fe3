"""People's names in one Unicode form (NFC), and their keys from it (domain.text), so
that "José" typed with "é" or with "e" and a combining accent is one person. A person
whose new key another already has keeps name and key as they were: nothing is merged.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    # The rule of domain.text.name_key as of this revision, kept here: a migration must
    # not change when that function does.
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return folded.replace("i\u0307", "i").replace("ı", "i")


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, name, name_key FROM people ORDER BY created_at, id")).fetchall()
    taken = {key for _id, _name, key in rows}
    for person_id, name, key in rows:
        composed = unicodedata.normalize("NFC", name)
        if composed == name:
            continue  # already composed: its key stays as it is (0004 may have kept it)
        new = _key(composed)
        if new != key and new in taken:
            continue  # another person has that key: both stay apart
        taken.discard(key)
        taken.add(new)
        conn.execute(sa.text("UPDATE people SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": composed, "key": new, "id": person_id})


def downgrade() -> None:
    pass  # names stay composed; an mlcoach before 0005 refuses this store as newer anyway
