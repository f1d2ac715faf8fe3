"""What people say or write around a proposal, not the proposal: a dictation's fillers ("so
yeah", "… you know", "yani şey"), an announcement of it ("the idea is to …", "I wanted to
suggest we …", "önerim şu: …", "… diyorum") and an e-mail's pleasantries and sign-off
("hope you're well.", "umarım iyisinizdir.", "İyi çalışmalar, Ali"). Left in, the question
quoted them back with the change. Only such words at the edges go; text this does not
recognise is returned as it came.
"""

from __future__ import annotations

import re

from mlcoach.influence.act_or_thing import base_verb
from mlcoach.influence.english_words import (
    _VERBS,
    CALENDAR_NAMES,
    NOT_A_THING,
    PAST_SAID,
    PAST_WHEN,
    WHERE_FROM,
)
from mlcoach.influence.verb_forms import past_tense

# "so yeah", "um so", "yeah like": fillers in front, one after another ("like" only after
# another: "like posts in the kudos channel" is the verb).
_EN_FILLER = re.compile(r"^(?:(?:so(?!\s+(?:that|as)\b)|yeah|yep|um+|uh+|erm|ok(?:ay)?|alright|"
                        r"anyway|anyways|basically|hey|oh|hmm+|the\s+thing\s+is|p\.?s\.?(?!\s+(?:in|on|at|of|for)\b)|"
                        # "TL;DR move …"; not "TL;DR at the top of every doc", a thing
                        r"tl;?dr(?=\s+(?!(?:at|in|on|for|of|with|sections?|summar\w*|blocks?|"
                        r"lines?)\b)))(?:\s*,\s*|\s+)|"
                        r"well\s*,\s*)"
                        r"(?:like\s*,?\s+)?(?=\S)", re.I)
# "can we like start …": a spoken "like" after the question's "we".
_EN_WE_LIKE = re.compile(r"\b((?:can|could|should|shall|would)\s+we)\s+like\s+(?!to\b)(?=\w)",
                         re.I)
# "If possible, …", "If needed, …": a condition that is only an aside.
_EN_IF_ASIDE = re.compile(r"^(?:if\s+(?:possible|needed|necessary|you\s+agree|that\s+works|"
                          r"it\s+helps)|ideally|where\s+possible)\s*,\s*(?=\S)", re.I)
# ", if possible,", ", ideally,": an aside in commas, inside the proposal.
_EN_ASIDE = re.compile(r"\s*,\s*(?:if\s+possible|if\s+you\s+agree|if\s+that'?s\s+ok(?:ay)?|"
                       r"ideally|perhaps|maybe|possibly|please|for\s+example|say)\s*,\s*", re.I)
# "it's time to move …", "I think it's time we moved …": the act, made urgent.
_EN_TIME_TO = re.compile(r"^(?:(?:i\s+think|maybe|perhaps|probably)\s*,?\s+)?"
                         r"(?:(?:it'?s|it\s+is|it’s|isn['’]?t\s+it|it\s+(?:might|may|could)"
                         r"\s+be)\s+)?(?:high\s+|about\s+|probably\s+)?"
                         r"time\s+(?:to\s+(?=[a-z])|(?:that\s+)?we\s+(?:all\s+)?(?P<past>[a-z]+)\b"
                         r"|(?P<for>for)\s+(?=[a-z]))",
                         re.I)
