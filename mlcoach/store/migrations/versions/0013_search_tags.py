"""Search finds a moment by its tags, and keeping the index costs the same at any size.

A moment's index entry is its text, then a line of its tags ("#oncall #1on1"): `search
oncall` missed a moment captured with "#oncall", whose tag the capture takes out of its
text. Triggers on moment_tags write a moment's entry again when its tags change.

Every trigger that took an entry out of the index (an edit, a delete, and now each tag)
asked FTS5 for it by its UNINDEXED entity and ref columns, which FTS5 can only scan: 80
ms for each on a thirty-year store. An index on those columns of FTS5's own content
table (an ordinary table, `search_fts_content`: c0 entity, c1 ref, c2 body) finds the
entry's rowid at once, and FTS5 deletes by rowid (0.4 ms). Written so it may run again
on a store already at this revision (the version row alone set back).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# entity: (table, what its row gives the index over NEW/OLD/m as {r}, and where that is
# not the row alone, the part an UPDATE of the row can change). As of this revision.
_TAG_LINE = ("coalesce(char(10) || (SELECT group_concat(t, ' ') FROM (SELECT '#' || tag AS t "
             "FROM moment_tags WHERE moment_id = {r}.id ORDER BY position)), '')")
_BODIES = {
    "moment": ("moments", "{r}.text || " + _TAG_LINE, "{r}.text"),
    "reflection": ("reflections",
                   "{r}.went_well || char(10) || {r}.differently || char(10) || {r}.intention",
                   None),
    "suggestion": ("suggestions", "{r}.change || char(10) || {r}.text", None),
    "person": ("people", "{r}.name || char(10) || {r}.notes", None),
}


def _forget(entity: str, ref: str) -> str:
    return ("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_fts_content "
            f"WHERE c1 = {ref} AND c0 = '{entity}');")


def _moment_again(ref: str, when: str = "") -> str:
    body = _BODIES["moment"][1].format(r="m")
    return (f"{_forget('moment', ref)} INSERT INTO search_fts(entity, ref, body) "
            f"SELECT 'moment', m.id, {body} FROM moments m WHERE m.id = {ref}{when};")


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS search_fts_refs ON search_fts_content(c1)")
    for entity, (table, body, changed) in _BODIES.items():
        new = body.format(r="new")
        test_new, test_old = (changed or body).format(r="new"), (changed or body).format(r="old")
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        op.execute(f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new});"
                   " END")
        op.execute(f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
                   f"{_forget(entity, 'old.id')} END")
        op.execute(f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} "
                   f"WHEN {test_old} IS NOT {test_new} BEGIN {_forget(entity, 'old.id')} "
                   f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new});"
                   " END")
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS moment_tags_fts_{suffix}")
    op.execute("CREATE TRIGGER moment_tags_fts_ai AFTER INSERT ON moment_tags BEGIN "
               f"{_moment_again('new.moment_id')} END")
    op.execute("CREATE TRIGGER moment_tags_fts_ad AFTER DELETE ON moment_tags BEGIN "
               f"{_moment_again('old.moment_id')} END")
    op.execute("CREATE TRIGGER moment_tags_fts_au AFTER UPDATE ON moment_tags BEGIN "
               f"{_moment_again('old.moment_id', ' AND old.moment_id IS NOT new.moment_id')} "
               f"{_moment_again('new.moment_id')} END")
    # The tagged moments' entries as this revision writes them.
    op.execute("DELETE FROM search_fts WHERE rowid IN (SELECT f.id FROM search_fts_content f "
               "WHERE f.c0 = 'moment' AND f.c1 IN (SELECT moment_id FROM moment_tags))")
    op.execute("INSERT INTO search_fts(entity, ref, body) SELECT 'moment', m.id, "
               f"{_BODIES['moment'][1].format(r='m')} FROM moments m "
               "WHERE m.id IN (SELECT moment_id FROM moment_tags)")


def downgrade() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS moment_tags_fts_{suffix}")
    for entity, (table, body, changed) in _BODIES.items():
        plain = changed or body
        new, old = plain.format(r="new"), plain.format(r="old")
        for suffix in ("ad", "au", "ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
        # as revision 0001 wrote them
        op.execute(f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new});"
                   " END")
        op.execute(f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM search_fts WHERE entity = '{entity}' AND ref = old.id; END")
        op.execute(f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} WHEN {old} IS NOT {new} "
                   f"BEGIN DELETE FROM search_fts WHERE entity = '{entity}' AND ref = old.id; "
                   f"INSERT INTO search_fts(entity, ref, body) VALUES ('{entity}', new.id, {new});"
                   " END")
    op.execute("DELETE FROM search_fts WHERE rowid IN (SELECT f.id FROM search_fts_content f "
               "WHERE f.c0 = 'moment' AND f.c1 IN (SELECT moment_id FROM moment_tags))")
    op.execute("INSERT INTO search_fts(entity, ref, body) SELECT 'moment', m.id, m.text "
               "FROM moments m WHERE m.id IN (SELECT moment_id FROM moment_tags)")
    op.execute("DROP INDEX IF EXISTS search_fts_refs")
