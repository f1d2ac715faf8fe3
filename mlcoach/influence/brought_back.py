"""An English change that brings back what the team had: "We tried a rotating note-taker
last quarter but nobody did it. Let's restart it." The plan points back ("restart it"), so
alone it says nothing, and the first sentence alone is news ("since we tried …"); read
together, the plan is "restart the rotating note-taker". So is undoing a move: "Standup
moved to 10. Let's move it back" is "move standup back"."""

from __future__ import annotations

import re

# What the team had, said first: "we tried a rotating note-taker", "we used to do demos".
_HAD = re.compile(
    r"^(?:so\s+|ok\s+so\s+)?we\s+(?:tried|had|ran|held|did|dropped|stopped|killed|paused"
    r"|scrapped|cancell?ed|used\s+to\s+(?:do|have|run|hold)"
    r"|(?:agreed|decided|said|planned)\s+to\s+(?:try|do|have|run|hold|start))\s+"
    r"(?P<np>(?:(?:a|an|the|our)\s+)?[\w'’-]+(?:\s+(?!but\b|and\b|until\b|which\b|that\b)"
    r"[\w'’-]+){0,3}?)"
    r"(?=\s*(?:[,;.!]|\s[-–—]|$)|\s+(?:but|and|until|which|that|last|this|in|for|a\s+while"
    r"|back|once|before|ages|(?:\d+|two|three|four|a\s+few|a\s+couple\s+of|some)\s+(?:days"
    r"|weeks|months|years|sprints|quarters))\b)", re.I)
# What moved, said first: "standup moved to 10", "we moved standup to 10", "the retro got
# switched to Fridays"; its plan to undo it is "move it back".
_MOVED = re.compile(
    r"^(?:so\s+|ok\s+so\s+)?(?:we\s+(?:moved|switched|shifted|changed)\s+"
    r"(?P<np>(?:(?:the|our)\s+)?[\w'’:-]+(?:\s+[\w'’:-]+){0,2}?)"
    r"|(?P<np2>(?:(?:the|our)\s+)?[\w'’:-]+(?:\s+[\w'’:-]+){0,2}?)\s+(?:was\s+|got\s+)?"
    r"(?:moved|switched|shifted|changed))\s+(?:to|from|over)\b", re.I)
# The plan, said last: "let's restart it", "I'd like to bring them back", "can we try it
# again?", "let's restart".
_BACK = re.compile(
    r"(?:^|[,;.!?]\s*|\s[-–—]\s*|\s+(?:so|and)\s+)"
    r"(?P<lead>let['’]?s|(?:i['’]d|i\s+would)\s+(?:like|love)\s+to|we\s+should|i\s+want\s+to"
    r"|(?:can|could|shall)\s+we|maybe\s+we\s+(?:could|should)|time\s+to)\s+"
    r"(?P<verb>restart|revive|reintroduce|resume|reinstate|bring|try|give|do|move|switch|change"
    r"|put|shift)"
    r"(?:\s+(?P<pro>it|them)|(?=\s*(?:again)?\s*[.!?]*$))"  # "let's restart (it)"
    r"(?P<after>\s+(?:back|again|another\s+(?:go|try|shot)|a\s+(?:second|another)"
    r"\s+(?:go|try|shot)))?\s*[.!?]*$", re.I)
_SAID_ALONE = ("restart", "revive", "reintroduce", "resume", "reinstate")
_UNDONE = ("move", "switch", "change", "put", "shift")


def brought_back(text: str) -> str:
    """"we tried X last quarter … let's restart it" → "restart X"; "we used to do demos on
    Fridays. Let's bring them back" → "bring back demos on Fridays"; "standup moved to
    10. Let's move it back" → "move standup back"; other text as it came."""
    said = " ".join(text.split())
    plan = _BACK.search(said)
    moved = _MOVED.match(said)
    if plan is not None and moved is not None and moved.end() <= plan.start() \
            and plan["verb"].lower() in _UNDONE and (plan["after"] or "").strip() == "back":
        # "standup moved to 10. Let's move it back" → "move standup back"
        np = moved["np"] or moved["np2"]
        if plan["pro"] and np.split()[-1].lower().endswith("s") != (plan["pro"].lower() == "them"):
            return text
        return f"{plan['verb'].lower()} {np[0].lower() + np[1:]} back"
    had = _HAD.match(said)
    if plan is None or had is None or had.end() > plan.start():
        return text
    np = re.sub(r"^(?:a|an)\s+", "the ", had["np"], flags=re.I)
    head = re.split(r"\s+(?:on|at|in|for|with|of|after|before|during)\s+", np, maxsplit=1)[0]
    plural = head.split()[-1].lower().endswith("s")
    if plan["pro"] and plural != (plan["pro"].lower() == "them"):
        return text  # "we had standups …, let's restart it": not said of them
    verb, after = plan["verb"].lower(), " ".join((plan["after"] or "").lower().split())
    if verb in _SAID_ALONE and not after:
        return f"{verb} {np}"
    if verb == "bring" and after == "back":
        return f"bring back {np}"
    if verb in ("try", "do") and after == "again":  # "let's do it again"
        return f"try {np} again"
    if verb in ("give", "try") and after.startswith(("another", "a ")):
        return f"give {np} another try"
    return text