# "… you know", "… or something": a spoken close.
_EN_TAIL = re.compile(r"(?:\s*,)?\s+(?:you\s+know|or\s+something(?:\s+like\s+that)?|"
                      r"or\s+whatever|i\s+guess|i\s+suppose|basically|yeah|(?:thanks\s+)?bye|"
                      r"please\s+and\s+thank\s+you|going\s+forward|moving\s+forward|"
                      r"or\s+(?:something\s+)?similar)"
                      r"\s*[.!?]*$"
                      # "standup at 10 maybe?" (not "… instead of maybe")
                      r"|(?<!\bof)(?<!\bthan)(?:\s*,)?\s+(?:maybe|perhaps)\s*\?+$"
                      # "…, we'll see how it goes", "…, happy to discuss", "… - open to other
                      # ideas", "… lmk": the proposer's openness, which the question shows
                      # ("try it and see how it goes" is the act: kept; "standup at 10 and
                      # see how it goes": the note and its trial)
                      r"|(?:\s*[,;–—-])?\s+(?:(?:and\s+)?(?:we['’]ll|let['’]s|we\s+can)\s+see"
                      r"\s+how\s+it\s+goes|(?<!\bit\s)and\s+see\s+how\s+it\s+goes"
                      r"|(?:just\s+)?(?:a|my)\s+thought|(?:i['’]m\s+|very\s+)?"
                      r"happy\s+to\s+(?:discuss|chat|talk(?:\s+it\s+through)?)|(?:i['’]m\s+)?open"
                      r"\s+to\s+(?:other\s+|any\s+|better\s+)?(?:ideas|suggestions|thoughts|"
                      r"alternatives|feedback)|lmk|let\s+me\s+know(?:\s+what\s+you\s+think)?|just"
                      r"\s+to\s+try(?:\s+it)?|if\s+we\s+can|when\s+we\s+can|if\s+(?:the\s+)?"
                      r"(?:budget|time)\s+allows)\s*[.!]*$"
                      # "…, as discussed", "… per yesterday's discussion": where it comes from
                      r"|(?:\s*[,–—-])?\s+" + WHERE_FROM + r"\s*[.!]*$"
                      # "… okay": not "if that's okay", "make it okay", "feel okay"
                      r"|(?<!['’]s)(?<!\bis)(?<!\bbe)(?<!\bit)(?<!feel)(?<!seem)(?<!look)(?<!all)"
                      r"(?<!\bam)(?<!are)\s+(?:okay|ok)\s*[?.!]*$",
                      re.I)
# "the idea is to …", "my suggestion would be to …", "what I'd like is for us to …": the
# proposal announced.
_EN_ANNOUNCED_TO = re.compile(
    r"^(?:(?:(?:the|my|our)\s+(?:idea|plan|proposal|suggestion|thinking|goal|aim|hope)\s+(?:is|"
    r"would\s+be)|what\s+i'?d\s+(?:like|love)\s+is\s+for\s+us)\s+(?:to\s+|:\s*)"
    # "all we need is to write it down", "all we have to do is ask"
    r"|all\s+(?:we|i)\s+(?:need|want|have)(?:\s+to\s+do)?\s+is\s+(?:to\s+)?)(?!be\s)(?=[a-z])",
    re.I)
# What announces a proposal said next: "I was thinking …", "here's my idea: …", "maybe …".
_ANNOUNCING = (
    r"(?:(?:the|my|our)\s+(?:idea|plan|proposal|suggestion|thinking)\s+(?:is|would\s+be)|"
    r"i\s+was\s+thinking|i'?ve\s+been\s+thinking|i\s+wanted\s+to\s+(?:suggest|propose)|"
    r"i'?d\s+like\s+to\s+(?:suggest|propose)|i\s+want\s+to\s+(?:suggest|propose)|"
    r"what\s+i'?(?:d|m)\s+(?:suggest|propos)(?:e|ing)\s+is|what\s+i'?m\s+saying\s+is|"
    r"what\s+i\s+mean\s+is|all\s+i'?m\s+saying\s+is|my\s+idea\s+is|"
    r"it(?:'s|’s|\s+has|\s+was)\s+(?:been\s+)?(?:decided|agreed|suggested|proposed)|"
    r"here'?s\s+(?:my|an|one|a)\s+(?:idea|thought|proposal|suggestion)\s*[:,–—-]?|"
    r"here\s+is\s+(?:my|an|one|a)\s+(?:idea|thought|proposal|suggestion)\s*[:,–—-]?|"
    r"maybe|perhaps)")
