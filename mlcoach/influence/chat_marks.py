"""What reads as chat, not speech, in a typed change: emoji, emoticons, the @ and # of
names and tags (a run-together tag said as its words), a list's bullets and numbers."""

from __future__ import annotations

import re
import unicodedata

from mlcoach.influence.english_words import ARROW, ATTRIBUTES, COURTESIES
from mlcoach.influence.phrasing import display_name
from mlcoach.influence.spoken_wrapping import without_mail_lines
from mlcoach.influence.tags import spelled_tag
from mlcoach.influence.tidying import without_note_label
from mlcoach.influence.work_nouns import common_words

# "@dana", "#frontend": the word, not the mark; but @here and its kind are what they are
# called ("no more @here"), so they keep theirs, and "@10am" is a time ("at 10am").
_MENTION = re.compile(r"(?<!\S)(?!@(?:here|channel|everyone|all)\b)(?:@(?!\d)|#)(?=\w)", re.I)
# "@mentioning", "@ing", "@'ing": the verb of the mark, said with it ("stop @-mentioning
# the whole team"), not a name's mark to drop ("stop mentioning the whole team")
_AT_TIME = re.compile(r"(?i)(?<=\s)@\s*(?=\d{1,2}(?:[:.]\d\d)?(?:\s*[ap]\.?m\.?)?(?![\w:]))")
# "move standup @9:30": where it moves to, not when the moving is done
_MOVED_AT_TIME = re.compile(r"(?i)(\b(?:move|moving|shift|shifting|push|pushing|bring|bringing)"
                            r"\s+(?:the\s+|our\s+)?[^\s@]+(?:\s+[^\s@\d]+)?\s+)@\s*(?=\d)")
_AT_MENTION = re.compile(r"(?<!\S)@[-'’]?(?=mention)", re.I)
_AT_ING = re.compile(r"(?<!\S)@[-'’]?ing(?![\w'’-])", re.I)
_EMOTICON = re.compile(r"(?<!\S)(?:[:;]-?[()DPp]|<3+|[xX]D+|:[a-z0-9_+-]+:)(?!\S)")
# A list's bullet or number in front ("- use the wiki", "• …", "1. …", "2) …").
_BULLET = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s+")
_AM_PM = re.compile(r"(?i)(?<=\d)(\s*[ap])\.m(?![.\w])")
# "#general" after "in", "to" … names a channel: it keeps its mark ("post it in #general",
# not "in general"); elsewhere "#kudos" is the word.
_CHANNEL = re.compile(r"(?i)(?<!\S)((?:in|to|into|on|via|from|use)\s+)#(?=\w)")
_LEADS_IN = frozenset((
    "to", "with", "for", "from", "in", "into", "on", "at", "by", "about", "of", "and", "or",
    "ask", "tell", "thank", "invite", "cc", "ping", "pair", "via", "than", "like", "use",
    "try", "start", "stop", "introduce", "adopt"))  # "let's try #nomeetingfriday"


_CALLED_BEFORE = frozenset(("quick", "can", "could", "would", "will", "let's", "lets", "pls",
                            "please", "maybe", "shall", "any", "what", "how", "i", "we",
                            "just", "fyi", "reminder", "hey", "hi"))


def _called(word: str, after: list[str]) -> str:
    """A mention that calls someone before the request ("@dana can we pair …"): gone, or
    "Dana," where the request is theirs ("@dana could you take notes", "@dana please …")."""
    if not (word.startswith("@") and _MENTION.match(word) and after):
        return word
    following = [w.lower().strip(",:") for w in after]
    if following[0] not in _CALLED_BEFORE:
        return word  # "@dana is the release owner": the name is the subject
    if following[0] in ("please", "pls") or following[1:2] == ["you"]:
        name = word[1:].rstrip(",:")
        return name[:1].upper() + name[1:] + ","  # asked of them, and said to them
    return ""


# "@dana" is a person's handle, said as their name ("ask Dana"); these handles are groups
# or roles, said as typed ("ask devops").
_NOT_PEOPLE = frozenset(("here", "channel", "everyone", "all", "team", "devs", "dev",
                         "frontend", "backend", "devops", "ops", "oncall", "qa", "sre", "infra",
                         "platform", "design", "product", "eng", "engineering", "mobile", "data",
                         "security", "support", "leads", "managers", "admins", "admin", "ekip",
                         "takım", "herkes", "bot", "help", "general", "random"))
_CALL_ALL = re.compile(r"(?i)(?<![\w'’])(stop|don['’]t|do\s+not|never|please|pls)\s+"
                       r"(@(?:here|channel|everyone|all))(?![\w-])(?=\s*$|\s*[,.;]|\s+(?:after|before"
                       r"|when|for|outside|during|at|on|in|unless|if|people|everyone|the|just"
                       r"|anymore|so|every|late|over)\b)")
