"""People's names and moments' tags in one Unicode form (NFC), as domain.text now keeps
what is typed, so that "José" typed with "é" or with "e" and a combining accent is one
person and "café" one tag. A person whose new key another already has keeps name and key
as they were: nothing is merged. A moment tagged both ways keeps the tag once.

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
    _compose_tags(conn)


def _compose_tags(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text("SELECT moment_id, tag FROM moment_tags")).fetchall()
    have = {(moment_id, tag) for moment_id, tag in rows}
    for moment_id, tag in rows:
        composed = unicodedata.normalize("NFC", tag)
        if composed == tag:
            continue
        if (moment_id, composed) in have:  # tagged both ways: once is enough
            conn.execute(sa.text("DELETE FROM moment_tags WHERE moment_id = :m AND tag = :t"),
                         {"m": moment_id, "t": tag})
        else:
            conn.execute(sa.text("UPDATE moment_tags SET tag = :new WHERE moment_id = :m "
                                 "AND tag = :t"), {"new": composed, "m": moment_id, "t": tag})
            have.add((moment_id, composed))


def downgrade() -> None:
    pass  # names stay composed; an mlcoach before 0005 refuses this store as newer anyway