# "the idea is that we move …", "I wanted to suggest we move …", "maybe we review …": a
# proposal of ours, its "we" before a plain verb ("we should …" keeps its modal; "maybe
# we keep forgetting …" is a complaint, "maybe we keep standups short" a plan; "maybe we
# all pair on bugs" as "maybe we pair …").
_OUR_PLAIN_VERB = (r"we\s+(?:all\s+(?=[a-z]))?"
                   r"(?!(?:should|shouldn't|could|can|would|will|might|must|need|needs|"
                   r"have|had|has|are|were|was|did|don't|didn't|keep\s+(?:on\s+)?[a-z]+ing|always|"
                   r"never|just|already|"
                   r"all|both|may|(?:want|wanted|plan|hope|intend|like|love)\s+to)\b)(?=[a-z])")
_EN_ANNOUNCED_WE = re.compile(rf"^{_ANNOUNCING}(?:\s+that)?\s+{_OUR_PLAIN_VERB}", re.I)
# "Proposal: we move standup to 10": the label says it is proposed, so "we move" is the
# plan, not how things are.
_EN_LABEL_WE = re.compile(r"^(?:(?:my\s+|an?\s+)?(?:idea|proposal|suggestion|pitch)|trial|"
                          rf"experiment|pilot|worth\s+a\s+(?:try|shot))\s*:\s*{_OUR_PLAIN_VERB}",
                          re.I)
# "the idea is that we should …", "what I'm saying is we should …": the announcement goes,
# the modal stays.
_EN_ANNOUNCED_THAT = re.compile(
    rf"^{_ANNOUNCING}(?:\s+that)?\s+(?=we\s+(?:should|could|can|might|must|need\s+to)\s)",
    re.I)
# "here's an idea: …": a label said as a sentence.
_EN_HERE_IS = re.compile(r"^here(?:'?s|\s+is)\s+(?:my|an|one|a)\s+(?:idea|thought|proposal|"
                         rf"suggestion)\s*[:,–—-]\s*(?:{_OUR_PLAIN_VERB})?(?=\S)", re.I)
# "just a thought, but …", "not sure but …": a hedge before the proposal.
_EN_HEDGE = re.compile(r"^(?:(?:just\s+)?(?:a|one|random)\s+(?:thought|idea)|"
                       r"(?:i['’]?m\s+|i\s+am\s+)?not\s+(?:100%\s+|totally\s+|entirely\s+)?sure(?:\s+about\s+(?:this|it)|"
                       r"\s+(?:if|whether)\s+(?:this|it)\s+(?:makes\s+sense|is\s+a\s+good"
                       r"\s+idea|would\s+work|is\s+(?:silly|dumb|crazy)))?|"
                       r"(?:this|it)?\s*(?:might|may|could)\s+be\s+a\s+(?:silly|dumb|crazy|bad|stupid|"
                       r"wild)\s+(?:idea|question|thought)|"
                       r"i\s+(?:could|might|may)\s+be\s+wrong|correct\s+me\s+if\s+i['’]?m\s+wrong|"
                       r"no\s+pressure|idk|feel\s+free\s+to\s+(?:ignore\s+(?:this|me)?|say\s+no|"
                       r"push\s+back))"
                       r"\s*,?\s+but\s+(?=\S)", re.I)
# "if it were up to me, I'd …", "me, I'd …": one's own choice, hedged before it
_EN_MY_WAY = re.compile(r"^(?:if\s+it\s+(?:were|was)\s+(?:up\s+to\s+)?me|if\s+i\s+had\s+"
                        r"(?:it\s+)?my\s+way|(?:speaking\s+)?for\s+me|me)\s*,?\s+"
                        r"(?=i(?:['’]d|\s+would)\s)", re.I)
# "while we're at it, …", "while I remember, …": an aside, not when the plan holds
_EN_WHILE_ASIDE = re.compile(r"^(?:while|whilst)\s+(?:(?:we['’]re|we\s+are|i['’]m|i\s+am)\s+"
                             r"(?:at\s+it|here|on\s+(?:the|this|that)\s+(?:topic|subject))|i\s+"
                             r"(?:remember|think\s+of\s+it|have\s+you(?:\s+here)?))\s*,?\s+(?=\S)",
                             re.I)
