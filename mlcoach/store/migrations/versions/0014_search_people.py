"""Search finds a moment by the person it is with.

A moment captured with `--person Ana` (or an @name the capture reads) whose words do not
name her was found by `search --person Ana`, not by `search ana` nor by History's search
box. A moment's index entry is now its text, the line of its tags (0013), then a line
with its person ("@Ana"). Its entry is written again when its person changes (a merge,
a deletion: the name leaves the index with them) and, through a trigger on people, when
that person is renamed or added after it (an import that writes a moment before its
person). Written so it may run again on a store already at this revision.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_TAGS = ("coalesce(char(10) || (SELECT group_concat(g, ' ') FROM (SELECT '#' || tag AS g "
         "FROM moment_tags WHERE moment_id = {r}.id ORDER BY position)), '')")
_PERSON = "coalesce(char(10) || '@' || (SELECT name FROM people WHERE id = {r}.person_id), '')"
#: A moment's index entry over NEW/OLD/m as {r}: as of this revision, and as of 0013.
BODY = "{r}.text || " + _TAGS + " || " + _PERSON
BODY_0013 = "{r}.text || " + _TAGS


def _forget(ref: str) -> str:
    return ("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_fts_content "
            f"WHERE c1 = {ref} AND c0 = 'moment');")


def _again(body: str, ref: str, when: str = "") -> str:
    """The entry of moment `ref` written again."""
    return (f"{_forget(ref)} INSERT INTO search_fts(entity, ref, body) "
            f"SELECT 'moment', m.id, {body.format(r='m')} FROM moments m "
            f"WHERE m.id = {ref}{when};")


def _again_for(body: str, person: str) -> str:
    """The entries of every moment with `person` written again."""
    return ("DELETE FROM search_fts WHERE rowid IN (SELECT f.id FROM search_fts_content f "
            f"WHERE f.c0 = 'moment' AND f.c1 IN (SELECT id FROM moments WHERE person_id = "
            f"{person})); INSERT INTO search_fts(entity, ref, body) SELECT 'moment', m.id, "
            f"{body.format(r='m')} FROM moments m WHERE m.person_id = {person};")


def _drop(*names: str) -> None:
    for name in names:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")


def _moment_triggers(body: str, changed: str) -> None:
    """A moment's entry written from `body`; again when `changed` or its tags change."""
    new = body.format(r="new")
    _drop("moments_fts", "moment_tags_fts")
    op.execute("CREATE TRIGGER moments_fts_ai AFTER INSERT ON moments BEGIN "
               f"INSERT INTO search_fts(entity, ref, body) VALUES ('moment', new.id, {new}); END")
    op.execute(f"CREATE TRIGGER moments_fts_ad AFTER DELETE ON moments BEGIN {_forget('old.id')} "
               "END")
    op.execute(f"CREATE TRIGGER moments_fts_au AFTER UPDATE ON moments WHEN {changed} BEGIN "
               f"{_forget('old.id')} INSERT INTO search_fts(entity, ref, body) "
               f"VALUES ('moment', new.id, {new}); END")
    op.execute("CREATE TRIGGER moment_tags_fts_ai AFTER INSERT ON moment_tags BEGIN "
               f"{_again(body, 'new.moment_id')} END")
    op.execute("CREATE TRIGGER moment_tags_fts_ad AFTER DELETE ON moment_tags BEGIN "
               f"{_again(body, 'old.moment_id')} END")
    op.execute("CREATE TRIGGER moment_tags_fts_au AFTER UPDATE ON moment_tags BEGIN "
               f"{_again(body, 'old.moment_id', ' AND old.moment_id IS NOT new.moment_id')} "
               f"{_again(body, 'new.moment_id')} END")


def _rewrite_moments_with_people(body: str) -> None:
    op.execute("DELETE FROM search_fts WHERE rowid IN (SELECT f.id FROM search_fts_content f "
               "WHERE f.c0 = 'moment' AND f.c1 IN (SELECT id FROM moments "
               "WHERE person_id IS NOT NULL))")
    op.execute(f"INSERT INTO search_fts(entity, ref, body) SELECT 'moment', m.id, "
               f"{body.format(r='m')} FROM moments m WHERE m.person_id IS NOT NULL")


def upgrade() -> None:
    _moment_triggers(BODY, "old.text IS NOT new.text OR old.person_id IS NOT new.person_id")
    _drop("people_moments_fts")
    op.execute("CREATE TRIGGER people_moments_fts_ai AFTER INSERT ON people BEGIN "
               f"{_again_for(BODY, 'new.id')} END")
    op.execute("CREATE TRIGGER people_moments_fts_au AFTER UPDATE ON people "
               f"WHEN old.name IS NOT new.name BEGIN {_again_for(BODY, 'new.id')} END")
    op.execute("CREATE TRIGGER people_moments_fts_ad AFTER DELETE ON people BEGIN "
               f"{_again_for(BODY, 'old.id')} END")
    _rewrite_moments_with_people(BODY)


def downgrade() -> None:
    _drop("people_moments_fts")
    _moment_triggers(BODY_0013, "old.text IS NOT new.text")
    _rewrite_moments_with_people(BODY_0013)