# "@dana", "@dana.k", "@dana_k92", "@dana." (a sentence's end): the name, then what a chat
# handle adds to it (a dot, an underscore or a hyphen and more); not a path or a mail address
# ("@dana-k", "@dana-92" are handles; "@jean-luc", "@front-end" are left as typed)
_HANDLE = re.compile(r"(?<!\S)@([^\W\d_]{2,})((?:[._][^\W_]+|-\d+|-[^\W\d_]\d*(?![\w-]))*+)"
                     r"(?=['’]s?\b|[^\w@/.-]|[.]?$|[.]\s)")


def _handle_said(match: re.Match[str], language: str) -> str:
    name, added = match[1], match[2]
    if not name.islower() or name.lower() in _NOT_PEOPLE or name.lower() in common_words():
        return match[0]  # "@Dana" keeps its capital; "@devops", "@here" as they were
    if added and ((not added.islower() and not added[1:].isdigit())
                  or (match.string[match.end():match.end() + 1] in ("'", "’")
                  and language == "tr")):
        return match[0]  # "@dana.K", and «@dana.k'ye»: its ending is for the "k" said
    # "@dana.k" is Dana, said by her name; the mark itself goes with the others
    return "@" + display_name(name, language)


# Exclamation marks at the end, however many: they say how keen, not what.
_BANGS = re.compile(r"(?<=[^\s!?])\s*!+1*\s*$")
# (not the thanks asked for: "end each retro with a thank you", "say thanks"; nor a name:
# "send the report to Tia"; "Ty" and "Tia" are names, so they count only in lower case)
_COURTESY = re.compile(r"(?<=\S)(?<!\ba)(?<!\bthe)(?<!\bour)(?<!\bsay)(?<!\bsaying)(?<!\bbig)"
                       r"(?<!\bquick)(?<!\bshort)(?<!\bmore)(?<!\bsaid)(?<!\bwith)(?<!\bto)"
                       r"[\s,.;/–—-]+(?:(?i:please\s+and\s+thank\s+you|"
                       + "|".join(w.replace(" ", r"\s+") for w in COURTESIES if w != "ty")
                       + r")|ty|tia)[\s.!]*$")


def without_marks(text: str, language: str = "en") -> str:
    """The change without what reads as chat, not speech: emoji, emoticons, and the @ and #
    in front of names and tags ("ask @dana 🚀" → "ask Dana")."""
    # "a weekly demo <3!!", "… #process @team pls": the cheer and the courtesy after what
    # is asked, before the marks they would hide
    while (shorter := _BANGS.sub("", _COURTESY.sub("", text))) != text:
        text = shorter
    text = _ARROW.sub("→", text)  # "email ➡️ wiki": the arrow is the meaning, not a mark
    text = _AT_TIME.sub("at ", _MOVED_AT_TIME.sub(r"\1to ", text))  # "standup @10am daily"
    text = _AT_ING.sub("@-mentioning", _AT_MENTION.sub("@-", text))
    text = _HANDLE.sub(lambda match: _handle_said(match, language), text)
    # "stop @here after 6pm", "don't @channel": the mark used as a verb, said as its use
    text = _CALL_ALL.sub(lambda m: f"{m[1]} {'using' if m[1].lower() == 'stop' else 'use'} "
                         f"{m[2]}", text)
    kept = "".join(ch for ch in text if not _is_emoji(ch)).strip()
    # "… a.m pls 🙂": the courtesy the emoji hid, before "a.m" gets its dot
    while (shorter := _BANGS.sub("", _COURTESY.sub("", kept))) != kept:
        kept = shorter
    kept = _BULLET.sub("", kept)
    if language == "en":  # "- - use the wiki", "• 1. write down decisions": a list in a list
        while (shorter := _BULLET.sub("", kept)) != kept:
            kept = shorter
        kept = _AM_PM.sub(r"\1.m.", kept)  # "9:30 a.m": the dot it lost, as "a.m." has
    words = _EMOTICON.sub("", kept).split()
    # "@dana can we pair …", "hey @team quick one: …": a mention that calls someone before
    # the request is not part of it
    words = [_called(w, words[at + 1 : at + 3]) for at, w in enumerate(words)]
    words = [w for w in words if w]
    # Trailing #tags and @mentions are labels ("… to 10 #process @team"), unless a word
    # leads into the first of them ("pair with @dana", "move it to #help") or it is a
    # number ("review PR #123"): then that one is the sentence's object and stays.
    run = 0
    while run < len(words) - 1 and _MENTION.match(words[-1 - run]):
        run += 1
    if run:
        first = len(words) - run
        object_ = words[first - 1].lower() in _LEADS_IN or words[first][1:].isdigit()
        words = words[:first + (1 if object_ else 0)]
    if len(words) > 1 and words[0][1:].lower() in ATTRIBUTES and words[0][0] == "#":
        words = [words[0][1:], *words[1:]]  # "#async standups": the tag is said, not a topic
    elif len(words) > 1 and re.match(r"#[^\W\d]\w*$", words[0]):
        # "#meetings start on time": a leading tag is what the change is about
        words = [words[0] + ":", *(w for w in words[1:] if not re.match(r"#\w+$", w))] \
            if not words[1].startswith("#") else [w for w in words if not w.startswith("#")]
    joined = _CHANNEL.sub(r"\1\0#", " ".join(words))  # \0: held apart from _MENTION
    joined = _TAG.sub(lambda m: spelled_tag(m[1]) or m[0], joined)  # "#nomeetingfriday"
    return " ".join(_MENTION.sub("", joined).replace("\0#", "#").split())