# When it was said, between who said it and what ("Dana suggested, last week, that …")
_WHEN_SAID = r"(?:,?\s+" + PAST_WHEN + r",?)?"
# "Dana suggested we move …", "someone said we should …", "Sam asked if we could …": whose
# idea it is, said before it; what follows is read as the plan ("we" of a suggestion is
# dropped before its verb; a gerund or a thing is asked about: "Dana suggested moving …",
# "… suggested async standups")
_EN_REPORTED = re.compile(
    r"^(?!i\s+(?:think|thought|feel|felt)\b)"  # a view of one's own: the fillers' to read
    r"(?:someone|somebody|people|folks|everyone|everybody|the\s+team|"
    # a name or a pronoun, in any case ("dana", "he"); not one that denies or asks
    # ("Nobody suggested we …", "Who suggested we …?")
    r"(?!(?:nobody|noone|none|no|not|never|neither|nor|nothing|who|whoever|what|why|how|when|"
    r"where|which|if|whether)\b)[a-z][\w'’-]*|"
    r"(?:my|our|the)\s+(?:manager|lead|boss|pm|team\s+lead|tech\s+lead|director|cto|vp))\s+"
    r"(?:(?:suggested|proposed|recommended)" + _WHEN_SAID + r"\s+(?:(?:that\s+)?(?:we|you)\s+"
    r"(?!(?:should|could|can|must|might|ought|need|shall|would)\b)(?=[a-z][\w-]*\s+\w)|"
    r"(?:that\s+)?(?=(?:we|you)\s+\w)|that\s+(?=\w)|(?P<about>(?=\w)))|"
    r"(?:said|mentioned|thinks|think|thought|feels|felt)" + _WHEN_SAID + r"\s+(?:that\s+)?"
    r"(?=(?:we|you)\s+(?:should|could|can|must|might|ought\s+to|need\s+to|shall)\b)"
    r"|asked" + _WHEN_SAID + r"\s+(?:if|whether)\s+(?=(?:we|you)\s+(?:could|can|should|might)\b))",
    re.I)
# "… suggested we move standup to 10 last week": when it was said, after the plan; not
# after one that says a past of its own ("… revisit what we decided last week")
_SAID_THEN = re.compile(r"\s*,?\s+" + PAST_SAID + r"\s*[.!]*$", re.I)
_PAST_OF_ITS_OWN = re.compile(r"(?<![\w'’])(?:[a-z]+[^\We]ed|did|said|made|had|was|were|wrote|"
                              r"went|came|ran|held|told|got|broke|took|saw|found|left|sent|"
                              r"built|began)(?![\w'’])", re.I)


def _reported_off(text: str) -> str:
    """`text` without whose idea it is ("Dana suggested we move standup to 10" → "move
    standup to 10"; "… suggested moving …" → "how about moving …")."""
    match = _EN_REPORTED.match(text)
    if match is None or not _names_something(text[match.end():]):
        return text  # "Dana suggested it": what is not said
    said = text[match.end():]
    then = _SAID_THEN.search(said)
    if then is not None and then.start() and not _PAST_OF_ITS_OWN.search(said[:then.start()]) \
            and _names_something(said[:then.start()]):
        said = said[:then.start()]  # "… we move standup to 10 last week": when it was said
    asked = _asked_of_them(said, that=match[0].rstrip().lower().endswith("that"))
    if asked is not None:
        return asked
    return ("how about " if match["about"] is not None else "") + said


# "Dana suggested the retro be shorter", "… that Sam run standup": what was asked of a
# thing or of someone, read as a hypothesis ("what if the retro were shorter")
_THEY_BE = re.compile(r"^(?P<who>[\w'’-]+(?:\s+[\w'’-]+){0,2})\s+be\s+(?P<rest>[^,;:]+)$", re.I)
_NAME_DOES = re.compile(r"^(?P<who>[A-Z][a-z]+)\s+(?P<verb>[a-z]+)\s+(?P<rest>\S[^,;:]*)$")
_NOT_WHO = frozenset(("we", "you", "i", "it", "they", "he", "she", "to", "not", "never",
                      "should", "could", "would", "will", "can", "must", "might", "may",
                      "always", "also", "just", "only", "please", "pls", "maybe", "perhaps"))
