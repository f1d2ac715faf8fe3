"""People's names without a character that does not show, as domain.text now refuses
typed ones: "Ana\\x1b" (sessions before 31) or "Ana\\u200b" (before 30) looked like Ana
and could not be named at the command line. The name becomes what it shows; where
someone already has that name, the two stay apart as "Ana (2)", visibly (`people merge
"Ana (2)" Ana` puts them together, with the user's say). A name of nothing that shows
stays as it was. The trigger on people (0014) writes their moments' index entries again.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The rule of domain.text.hidden_character as of this revision, kept here: a migration
# must not change when that function does.
_HIDDEN = frozenset("\u00ad\u180e\u200b\u200e\u200f\u2060\ufeff"
                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(ch: str) -> bool:
    return ch in _HIDDEN or (unicodedata.category(ch) == "Cc" and not ch.isspace())


def _key(name: str) -> str:
    # domain.text.name_key as of this revision
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return folded.replace("i\u0307", "i").replace("ı", "i")


def upgrade() -> None:
    conn = op.get_bind()
    people = conn.execute(sa.text(
        "SELECT id, name, name_key FROM people ORDER BY created_at, id")).fetchall()
    taken = {key for (_, _, key) in people}
    for person_id, name, key in people:
        if not any(_hidden(ch) for ch in name):
            continue
        shown = unicodedata.normalize(
            "NFC", " ".join("".join(ch for ch in name if not _hidden(ch)).split()))
        if not any(unicodedata.category(ch)[0] in "LN" for ch in shown):
            continue  # nothing that shows is a name: left for the user to rename
        new, n = shown, 1
        while _key(new) in taken:
            n += 1
            new = f"{shown} ({n})"
        taken.discard(key)
        taken.add(_key(new))
        conn.execute(sa.text("UPDATE people SET name = :name, name_key = :key WHERE id = :id"),
                     {"name": new, "key": _key(new), "id": person_id})


def downgrade() -> None:
    pass  # names stay as they show; an mlcoach before 0015 refuses this store anyway