_TAG = re.compile(r"(?<![\S\0])#([A-Za-z][\w-]*[A-Za-z])(?![\w-])")


_ARROW = re.compile("[\u27a1\u2b95\u21e8\u21d2\u27f6\u27f9\u279c\u2794][\ufe0f]?")


def _is_emoji(ch: str) -> bool:
    """Pictographs, dingbats and their joiners; not ©, ®, ™ or °, which are words' marks."""
    code = ord(ch)
    return (unicodedata.category(ch) == "So" and code >= 0x2190) \
        or 0x1F3FB <= code <= 0x1F3FF or ch in "\u200d\ufe0f"


def spoken_name(person: str | None) -> str | None:
    """The person's name as the wording says it: "@Dana,", "Dana 🙂" → "Dana"."""
    typed = " ".join((person or "").split())
    # "@dana.k", "dana_k": a chat handle, said by the name it begins with
    handle = re.fullmatch(r"@?([^\W\d_]{2,})(?:[._][^\W\d_]*\d*|-\d+|-[^\W\d_]\d*)+[,:]?", typed)
    name = without_marks(handle[1] if handle and handle[1].islower() else typed.lstrip("@"))
    name = name.rstrip(" ,;:!?").strip()
    return name if re.search(r"\w", name) else None  # "!»." names nobody


def one_line(change: str) -> str:
    """A list typed as one ("- use the wiki⏎- stop emailing", "• a • b", "1) a 2) b") as
    one line of clauses, each bullet gone; other text with its spaces made single."""
    change = without_mail_lines(change)  # "Sent from my iPhone", "Re: standup time"
    lines = [_emoji_bullet(line.strip()) for line in change.splitlines() if line.strip()]
    mark = change.strip()[:1]
    if len(lines) == 1 and mark and _is_emoji(mark):  # "✅ a ✅ b": the mark is a bullet
        items = [i.strip() for i in re.split(f"{re.escape(mark)}\ufe0f?", change) if i.strip()]
        if len(items) >= 2:
            lines = [f"- {item}" for item in items]
    if len(lines) > 2 and lines[0].endswith(":") and all(_BULLET.match(x) for x in lines[1:]):
        lines = lines[1:]  # "Action items:⏎- …⏎- …": the list's heading
    if sum(bool(_BULLET.match(line)) for line in lines) >= 2:
        return "; ".join(_BULLET.sub("", line).rstrip(" ;,.") for line in lines)
    if len(lines) >= 2 and all(_ARROWED_LINE.search(line) for line in lines):
        return ", ".join(line.rstrip(" ;,.") for line in lines)  # "standup -> async⏎retro -> …"
    text = without_note_label(" ".join(change.split()))
    text = re.sub(r"\s[•·]\s", "; ", text)
    if re.match(r"\(?1[.)]\s", text):  # "1) a 2) b", "1. a 2. b", "(1) a (2) b"
        text = _numbered(text.removeprefix("("))
    return text


# A line that is one arrow's change: "standup -> async".
_ARROWED_LINE = re.compile(rf"\S\s*{ARROW}\s*\S")


def _emoji_bullet(line: str) -> str:
    """A line begun by an emoji and a space ("✅ move standup to 10", "👉 …") as a list's
    line ("- move standup to 10")."""
    if len(line) > 2 and _is_emoji(line[0]):
        rest = line[1:].lstrip("\ufe0f")
        if rest[:1] == " " and rest.strip() and not _is_emoji(rest.strip()[0]):
            return "- " + rest.strip()
    return line


def _numbered(text: str) -> str:
    """"1. a 2. b 3. c" as "a; b; c": only the next number in turn is a bullet, so "Cap
    standups at 15. 2. Skip …" keeps its 15."""
    parts: list[str] = []
    expected, start = 2, 0
    for match in re.finditer(r"(?<=[\s;,.])\(?(\d{1,2})[.)]\s+", text):
        if int(match.group(1)) != expected:
            continue
        parts.append(text[start : match.start()].rstrip(" ;,."))
        start, expected = match.end(), expected + 1
    parts.append(text[start:])
    return "; ".join(parts)