_NOT_NAMES = CALENDAR_NAMES | {"everyone", "everybody", "someone", "nobody"}


def _asked_of_them(said: str, *, that: bool) -> str | None:
    """`said`, what someone suggested, as "what if …" when it is asked of a thing or of
    someone named ("the retro be shorter"; after "that": "Sam run standup"), else None."""
    be = _THEY_BE.match(said)
    if be is not None:
        words = be["who"].lower().split()
        if not any(w in _NOT_WHO or w in _VERBS for w in words):
            return f"what if {be['who']} were {be['rest']}"
        return None
    does = _NAME_DOES.match(said)
    if does is None or does["who"].lower() in _NOT_WHO | _NOT_NAMES:
        return None
    verb = does["verb"]
    base = next((v for v in (verb, verb[:-1], verb[:-2]) if v in _VERBS), None) \
        if verb.endswith("s") or (that and verb in _VERBS) else None
    past = past_tense(base) if base else None
    if past is None:
        return None
    # Without "that", "Zoom calls" may be a thing: the clause as typed, never "how about"
    return f"what if {does['who']} {past} {does['rest']}" if that else said


# "As discussed, …", "Just following up on our chat.": where the message comes from.
_EN_MAIL_LEAD = re.compile(
    r"^(?:" + WHERE_FROM + r"\s*,|(?:just\s+)?(?:following|circling)\s+(?:up|back)\b[^.!?]*[.!])"
    r"\s+(?=\S)", re.I)
# "it'd be better to …", "it makes sense to …", "it's a good idea to …", "might be worth …":
# the proposal, judged first.
_EN_JUDGED_FIRST = re.compile(
    r"^(?:i\s+think\s+)?(?:it(?:'d|’d|'s|’s|\s+would|\s+might|\s+could|\s+may|\s+is|\s+will)?"
    r"\s+)?(?:be\s+)?(?:(?:(?:a\s+)?(?:better|good|great|nice|smart|wise)(?:\s+idea)?|best|helpful|"
    r"useful|make\s+sense|makes\s+sense)\s+to\s+(?!have\b)(?=[a-z]+\s+\S)|(?:might\s+|may\s+|could\s+)?"
    r"(?:be\s+)?worth\s+(?=[a-z]+ing\s+\S))", re.I)
# "… would be a good idea", "… might help", "… could work": the proposal, judged after.
_EN_JUDGED_AFTER = re.compile(
    r"\s+(?:(?:would|could|might|may)\s+(?:be\s+(?:a\s+)?(?:good|great|nice|better)\s+"
    r"(?:idea|thing|start)|(?:really\s+)?help(?:\s+(?:us|everyone|everybody|people|folks|"
    r"the\s+team|(?:the|our)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:folks|people|team)))?(?:\s+a\s+lot)?"
    r"|work|be\s+worth\s+(?:it|a\s+try|trying))|"
    # "standup at 10 works better for me", "… would be better for everyone"
    r"(?:works|would\s+(?:work|be))\s+better(?:\s+for\s+(?:me|us|everyone|everybody|people|"
    r"the\s+team|all\s+of\s+us))?|"
    r"is\s+worth\s+(?:a\s+try|trying|a\s+shot))\s*[.!]*$", re.I)
