"""What people say or write around a proposal, not the proposal: a dictation's fillers ("so
yeah", "… you know", "yani şey"), an announcement of it ("the idea is to …", "I wanted to
suggest we …", "önerim şu: …", "… diyorum") and an e-mail's pleasantries and sign-off
("hope you're well.", "umarım iyisinizdir.", "İyi çalışmalar, Ali"). Left in, the question
quoted them back with the change. Only such words at the edges go; text this does not
recognise is returned as it came.
"""

from __future__ import annotations

import re

# "so yeah", "um so", "yeah like": fillers in front, one after another ("like" only after
# another: "like posts in the kudos channel" is the verb).
_EN_FILLER = re.compile(r"^(?:(?:so|yeah|yep|um+|uh+|erm|ok(?:ay)?|alright|anyway|anyways|"
                        r"basically)(?:\s*,\s*|\s+)|well\s*,\s*)(?:like\s*,?\s+)?(?=\S)", re.I)
# "… you know", "… or something": a spoken close.
_EN_TAIL = re.compile(r"(?:\s*,)?\s+(?:you\s+know|or\s+something(?:\s+like\s+that)?|"
                      r"or\s+whatever|i\s+guess|i\s+suppose|basically|yeah)\s*[.!?]*$", re.I)
# "the idea is to …", "my suggestion would be to …": the proposal announced.
_EN_ANNOUNCED_TO = re.compile(
    r"^(?:the|my|our)\s+(?:idea|plan|proposal|suggestion|thinking)\s+(?:is|would\s+be)\s+"
    r"(?:to\s+|:\s*)(?=[a-z])", re.I)
# "the idea is that we move …", "I wanted to suggest we move …", "I was thinking we move …":
# a proposal of ours, its "we" before a plain verb ("we should …" keeps its modal).
_EN_ANNOUNCED_WE = re.compile(
    r"^(?:(?:the|my|our)\s+(?:idea|plan|proposal|suggestion|thinking)\s+(?:is|would\s+be)|"
    r"i\s+was\s+thinking|i'?ve\s+been\s+thinking|i\s+wanted\s+to\s+(?:suggest|propose)|"
    r"i'?d\s+like\s+to\s+(?:suggest|propose)|i\s+want\s+to\s+(?:suggest|propose)|"
    r"what\s+i'?(?:d|m)\s+(?:suggest|propos)(?:e|ing)\s+is)"
    r"(?:\s+that)?\s+(?P<we>we\s+)(?!(?:should|shouldn't|could|can|would|will|might|must|"
    r"need|needs|have|had|has|are|were|was|do|did|don't|didn't|keep|always|never|just|"
    r"already)\b)(?=[a-z])", re.I)
# "the idea is that we should …": the announcement goes, the modal stays.
_EN_ANNOUNCED_THAT = re.compile(
    r"^(?:(?:the|my|our)\s+(?:idea|plan|proposal|suggestion|thinking)\s+(?:is|would\s+be)|"
    r"i\s+wanted\s+to\s+(?:suggest|propose)|i'?d\s+like\s+to\s+(?:suggest|propose))"
    r"(?:\s+that)?\s+(?=we\s+(?:should|could|can|might|must|need\s+to)\s)", re.I)
# "hope you're well.", "I hope this finds you well!": said before the message.
_EN_PLEASANTRY = re.compile(
    r"^(?:i\s+)?hope\s+(?:you(?:'re|\s+are)\s+(?:well|good|doing\s+(?:well|good|great))|"
    r"all\s+is\s+well|this\s+finds\s+you\s+well|you\s+(?:had|have)\s+(?:had\s+)?an?\s+"
    r"(?:good|great|nice|lovely)\s+(?:weekend|week|day|break|holiday))\s*[.!,]+\s+(?=\S)",
    re.I)

# "yani", "şey", "ee", "hmm" in front; "şöyle düşündüm", "aklıma şu geldi", "önerim şu:",
# "fikrim şu,", "planımız …": the proposal announced.
_TR_FILLER = re.compile(
    r"^(?:[şs]ey\s+diyorum|diyorum\s+ki|yani|[şs]ey|e+|ı+|hm+|hı+|i[şs]te|"
    r"(?:yani\s+)?[şs][öo]yle\s+d[üu][şs][üu]nd[üu]m|akl[ıi]ma\s+[şs]u\s+geldi|"
    r"(?:benim\s+)?(?:[öo]nerim|fikrim|teklifim)\s+[şs]u|[şs][öo]yle\s+bir\s+fikrim\s+var|"
    r"(?:benim\s+)?(?:[öo]nerim|fikrim|teklifim)|plan[ıi]m[ıi]z|plan[ıi]m)"
    r"\s*[,:;.-]*\s+(?=\S)", re.I)
# "… işte", "… diyorum", "… diye düşünüyorum": a spoken close.
_TR_TAIL = re.compile(r"(?:\s*,)?\s+(?:i[şs]te|yani|diyorum|diye\s+d[üu][şs][üu]n[üu]yorum|"
                      r"diye\s+d[üu][şs][üu]nd[üu]m|asl[ıi]nda)\s*[.!]*$", re.I)
_TR_PLEASANTRY = re.compile(
    r"^(?:umar[ıi]m\s+(?:iyisin(?:dir|iz|izdir)?|her\s+[şs]ey\s+yolundad[ıi]r|"
    r"keyfin(?:iz)?\s+yerindedir)|nas[ıi]ls[ıi]n(?:[ıi]z)?\s*\?)\s*[.!,]*\s+(?=\S)", re.I)
# ". İyi çalışmalar, Ali", ". Sevgiler": a sign-off after the message, with a name or none.
_TR_SIGN_OFF = re.compile(r"(?<=[.!?])\s+(?:iyi\s+[çc]al[ıi][şs]malar|sevgiler|selamlar|"
                          r"sayg[ıi]lar(?:[ıi]mla)?|g[öo]r[üu][şs]mek\s+[üu]zere|"
                          r"kolay\s+gelsin)\s*[,!.]*\s*(?:[A-ZÇĞİÖŞÜ][\w'’-]*)?\s*[.!]*$",
                          re.I)


def _peeled(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """`text` with each pattern taken off its edge, as long as any still matches."""
    changed = True
    while changed:
        changed = False
        for pattern in patterns:
            shorter = pattern.sub("", text, count=1).strip()
            if shorter != text and re.search(r"\w", shorter):
                text, changed = shorter, True
    return text


def without_spoken_wrapping(text: str, language: str) -> str:
    """`text` without the fillers, announcement, pleasantries and sign-off around its
    proposal ("so yeah the idea is to review PRs within a day you know" → "review PRs
    within a day"; "yani şey önerim şu: standup'ı 10'a alalım" → "standup'ı 10'a alalım")."""
    if language == "en":
        text = _peeled(text, (_EN_PLEASANTRY, _EN_FILLER, _EN_TAIL, _EN_ANNOUNCED_TO,
                              _EN_ANNOUNCED_THAT))
        match = _EN_ANNOUNCED_WE.match(text)
        return text[match.end():] if match else text
    return _peeled(text, (_TR_PLEASANTRY, _TR_FILLER, _TR_TAIL, _TR_SIGN_OFF))
