"""People's names without an "@" before them, as domain.text.clean_name now keeps what is
typed: `people add @Ana` made a person "@Ana" beside the Ana that "@Ana" in a capture
names. A name whose key another person already has stays as it was: nothing is merged
(`people merge "@Ana" Ana` does that, with the user's say).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    # The rule of domain.text.name_key as of this revision, kept here: a migration must
    # not change when that function does.
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return folded.replace("i\u0307", "i").replace("ı", "i")


def upgrade() -> None:
    conn = op.get_bind()
    taken = {key for (key,) in conn.execute(sa.text("SELECT name_key FROM people"))}
    rows = conn.execute(sa.text(
        "SELECT id, name, name_key FROM people WHERE name LIKE '@%' "
        "ORDER BY created_at, id")).fetchall()
    for person_id, name, key in rows:
        bare = name.lstrip("@").lstrip()
        if not bare:
            continue  # "@" alone: nothing else to call them
        new = _key(bare)
        if new in taken:
            continue  # someone is called that already: both stay apart
        taken.discard(key)
        taken.add(new)
        conn.execute(sa.text("UPDATE people SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": bare, "key": new, "id": person_id})


def downgrade() -> None:
    pass  # names stay without the "@"; an mlcoach before 0012 refuses this store anyway