# "hope you're well.", "I hope this finds you well!", "Happy Monday!", "Morning all,",
# "Thanks for the retro today!", "Great retro today.": said before the message.
_EN_PLEASANTRY = re.compile(
    r"^(?:(?:i\s+)?hope\s+(?:you(?:'re|\s+are)\s+(?:well|good|doing\s+(?:well|good|great))|"
    r"all\s+is\s+well|this\s+finds\s+you\s+well|(?:you|everyone)\s+(?:had|have)\s+"
    r"(?:had\s+)?an?\s+(?:good|great|nice|lovely)\s+(?:weekend|week|day|break|holiday))|"
    r"happy\s+(?:mon|tues|wednes|thurs|fri)day|(?:good\s+)?morning(?:\s+(?:all|team|everyone|"
    r"folks))?|thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+[^.!?]{3,40}|"
    r"(?:great|good|nice)\s+(?:retro|meeting|session|demo|call|chat|sync)"
    r"(?:\s+(?:today|yesterday|earlier))?)\s*[.!,]+\s+(?=\S)", re.I)
# "Hot take: …", "Q: …", "Ask: …", "Open question: …": a label before the proposal, not
# a topic ("When it comes to Q, …"), and not quoted with it.
_EN_LABEL = re.compile(r"^(?:hot\s+take|unpopular\s+opinion|(?:my\s+)?opinion|q|"
                       r"(?:(?:a|one|small|quick|big)\s+)?(?:ask|request)|"
                       # "one thing I'd love to try: …", "something to try: …"
                       r"(?:one\s+thing|something)\s+(?:(?:i['’]d|i\s+would)\s+(?:love|like)\s+)?"
                       r"to\s+try|"
                       r"(?:open|quick)\s+question|question|idea|proposal|suggestion|pitch|"
                       r"(?:random\s+)?thought|quick\s+one|psa|fyi|worth\s+a\s+(?:try|shot)|"
                       r"worth\s+trying)\s*:\s*(?=\S)", re.I)
# "One thing: …", "Following up on the retro: …": a label before the proposal.
_EN_ONE_THING = re.compile(r"^(?:one\s+(?:more\s+)?thing|(?:just\s+)?following\s+up\s+on\s+"
                           r"[^:.!?]{2,30})\s*:\s*(?=\S)", re.I)

# "yani", "şey", "ee", "hmm" in front; "şöyle düşündüm", "aklıma şu geldi", "önerim şu:",
# "fikrim şu,", "planımız …": the proposal announced.
_TR_FILLER = re.compile(
    r"^(?:[şs]ey\s+diyorum|diyorum\s+ki|yani|[şs]ey|ee+|ıı+|hm+|hı+|i[şs]te|"
    r"(?:yani\s+)?[şs][öo]yle\s+d[üu][şs][üu]nd[üu]m|akl[ıi]ma\s+[şs]u\s+geldi|"
    r"(?:benim\s+)?(?:[öo]nerim|fikrim|teklifim)\s+[şs]u|[şs][öo]yle\s+bir\s+fikrim\s+var|"
    r"bir\s+(?:[öo]nerim|fikrim|teklifim)\s+var|(?:[şs][öo]yle\s+)?bir\s+[şs]ey\s+d[üu][şs][üu]nd[üu]m|"
    # "önerim …", "planımız …" only before the act itself ("önerim çok basit" stays)
    r"(?:na[çc]izane(?:\s+(?:[öo]nerim|fikrim))?|(?:benim\s+)?(?:[öo]nerim|fikrim|teklifim)|"
    r"plan[ıi]m[ıi]z|plan[ıi]m)(?=.*(?:m[ae]k|[ae]l[ıi]m|s[ıi]n|sak|sek)\s*[.!]*$)|"
    r"a[çc][ıi]k[çc]as[ıi]|asl[ıi]nda|mesela|[öo]rne[ğg]in|"
    r"bence|sence|sizce|(?:selam|merhaba)(?:lar)?(?=\s*[,!.])|"
    # whom it is said to: "hocam", "abi", "arkadaşlar" ("ekip," only with its comma)
    r"hocam|abi|abla|arkada[şs]lar|beyler|millet|ekip(?=\s*,))"
    r"\s*[,:;.-]*\s+(?=\S)", re.I)
