"""Moments' tags with a Turkish "İ" in one form: casefold made "#İzmir" "i" and a
combining dot, a tag apart from "#izmir" that looks the same. A moment tagged both ways
keeps the tag once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_DOTTED = "i\u0307"  # what casefold makes of "İ"


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT moment_id, tag FROM moment_tags WHERE instr(tag, :d)"),
                        {"d": _DOTTED}).fetchall()
    have = {tuple(r) for r in conn.execute(sa.text("SELECT moment_id, tag FROM moment_tags"))}
    for moment_id, tag in rows:
        folded = tag.replace(_DOTTED, "i")
        if (moment_id, folded) in have:  # tagged both ways: once is enough
            conn.execute(sa.text("DELETE FROM moment_tags WHERE moment_id = :m AND tag = :t"),
                         {"m": moment_id, "t": tag})
        else:
            conn.execute(sa.text("UPDATE moment_tags SET tag = :new WHERE moment_id = :m "
                                 "AND tag = :t"), {"new": folded, "m": moment_id, "t": tag})
            have.add((moment_id, folded))


def downgrade() -> None:
    pass  # tags stay folded; an mlcoach before 0006 refuses this store as newer anyway
