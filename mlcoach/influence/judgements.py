"""An English judgement of how things are, typed as the change: "standups: too long",
"Friday demo - pointless", "not a fan of the Friday demo". A thought to look at together,
never a thing to try ("if we tried this: “standups: too long”")."""

from __future__ import annotations

import re

from mlcoach.influence.amounts import says_an_amount

# What is said of a thing after a colon or a dash: "too long", "pointless", "a waste".
_VERDICT = re.compile(r"^(?:(?:way|much|far|a\s+bit|kinda|really)\s+)?too\s+[a-z]+"
                      r"(?:\s+and\s+too\s+[a-z]+)?|pointless|useless|not\s+(?:useful|working|"
                      r"great|ideal|helpful)|(?:a\s+)?(?:total\s+)?waste(?:\s+of\s+time)?|"
                      r"broken|painful|boring|(?:a\s+)?mess|meh|overkill|unnecessary|"
                      r"(?:a\s+)?time\s*sink", re.I)
_NOT_A_FAN = re.compile(r"^(?:(?:i['’]?m|i\s+am|honestly|personally)\s+)*(?:not\s+a\s+(?:big\s+|"
                        r"huge\s+)?fan\s+of|not\s+sold\s+on|not\s+convinced\s+(?:by|of|about))\s+"
                        r"\S", re.I)


# Things going wrong, said of them: "PRs sitting for days", "people joining standup late",
# "meetings running over", "builds failing on main".
_GOING_WRONG = re.compile(
    r"^(?:(?:the|our|all|these|those|so\s+many|too\s+many)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:[a-z][\w'’-]*[a-rt-z]s|people|folks|everyone|everybody)\s+(?:sitting|waiting|piling|rotting|dragging|failing|breaking"
    r"|lingering|stalling|languishing|timing\s+out|going\s+stale|getting\s+(?:lost|ignored"
    r"|missed|stuck|dropped|skipped|buried)|being\s+(?:ignored|skipped|missed|late)|running\s+over"
    r"|(?:joining|showing\s+up|coming|arriving|turning\s+up|starting|running|finishing)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:late|over|long))\b", re.I)


# A thing judged in a sentence: "the weekly sync is a waste of time", "the on-call
# handover is messy", "standups are pointless".
_IS_VERDICT = re.compile(
    r"^(?:(?:the|our|my|this|that|these|those)\s+)?(?:[\w'’:-]+\s+){0,3}?[\w'’:-]+\s+"
    r"(?:is|are|feels?(?:\s+like)?|seems?(?:\s+like)?|has\s+become|have\s+become)\s+"
    r"(?:(?:kind\s+of|kinda|really|totally|just|so|a\s+bit|honestly|such|pretty|getting|becoming"
    r"|always|still)\s+)*"
    r"(?:pointless|useless|(?:a\s+)?(?:total\s+|complete\s+|huge\s+)?(?:waste(?:\s+of\s+time)?|mess"
    r"|nightmare|disaster|drag|joke|time\s*sink)|broken|painful|boring|overkill|unnecessary|messy"
    r"|chaotic|confusing|unclear|exhausting|frustrating|annoying|draining|awful|terrible"
    r"|a\s+pain|not\s+(?:useful|working|helpful))\s*[.!]*$", re.I)


_SEPARATOR = re.compile(r"(\s*:\s+|\s+[-–—]\s+)")


def is_a_judgement(text: str) -> bool:
    """Whether `text` judges a thing rather than proposing a change to it."""
    text = " ".join(text.split())
    if _NOT_A_FAN.match(text) or says_an_amount(text) or _GOING_WRONG.match(text) \
            or _IS_VERDICT.match(text):
        return True  # "too many people ping me after 6", "PRs sitting for days"
    parts = _SEPARATOR.split(text, maxsplit=1)
    if len(parts) != 3:
        return False
    head, _, rest = parts
    return len(head.split()) <= 4 and _VERDICT.fullmatch(rest.strip(" .!")) is not None