# "Öneri: …", "Soru: …", "Küçük bir öneri: …", "Bilginize: …": a label before the
# proposal ("Retro: perşembeye alalım" names what it is about, and stays).
_TR_LABEL = re.compile(r"^(?:(?:k[üu][çc][üu]k|ufak)\s+bir\s+)?(?:[öo]neri(?:m)?|soru|fikir|not|"
                       r"rica|teklif|bilginize|duyuru|hat[ıi]rlatma)\s*:\s*(?=\S)", re.I)
# "… işte", "… diyorum", "… diye düşünüyorum": a spoken close.
_TR_TAIL = re.compile(r"(?:\s*,)?\s+(?:i[şs]te|yani|diyorum|diye\s+d[üu][şs][üu]n[üu]yorum|"
                      r"diye\s+d[üu][şs][üu]nd[üu]m|asl[ıi]nda|ya|ne\s+dersin(?:iz)?)\s*[.!?]*$"
                      # after the proposal's "-sak": "… alsak nasıl olur", "… alsak olmaz mı"
                      r"|(?<=sak|sek)\s+(?:nas[ıi]l\s+olur(?:du)?|olmaz\s+m[ıi])\s*[.!?]*$",
                      re.I)
_TR_PLEASANTRY = re.compile(
    r"^(?:umar[ıi]m\s+(?:iyisin(?:dir|iz|izdir)?|her\s+[şs]ey\s+yolundad[ıi]r|"
    r"keyfin(?:iz)?\s+yerindedir)|nas[ıi]ls[ıi]n(?:[ıi]z)?\s*\?|"
    # "Kolay gelsin,", "İyi çalışmalar.", "selam naber", "Sayın ekip,", "Ayşe Hanım merhaba,"
    r"(?:kolay\s+gelsin|iyi\s+[çc]al[ıi][şs]malar|hay[ıi]rl[ıi]\s+(?:sabahlar|g[üu]nler|"
    r"i[şs]ler))\s*[,.!]|(?:selam|merhaba|slm|mrb)\s+(?:naber|nas[ıi]ls[ıi]n(?:[ıi]z)?)\s*[,.!?]*|"
    r"say[ıi]n\s+[^,.!?]{1,40}[,!]|(?-i:[A-ZÇĞİÖŞÜ][\w'’-]*)\s+(?:bey|han[ıi]m)\s+"
    r"(?:merhaba(?:lar)?|selam(?:lar)?|g[üu]nayd[ıi]n)\s*[,.!])\s*[.!,]*\s+(?=\S)", re.I)
# "konuştuğumuz gibi", "geçen haftaki toplantıda konuştuğumuz gibi": where it comes from.
_TR_AS_DISCUSSED = re.compile(
    r"^(?:\S+\s+){0,4}?(?:de\s+)?(?:konu[şs]tu[ğg]umuz|g[öo]r[üu][şs]t[üu][ğg][üu]m[üu]z|"
    r"bahsetti[ğg]im|dedi[ğg]im|s[öo]yledi[ğg]im)\s+(?:gibi|[üu]zere)\s*,?\s+(?=\S)", re.I)
# ". İyi çalışmalar, Ali", ". Sevgiler": a sign-off after the message, with a name or none.
_TR_SIGN_OFF = re.compile(r"(?<=[.!?])\s+(?:iyi\s+[çc]al[ıi][şs]malar|sevgiler|selamlar|"
                          r"sayg[ıi]lar(?:[ıi]mla)?|g[öo]r[üu][şs]mek\s+[üu]zere|"
                          r"kolay\s+gelsin)\s*[,!.]*\s*(?:[A-ZÇĞİÖŞÜ][\w'’-]*)?\s*[.!]*$",
                          re.I)


# A mail's lines that are not its message: "Sent from my iPhone", a signature after "--",
# and a first line that is its subject ("Re: standup time", "Subject: …", "Konu: …").
_SENT_FROM = re.compile(r"^\s*(?:sent\s+from\s+my|get\s+outlook\s+for|[iİ]phone'?umdan\s+"
                        r"g[öo]nderildi)\b.*$", re.I)
