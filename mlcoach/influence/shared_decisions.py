"""Changes the team decides together: moving the standup, cancelling a demo, holding
retros every two weeks. No one leads them by example (one person cannot move a meeting
alone, and the one who runs it needs no influence), so the coach asks about them
instead. What stays a person's own act is left alone: coming to standup on time, ending
one's own meetings early, declining meetings without an agenda."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _VERBS

# A team's shared meetings and rhythms; a plain "meeting(s)" only with "the", "our", "team".
_RITUAL = (r"(?:daily\s+)?stand[- ]?ups?|dailies|daily|retros?|retrospectives?|demos?"
           r"|(?:sprint\s+)?planning|refinements?|grooming|all[- ]hands|syncs?|sprints?"
           r"|(?:(?:team|weekly|monthly|review|planning|status|staff|sync|department|ops"
           r"|kick-?off|leads?)\s+)+(?:meetings?|calls?|syncs?)|1:1s?|one[- ]on[- ]ones?"
           r"|kick-?offs?|town\s*halls?|stand[- ]?downs?|huddles?|check-?ins?|showcases?"
           r"|sprint\s+reviews?"
           r"|releases?|release\s+days?|on[- ]call(?:\s+rotations?)?|code\s+freezes?")
_OWNED = (r"(?:(?:the|our|this|next|tomorrow'?s|today'?s|(?:mon|tues|wednes|thurs|fri|satur"
          r"|sun)day(?:'?s)?|weekly|daily|team'?s?)\s+)*")
_MOVED = (r"move|moving|reschedule|rescheduling|shift|shifting|push|pushing|postpone"
          r"|postponing|bring\s+forward|cancel|cancelling|canceling|scrap|scrapping|drop"
          r"|dropping|rename|renaming|merge|merging|combine|combining|split|splitting"
          r"|shorten|shortening|lengthen|extend|extending")
_HELD = (r"have|having|hold|holding|do|doing|run|running|make|making|switch|switching"
         r"|rotate|rotating")
# After a moved ritual: where it goes or nothing more ("the release checklist" is a thing).
_THEN = (r"(?=\s+(?:to|from|on|at|by|until|till|for|back|forward|in|this|next|today|tomorrow"
         r"|tonight|\d)\b|\s*$|,)")
# How often, when or how a ritual is held: "every two weeks", "async", "on Mondays".
_RHYTHM = (r"every\b|each\b|weekly|biweekly|bi-weekly|fortnightly|monthly|daily|once\b"
           r"|twice\b|async|asynchronous(?:ly)?|in\s+writing|in\s+slack|remote(?:ly)?"
           r"|online|in\s+person|shorter|longer|optional|on\s+\w+days?\b|at\s+\d"
           r"|in\s+the\s+(?:morning|afternoon)|(?:\d+|two|three|four)[- ]weeks?\b"
           r"|(?:\d+|fifteen|ten|thirty)[- ]minutes?\b")

_EN = [
    # "move standup to 10", "cancel the Friday demo", "push the release to Monday"
    re.compile(rf"^(?:{_MOVED})\s+{_OWNED}(?:\w+\s+)?(?:{_RITUAL}){_THEN}", re.I),
    re.compile(rf"^(?:{_MOVED})\s+(?:the|our)\s+(?:\w+\s+){{0,2}}meetings?\b", re.I),
    # "have retros every two weeks", "do standups async", "make sprints two weeks"
    re.compile(rf"^(?:{_HELD})\s+{_OWNED}(?:{_RITUAL})\s+(?:\w+\s+){{0,2}}(?:{_RHYTHM})", re.I),
    re.compile(rf"^(?:{_HELD})\s+{_OWNED}(?:{_RITUAL})\s+(?:a\s+)?(?:{_RHYTHM})", re.I),
    # "switch the team to trunk-based development", "move everyone to Linear"
    re.compile(r"^(?:switch|move|migrate|get|put)\s+(?:the\s+(?:whole\s+)?team|everyone"
               r"|everybody|us\s+all|all\s+of\s+us|the\s+org)\s+(?:over\s+)?(?:to|onto)\b",
               re.I),
    # "no demo this week", "zero standups on Friday": a ritual held or not
    re.compile(rf"^(?:no|zero|fewer)\s+{_OWNED}(?:\w+\s+)?(?:{_RITUAL})\b", re.I),
    # "all PRs need two approvals": a rule for everyone's work
    re.compile(r"^(?:what\s+if\s+)?(?:all|every|each)\s+(?:the\s+|our\s+)?(?:\w+\s+)?\w+\s+"
               r"(?:needs?|needed|requires?|required|must|go|goes|went)\b", re.I),
    # "go to two-week sprints", "switch to weekly retros"
    re.compile(rf"^(?:go|switch|move|change)\s+(?:back\s+)?to\s+(?:{_RHYTHM})\S*\s+"
               rf"(?:\w+\s+)?(?:{_RITUAL})\b", re.I),
]

# "retros every two weeks", "the retro on Thursday": a ritual and its rhythm, said (not
# led by a verb: "cap standups at 15 minutes", "demo on Fridays" are one's own)
_RHYTHM_SAID = re.compile(rf"^{_OWNED}(?:[\w-]+\s+)?(?:{_RITUAL})\s+(?:a\s+)?(?:{_RHYTHM})",
                          re.I)

# What we skip together is the team's ("we'll be skipping the retro"); what I skip is mine.
_WE_SKIP = re.compile(rf"^skip\s+{_OWNED}(?:\w+\s+)?(?:{_RITUAL}){_THEN}", re.I)


def ours_to_decide(act: str) -> bool:
    """Whether `act`, said of "we" ("skip the retro" from "we'll be skipping the retro"),
    is the team's to decide."""
    return decided_together(act) or _WE_SKIP.search(" ".join(act.split())) is not None


