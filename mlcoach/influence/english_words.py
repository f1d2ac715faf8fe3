"""The English words the composer reads a change by: small lists on purpose (a word we do
not know sends the change to a quoting frame, which is always grammatical), and the two
helpers every reading uses (`_plain`, `_is_plural`)."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The months and weekdays, for when a change starts or is held ("from January", "in May",
# "starting Monday"); a regex group each
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH = "(?:" + "|".join(MONTHS) + ")"
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri)day"
# The days and months by name: never someone's name ("maybe Friday demos …")
CALENDAR_NAMES = frozenset((*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday",
                            "saturday", "sunday"))
# When a change starts or holds, said last ("…, starting next month", "… for a sprint",
# "… again"): a change quoted with it is read without it, and it is said after
CLOSING_WHEN = (r"(?:for\s+(?:a|one|two|three|four|[2-6]|a\s+few|a\s+couple\s+of|the\s+next"
                r"(?:\s+(?:two|three|few|couple\s+of))?)\s+(?:sprint|week|month)s?"
                r"|for\s+the\s+time\s+being|to\s+start\s+with|as\s+an?\s+(?:experiment|trial|"
                r"test|pilot)|on\s+a\s+trial\s+basis|soon|eventually|at\s+some\s+point"
                r"|by\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:week|month|sprint|quarter)"
                r"|(?:starting|beginning|from|as\s+of)\s+(?:in\s+)?(?:next\s+\w+|tomorrow|"
                rf"{WEEKDAY}|{MONTH}|q[1-4])|again|(?:at\s+least\s+)?for\s+(?:now|a\s+while|a\s+bit)|going\s+forward"
                r"|(?:this|next)\s+(?:week|sprint|month|quarter))")
_FILLERS = (
    "ok so like", "okay so like", "so basically", "so like", "basically", "fyi", "um", "umm",
    "uh", "erm", "def", "definitely", "totally", "seriously", "i'd suggest we",
    "i would suggest we", "i suggest we", "i propose we", "i'd propose we", "i recommend we",
    "i'd recommend we", "i vote we", "i'd vote we", "i'd suggest that we",
    "i would suggest that we", "i suggest that we", "i propose that we", "i'd propose that we",
    "i would propose that we", "i recommend that we", "i'd recommend that we",
    "i would recommend that we",
    "ok so", "okay so", "so", "ok", "okay", "hey", "hi", "also", "and", "but", "honestly",
    "please", "pls", "maybe", "perhaps", "possibly", "either way", "anyway", "in any case",
    "ideally", "i think that", "i think", "i feel like", "i feel that", "i feel",
    "i believe", "i guess", "i wonder if", "i was wondering if",
    # "hoping we can move standup to 10", "I'm hoping we could …": the hope leads the plan
    "i'm hoping", "im hoping", "i am hoping", "i hope", "hoping", "hopefully",
    # "I was thinking about async standups": what was thought about is the change
    "i was thinking about", "i've been thinking about", "i have been thinking about",
    "i was thinking",
    # "I'm thinking of starting a book club", "we're considering a buddy system",
    # "planning to move standup": the thought or the plan leads the change
    "i'm thinking of", "im thinking of", "i am thinking of", "i'm thinking about",
    "im thinking about", "i am thinking about", "we're thinking of", "we're thinking about",
    "we are thinking of", "we are thinking about", "i was thinking of",
    "i've been thinking of", "been thinking about", "been thinking of", "thinking of",
    "thinking about", "i'm considering", "im considering", "i am considering",
    "we're considering", "we are considering", "i was wondering whether",
    "i wonder whether", "i'm wondering if", "i'm wondering whether", "wondering if",
    "wondering whether", "we're keen to", "we are keen to", "keen to",
    "we're planning on", "we are planning on",
    "i suggest that", "i suggest", "i propose that", "i propose", "i'd suggest",
    "i would suggest", "i'd propose", "i would propose", "i'd recommend", "i would recommend",
    "i recommend", "i reckon", "i'd say that we", "i'd say we", "i would say we",
    # the "I" left out, as in chat: "suggest we time-box topics to 10 min"
    "suggest that we", "suggest we", "propose that we", "propose we", "recommend that we",
    "recommend we",
    # the suggestion asked leave for or announced: "may I propose we …", "I'm going to
    # suggest we …", "personally I'd …"
    "may i propose that we", "may i propose we", "could i propose that we",
    "could i propose we", "can i propose that we", "can i propose we",
    "i'm going to suggest that we", "i'm going to suggest we", "personally", "if you ask me",
    # "I feel like we'd benefit from a weekly sync with design": what would help is the change
    "we'd benefit from", "we would benefit from", "we could benefit from",
    "we'd all benefit from", "we would all benefit from",
    "it might be worth it to", "it may be worth it to", "it would be worth it to",
    "it'd be worth it to", "it might be worth", "just", "going forward", "moving forward",
    "from now on", "as a team", "as a company", "as an org", "as an organisation",
    "as an organization", "@here", "@channel", "@everyone", "@all",
)


# Labels a note starts with, dropped only before a colon or a comma.
_LABELS = ("note to self", "reminder to self", "memo to self", "self-reminder",
           "idea", "proposal", "suggestion", "my suggestion", "todo", "to do", "fyi", "note",
           "question", "quick one", "quick question", "random thought", "thought", "pitch",
           "start", "stop", "change", "try", "urgent", "important", "reminder", "heads up",
           "heads-up", "psa", "team", "all", "everyone", "everybody", "folks", "guys",
           "an idea", "one idea", "quick idea", "small idea", "a thought", "a suggestion",
           "small suggestion", "a proposal", "tl;dr", "tldr", "tl;dr:", "my proposal",
           "my idea", "the idea", "the plan", "the proposal", "quick q", "qq", "quick thought",
           "quick note", "random idea", "crazy idea", "wild idea", "hot take", "one thought",
           "new rule", "rule of thumb", "house rule", "team rule", "ground rule",
           "just a thought", "just an idea",
           # "let's try: async standups", "how about: …": a lead said as a label
           "let's try", "lets try", "let us try", "how about", "what about", "suggest",
           # "vote: move standup to 10", "poll: …": what the team is asked to weigh
           "vote", "quick vote", "poll", "quick poll",
           "i suggest", "i propose", "proposed", "suggested",
           # "my plan: share notes …", "the ask: …"
           "my plan", "our plan", "plan", "the ask", "my ask", "ask", "request", "my request",
           "the goal", "goal", "the change", "my change",
           # "trial: no-meeting Wednesdays for a month": what the change is tried as
           "trial", "a trial", "experiment", "an experiment", "small experiment",
           "team experiment", "pilot", "a pilot", "proposed change", "suggested change",
           # "what do you think, should we …": the view asked first, the plan after it
           "what do you think", "what do you all think", "what does everyone think",
           "thoughts", "wdyt", "honest question", "genuine question")


# Labels said without a colon before what leads a plan: "FYI going forward I'll share
# the notes", "heads up we're moving standup", "PSA let's keep threads short".
_SPOKEN_LABELS = ("fyi", "heads up", "heads-up", "psa", "reminder", "quick reminder")


_LABEL_THEN = re.compile(r"(?:i|we|i'll|i'm|we'll|we're|i'd|we'd|let's|lets|please|going "
                         r"forward|moving forward|from now on|starting|as of|from (?:today|"
                         r"tomorrow|monday|next))\b")


def without_spoken_label(text: str) -> str:
    """`text` without a label said before the plan ("heads up we're moving standup to 10",
    "FYI, from Monday we'll …"): left in, it was quoted with the change."""
    lowered = text.lower().replace("’", "'")
    for label in sorted(_SPOKEN_LABELS, key=len, reverse=True):
        rest = text[len(label):]
        if lowered.startswith(label) and (
                rest[:1] in (",", ":") or re.match(r"\s+[-–—]\s+\S", rest)
                or (rest[:1] == " " and _LABEL_THEN.match(lowered[len(label) + 1:]))):
            return rest.lstrip(" ,:-–—") or text
    return text


# After these, a verb phrase follows ("we should use …" → "use …").
_MODALS = (
    # a proposal put as a question ("would it make sense to rotate the on-call?")
    "would it make sense to", "does it make sense to", "would it be worth it to",
    "do we want to", "don't we want to", "would we want to",
    "if we could maybe", "if we could just", "if we could",
    "do you think we could", "do you think we can", "do you think we should",
    "is there any chance we could", "any chance we could", "any chance we can",
    "would you be open to", "are you open to", "wouldn't it be better to",
    "would it be better to", "why can't we", "why couldn't we", "can't we", "couldn't we",
    "shouldn't we", "we should all", "we could all", "we all need to", "we all should",
    "let's all", "lets all", "can we all", "could we all",
    # what the team wants to do, said of it: "we want to post updates in the channel"
    "we want to", "we'd like to", "we would like to", "we'd love to", "we would love to",
    "we plan to", "we're planning to", "we are planning to", "we intend to", "we hope to",
    "we should really", "we should maybe", "we should probably",
    # a "to" after a modal, as Turkish speakers carry it over ("we must to write tests")
    "we must to", "we should to", "we can to", "we could to", "we might to",
    # "we might want to revisit estimates": a modal, its "want to" no want of ours
    "we might want to", "we may want to", "maybe we want to",
    # "we might need to move standup": no need of ours to ask about ("to need to move …")
    "we might need to", "we may need to", "we might have to", "we may have to",
    "we'll need to", "we will need to", "we'll have to", "we will have to", "we'd need to",
    "we would need to", "we'd have to", "we would have to", "we may",
    "we should", "we could", "we can", "we need to", "we must", "we ought to", "we have to",
    "we might",
    "we'd better", "we shall", "we'll", "we will", "we're going to", "we are going to",
    "let's", "lets", "let’s", "let us", "could we maybe",
    "could we", "can we", "should we", "shall we", "would we", "why don't we",
    "why dont we", "why not", "how about we", "what about we", "i'd like us to",
    "i would like us to", "i want us to",
    # Turkish "… istiyorum ki", "… öneriyorum": "I want that we review PRs the same day"
    "i want that we", "i'd like that we", "i would like that we", "i offer that we",
    "i offer we", "i'd love us to", "it would be good to",
    "it would help to", "it might help to", "it may help to", "it could help to",
    "it might be good to", "it might be worth trying to", "it'd be good to",
    "it'd be nice to", "it would be nice to", "it would be cool to", "it'd be cool to",
    "would be cool to", "nice to", "cool to",
    "it would be great to", "it'd be great to",
    # the "it" left out, as in chat: "would be nice to have a shared on-call calendar"
    "would be good to", "would be nice to", "would be great to", "would help to",
    # "is it time to retire the weekly report?", "wouldn't hurt to have a runbook"
    "is it time to", "isn't it time to", "maybe it's time to", "it's time to",
    "it wouldn't hurt to", "wouldn't hurt to", "it can't hurt to", "can't hurt to",
    "would it be possible for us to", "is it possible for us to", "would it be ok for us to",
    "would it be okay for us to", "could we possibly", "can we possibly",
    # "can I suggest we rotate the demo host?": the suggestion asked leave for
    "can i suggest that we", "can i suggest we", "could i suggest that we", "could i suggest we",
    "may i suggest that we", "may i suggest we", "let me suggest that we", "let me suggest we",
    "would it be possible to", "is it possible to", "is there a way to", "try to",
    "is there a way we could", "is there a way we can", "is there any way we could",
    "is there any way we can", "any way we could", "any way we can",
    "let me know if we can", "let me know if we could", "lmk if we can", "lmk if we could",
    # what others want, said of them: "the team wants to demo every other Friday"
    "the team wants to", "everyone wants to", "people want to", "the team would like to",
    # a volunteer asked for: "who wants to run the retro next time?"
    "who wants to", "who would like to", "who'd like to", "who can", "who could",
    "does anyone want to", "anyone want to", "would anyone like to", "would anyone want to",
    "any volunteers to", "can anyone", "could anyone", "can someone else",
    "could someone else", "can someone", "could someone", "can somebody", "could somebody",
    "would someone", "would somebody",
    # "is there a reason we can't demo every week?": why not, asked
    "is there a reason we can't", "is there any reason we can't", "is there a reason we don't",
    "is there any reason we don't", "is there a reason we couldn't", "any reason we can't",
    "any reason we couldn't", "any reason we don't", "is there any reason not to",
    "any reason not to",
    "would it be crazy to", "would it be weird to", "is it crazy to", "would it be ok to",
    "would it be okay to",
    # asked of everyone, the colleague too: "can everyone please update their tickets"
    "can everyone please", "could everyone please", "can everybody please", "can everyone",
    "could everyone", "can everybody", "could everybody", "everyone should",
    "everybody should", "everyone needs to", "everybody needs to", "everyone please",
    # a wish of what others would do is the act, by example one's own: "I wish people
    # would reply in threads" → "reply in threads"
    "i wish people would", "i wish everyone would", "i wish everybody would",
    "i wish folks would", "i wish the team would", "i wish we would", "i wish we'd",
    "if only people would", "if only everyone would", "if only we would",
    "we really need to", "we really have to", "we really must", "i'd love for us to",
    "i would love for us to", "i'd like for us to", "i would like for us to", "going to",
    "gonna",
    "need to",
    # asked of the person the question is put to: "could you review …" → "review …"
    "you should really", "you should", "you could", "you can", "you need to",
    "you have to", "you must", "you'd better", "you ought to", "could you please",
    "could you maybe", "could you", "can you please", "can you", "would you please",
    # "any chance you could …?", "do you think you could …?", "I'd love it if you could …"
    "do you think you could", "do you think you can", "is there any chance you could",
    "any chance you could", "any chance you can", "i'd love it if you could",
    "i would love it if you could", "it would help if you could",
    "it would really help if you could", "it'd help if you could",
    # asked whether they would: "would you be willing to run the retro?"
    "would you be willing to", "are you willing to", "would you be happy to",
    "are you happy to", "would you be able to", "are you able to", "would you like to",
    "would you want to", "do you want to",
    "would you mind", "would you", "will you", "don't forget to", "do not forget to",
    "remember to", "make sure to", "make sure you", "be sure to",
    # a vote for an act: "I'd vote to drop the Friday status meeting"
    "i'd vote to", "i would vote to", "i vote to", "vote to",
    # what one would do in the listener's place: "personally I'd keep cameras optional"
    "i'd", "i would",
    "to",
)


_IF_WE = ("what if we", "how about if we", "what about if we", "i'd rather we", "i would rather we",
          "i'd prefer it if we", "i'd prefer if we", "i'd prefer we", "i would prefer we",
          "i wish we", "what if",
          # "would love it if we could move standup to 10"
          "i'd love it if we", "i would love it if we", "would love it if we",
          "i'd like it if we", "i would like it if we", "would like it if we",
          "it'd be great if we", "it would be great if we", "it'd be nice if we",
          "would be great if we", "would be nice if we", "would be good if we",
          "it'd be good if we", "it would be good if we", "it'd help if we",
          "it would help if we", "it might help if we",
          "it would be nice if we", "it'd be cool if we", "it would be cool if we",
          # asked leave for it: "would anyone mind if we moved standup to 10?"
          "would anyone mind if we", "would you mind if we", "do you mind if we",
          "would anybody mind if we", "does anyone mind if we", "is it ok if we",
          "is it okay if we", "would it be ok if we", "would it be okay if we",
          "would it be alright if we", "how would you feel if we",
          "would anyone object if we", "would anybody object if we", "does anyone object if we",
          "anyone object if we", "any objections if we", "any objection if we",
          # "nice if we could …", as chat drops "it would be"
          "nice if we", "great if we", "good if we")


_HOW_ABOUT = (
    # "would you be open to us trying async standups?": what the team would do is asked
    "would you be open to us", "are you open to us", "how would you feel about us",
    "what would you think about us", "what would you think of us", "what would you say to us",
    # a volunteer or a taker asked for: "who's up for trying async standups?"
    "who's up for", "who is up for", "anyone up for", "is anyone up for",
    "would anyone be up for", "who'd be up for", "does anyone else want", "who else wants",
    "is anyone else keen on", "anyone else keen on", "what would you say to",
    # a liking said of the plan: "I like the idea of a book club", "big fan of pairing"
    "i really like the idea of", "i like the idea of", "i love the idea of",
    "i'm a big fan of", "i'm a fan of", "big fan of", "i'm keen on", "i am keen on",
    "we're keen on", "keen on", "may i propose", "may i suggest",
    "how do you feel about us", "would you be ok with us", "are you ok with us",
    "how about", "what about", "any thoughts on", "thoughts on",
              "what do you think about", "what do you think of", "how do you feel about",
              "opinions on",
              # "how would you feel about async standups?", "open to async standups?", "is
              # it worth trying …?": what is asked about is the plan
              "how would you feel about", "are you open to", "would you be open to",
              "open to", "is it worth", "would it be worth", "is it worth it to",
              # "would you be up for running the retro?", "fancy running a lunch & learn?"
              "would you be up for", "are you up for", "do you fancy", "would you fancy",
              # asked of the team: "how do people feel about async standups?", "anyone
              # against moving standup to 10?"
              "how do people feel about", "how does everyone feel about",
              "how does everybody feel about", "how do we feel about",
              "how does the team feel about",
              "how would people feel about", "how would everyone feel about",
              "how would the team feel about", "what do people think about",
              "what do people think of", "what does everyone think about",
              "what does everyone think of", "what does the team think about",
              "what does the team think of", "what do we think about", "what do we think of",
              # "any interest in a book club?", "would anyone be interested in …?"
              "is there any interest in", "any interest in", "is there interest in",
              "would anyone be interested in", "is anyone interested in",
              "anyone interested in", "would you be interested in", "are you interested in",
              "anyone against", "is anyone against", "any objections to", "anyone opposed to",
              "anybody against", "objections to",
              # a vote is a proposal: "I vote for async standups", "I'm all for pairing"
              "i vote for", "i'd vote for", "i would vote for", "i'm all for", "i am all for",
              "i'd be all for", "i'm in favour of", "i'm in favor of", "i am in favour of",
              "i am in favor of", "i'd be in favour of", "i'd be in favor of")


# Others' view asked, said as people do: "what do you all think about …", "curious what
# folks think of …", "is everyone ok with …": what is asked about is the plan.
_VIEWS_ASKED = re.compile(
    r"(?:(?:curious|wondering)\s+)?(?:what|how)\s+(?:do|does|would|will)?\s*(?P<who>you(?:\s+all"
    r"|\s+guys|\s+folks|\s+two)?|y['’]?all|people|folks|everyone|everybody|anyone|others|we"
    r"|the\s+(?:team|group|rest\s+of\s+you))\s+(?:think|feel)\s+(?:about|of)"
    r"|(?:is\s+|are\s+)?(?:everyone|everybody|anyone|people|folks|the\s+team|you(?:\s+all)?)\s+"
    r"(?:ok|okay|fine|happy|good|alright|cool)\s+with", re.I)


def how_about_lead(text: str) -> str | None:
    """The words before a plan that only ask about it ("how about", "what do you all think
    about"), as typed at the start of `text`; None where there are none."""
    lowered = text.lower()
    lead = next((lead for lead in _HOW_ABOUT if lowered.startswith(lead + " ")), None)
    if lead is not None:
        return text[:len(lead)]
    asked = _VIEWS_ASKED.match(text)
    return asked[0] if asked and text[asked.end():asked.end() + 1] == " " else None


_NEGATIONS = ("no longer", "don't", "dont", "do not", "not", "never", "stop", "quit")


_DETERMINERS = _words(
    "the a an our my your their his her its this that these those some one two three four "
    "five weekly daily monthly quarterly yearly annual fortnightly biweekly regular "
    "written shared async asynchronous short small quick brief clear proper separate "
    "dedicated single open public private team all both another"
)


_NUMBERS = _words("one two three four five six seven eight nine ten once twice")


# "no more X", "fewer X", "better X": asked as "if we had X".
_PRONOUNS = _words("i we you they he she")


_ARTICLES = _words(
    "the a an our my your their his her its this that these those some one two three four "
    "five all both another"
)


_QUANTITIES = _words(
    "more fewer less no better clearer shorter smaller longer bigger faster simpler "
    "calmer quieter"
)


# "we need X" asks for a thing, not an act: "if we had X".
_WANTS = ("we need", "we want", "i'd like to see", "i would like to see", "i'd love to see",
          "i would love to see", "i'd like", "i would like", "i'd love", "i would love",
          "we could use", "i want", "i wish we had", "i wish we could have",
          # the subject left out, as in chat: "would love to see more pairing"
          "would love to see", "would like to see", "would love", "love to see",
          # "don't we need a weekly demo?": a need asked about is one proposed
          "we really need", "we really want", "don't we need", "if only we had",
          "need", "want")


# Negative modals become "not …": "we shouldn't have X" → "not have X".
_NEG_MODALS = ("we shouldn't", "we should not", "let's not", "lets not", "let us not",
               "we don't need to", "we do not need to", "we mustn't", "we must not",
               "why don't we stop", "can we not", "could we not", "we can't keep",
               "we cannot keep", "we can't go on", "we cannot go on", "you shouldn't",
               "you should not", "you mustn't", "you must not", "please don't",
               "please do not")


# The arrows a change is said with ("standups -> async"), longest first, and as a regex
# group (read by phrasing, arrows and chat_marks).
ARROWS = ("-->", "->", "=>", "→", "⟶")
ARROW = "(?:" + "|".join(re.escape(arrow) for arrow in ARROWS) + ")"


# When something was said, past ("yesterday", "last week", "a few days ago"): said with
# who suggested a plan, it is when they did, not when the plan starts; a regex group each.
# PAST_SAID also after a plan ("Dana suggested we move standup to 10 last week"), so none
# a plan could hold ("this morning", "on Monday", "in the retro"); PAST_WHEN, also those,
# between the one who said it and what they said ("I mentioned in the retro that …").
PAST_SAID = (r"(?:yesterday|earlier(?:\s+(?:today|this\s+week))?|the\s+other\s+day|"
             r"last\s+(?:week|month|sprint|quarter|year|time|night|retro|" + WEEKDAY + r")|"
             r"(?:a|one|two|three|a\s+few|a\s+couple\s+of|some)\s+(?:days?|weeks?|sprints?|"
             r"months?)\s+ago|a\s+while\s+(?:ago|back))(?![\w'’])")
PAST_WHEN = (r"(?:" + PAST_SAID + r"|this\s+morning|on\s+" + WEEKDAY + r"|(?:at|in)\s+(?:the|our)"
             r"\s+(?:last\s+)?(?:retro|standup|planning|meeting|sync|call|1:1|one-on-one))(?![\w'’])")
# Where a plan comes from ("as discussed", "as agreed in the retro", "per our chat", "as per
# yesterday's meeting", "as I said last week", "like I mentioned"): taken off a plan said
# before or after it, and alone no change; a regex group
WHERE_FROM = (r"(?:(?:as\s+(?:discussed|agreed|mentioned|promised)|(?:as|like)\s+(?:i|we)\s+"
              r"(?:said|mentioned|suggested|discussed|agreed))(?:\s+(?:" + PAST_WHEN + r"|today|"
              r"in\s+(?:the\s+)?\w+))?|(?:as\s+)?per\s+(?:our|my|the|yesterday['’]s|today['’]s)"
              r"\s+(?:\w+\s+)?(?:discussion|chat|call|conversation|retro|meeting|sync))")
# "please", as people type it: said first or last, it is no part of what is asked
PLEASE = ("please", "pls", "plz")
# The courtesies a chat line ends on (also read by chat_marks).
COURTESIES = (*PLEASE, "thanks", "thank you", "thx", "ty", "cheers")
# A hedge before a wish or a note ("maybe cameras optional", "ideally, Sam would …"); a
# regex group, with the clauses that hedge the same way after it
HEDGE = "(?:maybe|perhaps|possibly|ideally)"
HEDGE_CLAUSE = r"(?:i\s+think|i\s+feel\s+like|i\s+guess)"
# A hedge, a courtesy or a filler first ("maybe standup moves to 10", "pls …")
FIRST_FILLERS = ("maybe", "perhaps", "also", "so", "ok", "okay", *PLEASE, "hey", "hi")
# The first words that name no thing a change is about: pronouns, "what", "which", a
# courtesy ("pls move standup to 10 from next week" is asked, not decided) …
NOT_A_THING = _words("i we you they he she it this that there us me them him her everyone "
                     "everybody nobody someone people what who which things something "
                     "anything everything nothing let's lets") | frozenset(PLEASE)
_TAILS = tuple(" " + word for word in (
    *COURTESIES, "asap", "maybe", "perhaps", "i think", "what do you think", "wdyt",
    "any thoughts", "thoughts",
    # "could you update the runbook when you get a chance": said kindly, no part of the act
    "when you get a chance", "when you have a chance", "when you get a moment",
    "when you have a moment", "if you get a chance", "if you have time", "whenever you can",
    "no rush", "no pressure"))


_SUBJECTS = _words(
    "i we you they he she it everyone everybody someone somebody nobody people anyone "
    "anybody there i'm we're you're they're it's i'll we'll i've we've i'd we'd you'd they'd "
    "he'd she'd"
)


_AUX = _words(
    "is are was were am be been will would shall should can could must may might has have "
    "had does did isn't aren't wasn't won't can't doesn't didn't"
)


# Words that follow a verb and show it is one ("review the PR", "demo it").
_OBJECT_MARKERS = _DETERMINERS | _words(
    "it them him her us me everything nothing something with on in at to for before after "
    "up out down over together regularly once twice early late properly first any more "
    "less fewer by from into about instead rather during every each within"
)


_PREPOSITIONS = _words(
    "for in on at with instead rather before after during every each of to by from and or "
    "only too via per over under without within across between around through than like "
    "so that which when where"
)


# What a person may do in a change that names them first ("Dana leads the retro").
_ROLE_VERBS = _words("lead host chair facilitate drive coordinate mentor coach onboard "
                     "moderate present shadow")


# Base verbs people start a change with. Kept to the common ones of daily work.
_VERBS = _words(
    "favour favor normalise normalize deprioritise deprioritize "
    "add agree allow alternate answer archive ask assign automate avoid batch begin block "
    "book bring build bundle cache cancel cap cc celebrate change check clean close collect "
    "combine commit communicate compare confirm consolidate copy cover create critique cut decide "
    "define delegate delete demo deploy describe discuss do document drop ease encourage "
    "end estimate explain feed fix flag follow give go group handle help hide hold "
    "include invite join keep kick label land leave let limit link list log look make "
    "mark measure meet mention merge message merge move mute name note notify offer open "
    "organise organize own pair pause ping plan post prepare present prioritise "
    "prioritize protect publish pull push put rate read record reduce remove rename "
    "replace reply report request require reserve respond restart retire return review "
    "rotate run save say schedule scrap send set share ship show shorten sign simplify "
    "sit skip slow split start state stop store streamline summarise summarize swap "
    "switch sync take talk teach tell test thank time timebox track trial trim try turn "
    "update use vote wait walk welcome work write ditch halt quit cease abandon "
    "discontinue give hand turn have get squash rebase refactor triage pick visualise "
    "visualize prefix eat celebrate finish continue practise practice consider resume "
    "introduce reject approve escalate interrupt micromanage multitask overcommit postpone "
    "reschedule rush blame criticise criticize ignore nag chase spend "
    # office idioms, said as acts: "let's circle back on the roadmap", "loop in design"
    "circle revisit align socialize socialise deprecate sunset leverage unblock dogfood "
    "punt pivot huddle double-click level-set pressure-test sanity-check deep-dive touch "
    "loop table park default time-box time-block timeblock release remind tag ban forbid "
    # recognition in chat: "like posts in the kudos channel", "react to wins with an emoji"
    "like react upvote acknowledge praise recognise recognize applaud credit "
    # coming, speaking, thinking: "come to standup on time", "speak up in the retro"
    "come arrive attend stay listen speak think learn raise stick wrap grab clarify greet "
    "volunteer unmute "
    # bringing people in: "involve QA at refinement", "reach out to the new hires"
    "involve engage inform consult contact reach hire nominate empower trust respect "
    "improve adopt reuse reward honour honor decline accept enable disable fill rehearse "
    "highlight showcase prototype invest allocate dedicate apologise apologize"
)


# People one acts towards: after a verb-or-noun, its object ("message people directly").
_PEOPLE = _words("people folks everyone everybody someone somebody colleagues teammates")


# Verbs that are just as often nouns: a verb only when an object marker follows.
_AMBIGUOUS = _words(
    "answer block book change check close cover demo deploy document end estimate feed "
    "fix flag group label land link list log mark meet message name note offer pair pause "
    "plan post rate record release reply report request return review run start stop "
    "store swap sync test time track trial triage update vote walk work table park loop "
    "default tag like credit contact highlight showcase prototype cache"
)


# Of those, the ones that start a noun phrase more often than an act ("demo days",
# "release notes", "pair programming"): before a bare noun they are read as a noun.
_NOUNISH = _words(
    "answer book change demo end group label land list log meet message name note offer "
    "pair plan release reply report request return run start stop store swap sync test "
    "time trial vote walk work default tag"
)


# Of those, the ones a lone plural after them makes an act ("answer emails", "label
# tickets"), not a thing as "demo days" or "change requests" are.
_VERB_BEFORE_PLURAL = _words("answer reply plan log label book message offer list request end "
                             "close like cache")


# What may follow "book rooms", "end meetings": never a second noun of a compound.
_AFTER_THE_OBJECT = _NUMBERS | _words(
    "early late ahead first together again today daily weekly on time by before after "
    "within in at for from until")


# Verbs that take a gerund: "stop sending", "start writing", "keep doing".
_CATENATIVE = _words(
    "stop start keep try avoid quit begin continue consider finish practise practice "
    "resume"
)


_STOP_VERBS = _words(
    "stop quit drop cease end cancel skip avoid remove pause retire scrap ditch halt "
    "abandon discontinue"
)


_STOP_GERUNDS = _words(
    "stopping quitting dropping ceasing ending cancelling canceling skipping avoiding "
    "removing pausing retiring scrapping ditching halting abandoning discontinuing"
)


# Verbs that do less or away with something: a stop in their own words when the change is
# a stop ("kill the Monday sync" is not "no longer kill …"); elsewhere plain verbs
# ("try replacing the report with a dashboard").
_REMOVAL_VERBS = _words(
    "kill cut eliminate delete disable ban reduce shorten mute replace sunset deprecate "
    "abolish trim axe nix archive decommission unsubscribe nuke bin shelve lose "
    # and verbs that say what comes instead ("limit meetings to 30 min", "move the
    # standup to async"): "no longer" before them would ask for the opposite
    "limit cap minimize minimise restrict consolidate timebox time-box prevent"
)


# … and these when they say where to ("move the standup to async", "switch from email to
# Slack"); alone they may be the habit itself ("switching contexts all day").
_TO_VERBS = _words("move switch convert turn shift migrate moving switching converting "
                   "turning shifting migrating")


_REMOVAL_GERUNDS = _words(
    "killing cutting eliminating deleting disabling banning reducing shortening muting "
    "replacing sunsetting deprecating abolishing trimming axing nixing archiving "
    "decommissioning unsubscribing "
    "limiting capping minimizing minimising restricting consolidating timeboxing preventing"
)


# Verbs of more than one word that do away with something ("get rid of the status meeting").
_STOP_PHRASES = (
    "get rid of", "phase out", "do away with", "turn off", "switch off", "move away from",
    "cut down on", "cut back on", "give up", "wind down", "scale back", "say no to",
)


_STOP_GERUND_PHRASES = (
    "getting rid of", "phasing out", "doing away with", "turning off", "switching off",
    "moving away from", "cutting down on", "cutting back on", "giving up", "winding down",
    "scaling back", "saying no to",
)


_NOT_GERUNDS = _words(
    "bring string spring swing sling thing nothing something everything anything king "
    "ring wing during morning evening meeting ceiling building"
)


# Words that lead a compound with an -ing noun ("mob programming", "load testing", "team
# building"): a thing, not an act ("if we tried mob programming on Fridays").
_COMPOUND_LEADS = _words("mob pair unit load smoke sprint team peer code capacity release "
                         "lunch design user trunk-based test-driven job")


_ING_HEADS = _words("programming testing planning building reviewing mentoring shadowing "
                    "learning sessions")


# -ing words that, first in a change, name a kind of thing ("planning poker", "working
# lunches", "onboarding docs") rather than an act.
_ING_MODIFIERS = _words("onboarding planning working standing walking recurring coding")


# Nouns ending in -ing that start a noun phrase ("meeting notes", "morning standups").
_ING_NOUNS = _words("morning evening meeting meetings building ceiling")


# Verbs that follow the thing they are said of, and are seldom the plural of a noun in
# a proposal: "the build needs to be faster", "all PRs need tests", "retro ends on time".
_SAYS_OF_IT = _words("need needs needed require requires wants has have gets starts begins "
                     "ends moves runs lasts happens stays becomes takes agrees owns covers "
                     "includes")


# After these, "runs", "needs", "ends" … are nouns or a relative clause's verb: "dry runs",
# "office hours for anyone who needs help", "a demo that takes 5 minutes".
_BEFORE_A_NOUN_VERB = _words("who that which whoever dry trial test practice nightly ci smoke "
                             "special daily weekly")


_NOT_PLURAL = ("ss", "us", "is", "'s")


# What a plural subject does, before a participle or a time: "tests get fixed", "retros
# start on time", "meetings end early".
_THEY_DO = _words("get start end run stay go finish begin happen")


_PARTICIPLE_OR_TIME = _words("on at by before after early late first done fixed reviewed "
                             "merged written shorter longer")


_NOT_NOUNS = _words(
    "always sometimes perhaps afterwards towards besides unless yes less this its has was "
    "is does"
)


_MAX_WORDS = 16


# How a thing can be made, said as one word: "standups → async", "#async standups".
ATTRIBUTES = _words(
    "async asynchronous sync synchronous shorter longer smaller bigger optional remote hybrid "
    "written recorded weekly biweekly bi-weekly fortnightly monthly daily quarterly "
    "quieter faster slower earlier later offline online silent camera-free meeting-free "
    "no fewer more less deep focused paperless standing")


_CLAUSE_ADVERBS = _words("always never often usually sometimes still rarely seldom constantly")


_FREQUENCY = _words("times days weeks hours minutes mornings afternoons evenings months")


# Nouns that need no article ("focus time", "deep work", "feedback").
_MASS = _words(
    "time work feedback chat documentation code knowledge support help "
    "planning testing pairing onboarding data info information coffee lunch poker "
    "reply-all overtime jargon"
)


# Words whose dot is their own ("… etc.", "9 a.m."), not a full stop.
ABBREVIATION = r"(?<!\w)(?:a\.m|p\.m|etc|e\.g|i\.e|vs|approx)\."


_ABBREVIATION_END = re.compile(ABBREVIATION + "$", re.I)


def _is_plural(word: str) -> bool:
    return (
        len(word) >= 3
        and word.endswith("s")
        and not word.endswith(_NOT_PLURAL)
        and word not in _NOT_NOUNS
        and word not in _SUBJECTS
    )


def plain_word(word: str) -> str:
    """A word as the word lists hold it: lower case, straight apostrophe, no punctuation or
    quotes around it."""
    return word.lower().replace("’", "'").strip(".,;:!?\"'“”()")


# Words that point back at something said before: "could we do them async?" alone loses
# what "them" was. "This week" points at nothing, so a reading may leave those out.
_POINTING = frozenset(("it", "them", "they", "its", "their"))
_SHOWING = frozenset(("this", "that", "these", "those"))
_POINTER = re.compile(r"(?<![\w'’])(?:it|them|they|its|their|there|(?:this|that|these|those)"
                      # "this time", "this sprint", "that week": a when, pointing at none
                      r"(?!\s+(?:time|week|weekend|sprint|month|quarter|year|morning|afternoon|"
                      rf"evening|round|cycle|iteration|{WEEKDAY})\b))(?![\w'’])", re.I)


def points_back(text: str, *, showing: bool = True, there: bool = False) -> list[str]:
    """The words of `text` that point back at something said before it, lower case and in
    order: "it", "them"…, "this", "those"… unless not `showing`, and "there" if asked."""
    found = (word.lower() for word in _POINTER.findall(text))
    return [word for word in found
            if word in _POINTING or (showing and word in _SHOWING) or (there and word == "there")]


_KNOWN = _VERBS | _DETERMINERS | _QUANTITIES | _ING_NOUNS | {"not", "never", "don't", "no-meeting",
                                                               "zero"}