_SUBJECT = re.compile(r"^\s*(?:re|fw|fwd|aw|subject|konu|ynt|ilt)\s*:", re.I)


def without_mail_lines(text: str) -> str:
    """`text` without the lines a mail program or a subject adds, where it has several
    lines; a text of one line is returned as it came."""
    lines = text.splitlines()
    if len(lines) < 2:
        return text
    if "--" in (line.strip() for line in lines):
        lines = lines[: [line.strip() for line in lines].index("--")]
    lines = [line for line in lines if not _SENT_FROM.match(line)]
    body = [line for line in lines if line.strip()]
    if len(body) > 1 and _SUBJECT.match(body[0]):
        lines = lines[lines.index(body[0]) + 1:]
    return "\n".join(lines) if any(line.strip() for line in lines) else text


# What is left when only these are: the "it" of "it might be worth a try", the "as" of
# "as per the meeting", names nothing
_EMPTY = NOT_A_THING | frozenset(("as", "so", "and", "but", "or", "then", "just", "a", "the"))


def _names_something(text: str) -> bool:
    return any(word not in _EMPTY for word in re.findall(r"[\w'’]+", text.lower()))


def _peeled(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """`text` with each pattern taken off its edge, as long as any still matches."""
    changed = True
    while changed:
        changed = False
        for pattern in patterns:
            shorter = pattern.sub("", text, count=1).strip()
            if shorter != text and _names_something(shorter):
                text, changed = shorter, True
    return text


def _time_said(text: str) -> str:
    """"it's time to move standup to 10" → "move standup to 10"; "it's time we moved …"
    → "move …" (its past is the wish's, not what was done)."""
    match = _EN_TIME_TO.match(text)
    if match is None:
        return text
    if match["for"]:  # "time for a proper onboarding plan": a thing to have; "time for
        rest = text[match.end():]  # pairing": an act to try
        first = rest.split()[0].lower() if rest.split() else ""
        return ("try " if first.endswith("ing") and len(first) > 4 else "what if we had ") + rest
    if match["past"] is None:
        return text[match.end():]
    if match["past"].lower() == "had":  # "it's time we had a retro": a thing to have
        return "what if we had" + text[match.end():]
    verb = base_verb(match["past"])
    if verb is None:
        return text
    if verb == match["past"].lower():  # "it's time we move …", as people say it too
        return text[match.start("past"):] if verb in _VERBS else text
    return verb + text[match.end():]


def without_spoken_wrapping(text: str, language: str) -> str:
    """`text` without the fillers, announcement, pleasantries and sign-off around its
    proposal ("so yeah the idea is to review PRs within a day you know" → "review PRs
    within a day"; "yani şey önerim şu: standup'ı 10'a alalım" → "standup'ı 10'a alalım")."""
    if language == "en":
        text = _time_said(_EN_WE_LIKE.sub(r"\1 ", _EN_ASIDE.sub(" ", text)))
        proposed = _EN_LABEL_WE.match(text)
        text = text[proposed.end():] if proposed else text
        wrapping = (_EN_PLEASANTRY, _EN_MAIL_LEAD, _EN_ONE_THING, _EN_LABEL, _EN_IF_ASIDE,
                    _EN_FILLER, _EN_TAIL, _EN_HEDGE, _EN_HERE_IS, _EN_ANNOUNCED_TO,
                    _EN_ANNOUNCED_THAT, _EN_JUDGED_FIRST, _EN_JUDGED_AFTER, _EN_MY_WAY,
                    _EN_WHILE_ASIDE)
        text = _peeled(text, wrapping)
        if (reported := _reported_off(text)) != text:  # "Hi team, Dana suggested we …"
            text = _peeled(reported, wrapping)
        match = _EN_ANNOUNCED_WE.match(text)
        return text[match.end():] if match else text
    return _peeled(text, (_TR_PLEASANTRY, _TR_AS_DISCUSSED, _TR_LABEL, _TR_FILLER, _TR_TAIL,
                          _TR_SIGN_OFF))
