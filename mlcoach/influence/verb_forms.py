"""English verb forms the composer needs beyond the base form: the past tense, for
"How would it work for you if I reviewed PRs within a day?" (from "I want to review …")."""

from __future__ import annotations

import re

# The common irregular verbs (and their usual compounds: "rewrite", "undo", "overcome"),
# as a learner's list gives them; any other verb takes -ed.
_IRREGULAR = {
    "be": None, "cc": None, "arise": "arose", "awake": "awoke", "bear": "bore",
    "beat": "beat", "become": "became", "begin": "began", "bend": "bent", "bet": "bet",
    "bid": "bid", "bind": "bound", "bite": "bit", "bleed": "bled", "blow": "blew",
    "break": "broke", "breed": "bred", "bring": "brought", "broadcast": "broadcast",
    "build": "built", "burst": "burst", "buy": "bought", "cast": "cast", "catch": "caught",
    "choose": "chose", "cling": "clung", "come": "came", "cost": "cost", "creep": "crept",
    "cut": "cut", "deal": "dealt", "dig": "dug", "do": "did", "draw": "drew",
    "drink": "drank", "drive": "drove", "eat": "ate", "fall": "fell", "feed": "fed",
    "feel": "felt", "fight": "fought", "find": "found", "fit": "fit", "flee": "fled",
    "fling": "flung", "fly": "flew", "forbid": "forbade", "forecast": "forecast",
    "foresee": "foresaw", "forget": "forgot", "forgive": "forgave", "freeze": "froze",
    "get": "got", "give": "gave", "go": "went", "grind": "ground", "grow": "grew",
    "hang": "hung", "have": "had", "hear": "heard", "hide": "hid", "hit": "hit",
    "hold": "held", "hurt": "hurt", "input": "input", "keep": "kept", "know": "knew",
    "lay": "laid", "lead": "led", "leave": "left", "lend": "lent", "let": "let",
    "light": "lit", "lose": "lost", "make": "made", "mean": "meant",
    "meet": "met", "mislead": "misled", "misread": "misread",
    "misunderstand": "misunderstood", "offset": "offset", "outdo": "outdid",
    "outgrow": "outgrew", "output": "output", "outrun": "outran", "overcome": "overcame",
    "overdo": "overdid", "overhear": "overheard", "override": "overrode",
    "overrun": "overran", "oversee": "oversaw", "oversleep": "overslept",
    "overspend": "overspent", "overtake": "overtook", "overthink": "overthought",
    "overwrite": "overwrote", "pay": "paid", "prove": "proved", "put": "put", "quit": "quit",
    "read": "read", "rebuild": "rebuilt", "redo": "redid", "remake": "remade",
    "rerun": "reran", "resend": "resent", "reset": "reset", "retake": "retook",
    "retell": "retold", "rethink": "rethought", "rewrite": "rewrote", "ride": "rode",
    "ring": "rang", "rise": "rose", "run": "ran", "say": "said", "see": "saw",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook",
    "shed": "shed", "shine": "shone", "shoot": "shot", "show": "showed", "shrink": "shrank",
    "shut": "shut", "sing": "sang", "sink": "sank", "sit": "sat", "sleep": "slept",
    "slide": "slid", "speak": "spoke", "speed": "sped", "spend": "spent", "spin": "spun",
    "split": "split", "spread": "spread", "spring": "sprang", "stand": "stood",
    "steal": "stole", "stick": "stuck", "sting": "stung", "strike": "struck",
    "string": "strung", "strive": "strove", "sunset": "sunset", "swear": "swore",
    "sweep": "swept", "swim": "swam", "swing": "swung", "take": "took", "teach": "taught",
    "tear": "tore", "tell": "told", "think": "thought", "throw": "threw", "thrust": "thrust",
    "undergo": "underwent", "understand": "understood", "undertake": "undertook",
    "undo": "undid", "unwind": "unwound", "upset": "upset", "wake": "woke", "wear": "wore",
    "weave": "wove", "win": "won", "wind": "wound", "withdraw": "withdrew",
    "withhold": "withheld", "write": "wrote",
}
# Verbs of more than one syllable whose last consonant doubles ("committed", "preferred").
_DOUBLED = frozenset(("commit", "submit", "omit", "admit", "permit", "refer", "prefer",
                      "regret", "control", "patrol", "rebut", "occur", "compel"))
_VOWEL_GROUPS = re.compile("[aeiou]+")


def past_tense(verb: str) -> str | None:
    """The simple past of a base verb ("review" → "reviewed", "stop" → "stopped", "send"
    → "sent", "time-box" → "time-boxed"); None for "be" (whose past depends on its
    subject) and for what is not a plain word."""
    low = verb.lower()
    if "-" in low:
        head, _, last = low.rpartition("-")
        past = past_tense(last)
        return f"{head}-{past}" if past and head.replace("-", "").isalpha() else None
    if not low.isalpha() or not low.isascii() or len(low) < 2:
        return None
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith(tuple(_DOUBLED)):  # "overcommit" too
        return low + low[-1] + "ed"
    if low.endswith("e"):
        return low + "d"
    if low.endswith("y") and low[-2] not in "aeiou":
        return low[:-1] + "ied"
    if len(low) >= 3 and low[-1] not in "aeiouwxy" and low[-2] in "aeiou" \
            and low[-3] not in "aeiou" and len(_VOWEL_GROUPS.findall(low)) == 1:
        return low + low[-1] + "ed"  # "stop" → "stopped", "plan" → "planned"
    return low + "ed"


def gerund(verb: str) -> str | None:
    """The -ing form of a base verb ("merge" → "merging", "plan" → "planning", "tie" →
    "tying", "time-box" → "time-boxing"); None for what is not a plain word."""
    low = verb.lower()
    if "-" in low:
        head, _, last = low.rpartition("-")
        said = gerund(last)
        return f"{head}-{said}" if said and head.replace("-", "").isalpha() else None
    if not low.isalpha() or not low.isascii() or len(low) < 2:
        return None
    if low.endswith("ie"):
        return low[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        return low[:-1] + "ing"
    if low.endswith(tuple(_DOUBLED)):
        return low + low[-1] + "ing"
    if len(low) >= 3 and low[-1] not in "aeiouwxy" and low[-2] in "aeiou" \
            and low[-3] not in "aeiou" and len(_VOWEL_GROUPS.findall(low)) == 1:
        return low + low[-1] + "ing"  # "stop" → "stopping", "plan" → "planning"
    return low + "ing"


def irregular_pasts(verbs: frozenset[str]) -> dict[str, str]:
    """The irregular past of each of `verbs` that has one of its own ("came" → "come",
    "spoke" → "speak"); a past said as its base ("put", "read") is left out."""
    return {past: base for base, past in _IRREGULAR.items()
            if base in verbs and past is not None and past != base}