# Turkish: a ritual as the object ("standup'ı", "cuma demosunu", "retroları") and a verb
# of moving, cancelling or holding it on a rhythm, said as "let us" or "should".
_TR_RITUAL = (r"(?:stand[- ]?up|daily|retro|retrospektif|demo|planlama|sprint|toplantı|1:1|birebir"
              r"|all[- ]?hands|sync|senkron|kickoff|kick-off"
              r"|sürüm|release|nöbet)\w*(?:['’]\w+)?")
_TR_MOVED = (r"(?:al|taşı|kaydır|ertele|öne\s+al|iptal\s+e[dt]|kaldır|kısalt|uzat|birleştir|çek"
             r"|sınırla|geri\s+getir"
             r"|böl|değiştir)\w*")
_TR_HELD = r"(?:yap|tut|düzenle|koy|döndür)\w*"
_TR_RHYTHM = (r"(?:her\b|haftada|ayda|günde|haftalık|aylık|günlük|iki\s+haftada|asenkron|async"
              r"|yazılı|online|çevrim\s*içi|yüz\s+yüze|\w+\s+günleri|\d+\s*dakika|kısa)")
# (a plain "toplantı yok" may be one's own: "cuma toplantı yok")
_TR_MEETING = (r"(?:stand[- ]?up|daily|retro|retrospektif|demo|planlama|1:1|birebir"
               r"|(?:haftalık|ekip|durum)\s+toplantı|all[- ]?hands|sync|senkron)\w*")
# Cutting one down: "birebirleri 30 dakikaya indirelim" (a plain "toplantıları …" may be
# one's own meetings).
_TR_REDUCED = r"(?:indir|düşür|azalt|seyrelt)\w*"
_TR = [
    re.compile(rf"(?:^|\s){_TR_RITUAL}\s+(?:\S+\s+){{0,3}}{_TR_MOVED}$", re.I),
    re.compile(rf"(?:^|\s){_TR_MEETING}\s+(?:\S+\s+){{0,4}}{_TR_REDUCED}$", re.I),
    # "bu hafta demo yok", "cuma standup yok": a meeting held or not
    re.compile(rf"(?:^|\s){_TR_MEETING}\s+(?:\S+\s+){{0,2}}yok$", re.I),
    re.compile(rf"(?:^|\s){_TR_RITUAL}\s+(?:\S+\s+){{0,3}}{_TR_RHYTHM}\s+(?:\S+\s+){{0,3}}"
               rf"{_TR_HELD}$", re.I),
    # "retro haftalık yerine iki haftada bir", "standup haftada iki kez olsun": a meeting
    # and its rhythm, said without a verb of one's own
    re.compile(rf"^{_TR_MEETING}\s+(?:\S+\s+){{0,4}}?{_TR_RHYTHM}(?:\s+\S+){{0,4}}?\s+(?:bir|kez"
               r"|defa|olsun|olsa|olmalı|yapılsın|yapılsa|yapılmalı)$", re.I),
]
# What is not the team's: "my", "I", coming on time, one's own part or update.
_MINE_EN = re.compile(r"\b(?:my|mine|myself|i|i'm|i'll|on\s+time|prepared|my\s+update)\b",
                      re.I)
_MINE_TR = re.compile(r"\b(?:benim|kendi|kendim\w*|zamanında|vaktinde)\b", re.I)


def decided_together(text: str, language: str = "en") -> bool:
    """Whether the change is the team's to decide (see the module's doc); `text` is the
    change without its lead ("let's", "we should", "hadi")."""
    flat = " ".join(text.replace("’", "'").split()).rstrip(" .!?…")
    if language == "tr":
        lowered = flat.replace("İ", "i").replace("I", "ı").lower()
        return not _MINE_TR.search(lowered) and any(p.search(lowered) for p in _TR)
    if _MINE_EN.search(flat):
        return False
    first = flat.split()[0].lower() if flat.split() else ""
    return any(p.search(flat) for p in _EN) or (
        _RHYTHM_SAID.search(flat) is not None and first not in _VERBS
        and not first.endswith("ing"))