# A problem named as a thing: "long standups", "flaky tests", "slow code reviews". Asked
# as what it wants where the word says ("if standups were shorter"), otherwise looked at
# together; never tried or started ("if we tried flaky tests?").
_BETTER = {"long": "shorter", "lengthy": "shorter", "overlong": "shorter", "slow": "faster",
           "unclear": "clearer", "vague": "clearer", "confusing": "clearer", "big": "smaller",
           "huge": "smaller", "massive": "smaller", "bloated": "smaller", "noisy": "quieter"}
_BAD = ("flaky|endless|never-ending|constant|broken|useless|pointless|messy|stale|outdated"
        "|random|unnecessary|redundant|last-minute|back-to-back|surprise|chaotic|sloppy|rushed"
        "|delayed|late|failing|missed|unplanned|unreviewed|untested|undocumented|ad-hoc|ad\\s+hoc")
_PROBLEM = re.compile(r"^(?:(?:the|our|all|these|those|so\s+many|many)\s+)?"
                      rf"(?:(?:way|so|really|super)\s+)?(?P<adj>{'|'.join(_BETTER)}|{_BAD})\s+(?P<thing>(?:[\w'’:-]+\s+){{0,2}}"
                      r"[\w'’:-]+?s)\s*[.!]*$", re.I)
# Words that make the rest more than a thing: "late to standup", "slow down deploys".
_NOT_IN_IT = frozenset(("to", "in", "on", "at", "for", "with", "down", "up", "and", "or", "of",
                        "is", "are", "the", "a", "an", "we", "i", "you"))


# What a problem is named of: the things of a team's work ("long weekends", "big wins",
# "slow mornings" are no problem to ask about).
_WORK_THINGS = frozenset((
    "standups", "stand-ups", "meetings", "retros", "retrospectives", "reviews", "prs", "mrs",
    "tickets", "issues", "emails", "threads", "calls", "syncs", "demos", "builds", "deploys",
    "deployments", "releases", "tests", "docs", "specs", "updates", "messages", "pings",
    "descriptions", "notes", "agendas", "backlogs", "queues", "pipelines", "runs", "changes",
    "requests", "alerts", "notifications", "incidents", "handovers", "handoffs", "1:1s",
    "one-on-ones", "estimates", "requirements", "commits", "merges", "check-ins", "reports",
    "slides", "presentations", "interruptions", "escalations", "pages", "channels"))


def problem_named(text: str) -> tuple[str, str | None] | None:
    """(the thing, the word for it better) of a problem named as a thing ("long standups"
    → ("standups", "shorter"); "flaky tests" → ("tests", None)); None for other text."""
    match = _PROBLEM.match(" ".join(text.split()))
    if match is None or _NOT_IN_IT & {w.lower() for w in match["thing"].split()} \
            or match["thing"].split()[-1].lower() not in _WORK_THINGS:
        return None
    return match["thing"], _BETTER.get(match["adj"].lower())


# Turkish: «gereksiz toplantılar», «uzun standuplar», «kararsız testler»: a problem named.
_TR_BAD = ("gereksiz|uzun|yavaş|belirsiz|kararsız|bitmeyen|bitmek\\s+bilmeyen|sonu\\s+gelmeyen"
           "|dağınık|gürültülü|plansız|anlamsız|verimsiz|bozuk|sonsuz|son\\s+dakika|habersiz"
           "|gecikmeli|geciken|yarım\\s+kalan|bitmeyen")
_TR_PROBLEM = re.compile(rf"^(?:bu\s+|bizim\s+)?(?:çok\s+|aşırı\s+)?(?:{_TR_BAD})\s+"
                         r"(?!vadeli|süreli|soluklu|erimli)(?:\S+\s+){0,2}"
                         r"\S+(?:lar|ler|ları|leri)\s*[.!]*$", re.I)


def problem_named_tr(text: str) -> bool:
    """Whether the Turkish `text` names a problem as a thing («gereksiz toplantılar»)."""
    return _TR_PROBLEM.match(" ".join(text.split()).replace("İ", "i").replace("I", "ı").lower()) \
        is not None
