"""A Turkish change stated as already made ("retroyu cumaya aldık", "standup'ı kaldırdık",
"standup 10'a alındı"): asked how it has gone since, not proposed ("… nasıl olur") or
looked at together as a thought."""

from __future__ import annotations

import re

# "aldık", "kaldırdık", "bıraktık", "koyduk", "gördük": we did it (typed without the
# letters too: "aldik", "biraktik"). Not "yapmadık", "yapamadık": what was not done.
_WE_DID = re.compile(r"\w{2,}[dt][ıiuü]k$")
_NOT_DONE = re.compile(r"(?:m[aeı]d[ıi]k|[ae]m[ae]d[ıi]k)$")
# Words ending so that are no verb: "artık" (now, anymore), "sadık", "fındık"…
_NOT_VERBS = frozenset(("artık", "artik", "sadık", "sadik", "fındık", "findik", "ördek",
                        "kıtık", "yırtık", "yirtik", "kırtık", "aptık"))
# What went wrong is no change made: "toplantıyı kaçırdık", "testleri unuttuk".
_WENT_WRONG = re.compile(r"^(?:kaçır|kacir|unut|batır|batir|gecik|kaybet|boz|kır|kir|"
                         r"atla|yetiştir|yetistir)", re.I)
# "standup 10'a alındı", "retro cumaya taşındı", "cuma demosu kaldırıldı": made so.
_MADE_SO = re.compile(r"^(?:alındı|alindi|taşındı|tasindi|kaldırıldı|kaldirildi|"
                      r"değiştirildi|degistirildi|kısaltıldı|kisaltildi|başlatıldı|"
                      r"baslatildi|durduruldu|bırakıldı|birakildi|iptal\s+edildi|"
                      r"birleştirildi|birlestirildi|azaltıldı|azaltildi|kapatıldı|"
                      r"kapatildi|ertelendi)$")
# Any passive past, "kısaltıldı", "yazılıya geçirildi", "ertelendi"; not its negative
# ("yapılmadı": not done) nor what went wrong ("unutuldu").
_PASSIVE_PAST = re.compile(r"\w{2,}(?:[ıiuü]l|[aeıioöuü]n)d[ıiuü]$")
_NOT_PASSIVE = re.compile(r"m[ae](?:[ıiuü]l|n)d[ıiuü]$|^(?:bildi|kalındı|bulundu|söylendi|"
                          r"denildi|dendi|istendi|beklendi|düşünüldü|konuşuldu)$")
# A thing that changed, said of itself: "standuplar yazılıya geçti", "saat değişti".
_CHANGED_ITSELF = frozenset(("geçti", "gecti", "değişti", "degisti", "başladı", "basladi",
                             "bitti", "kalktı", "kalkti", "kısaldı", "kisaldi", "azaldı",
                             "azaldi", "taşındı", "tasindi"))
# The team as the one who did it: "ekip standup'ı yazılıya geçirdi".
_TEAM = frozenset(("ekip", "ekibimiz", "takım", "takim", "takımımız", "biz", "hep birlikte"))
_THEY_DID = re.compile(r"\w{2,}[dt][ıiuü]$")
# How we work now: "artık standup'ı yazılı yapıyoruz", "artık herkes PR'a 24 saatte
# bakıyor"; not how it goes ("artık toplantılar çok uzun sürüyor").
_NOW_DONE = re.compile(r"^\w{2,}[ıiuü]yor(?:uz|lar)?$")
_HOW_IT_GOES = frozenset(("çok", "cok", "hep", "hiç", "hic", "yine", "gene", "sürekli",
                          "surekli", "fazla", "az", "geç", "gec", "hala", "hâlâ", "bile"))
# "geçen haftadan beri standup 10'da": so since then.
_SINCE = re.compile(r"(?:^|\s)\S+['’]?(?:d|t)[ae]n\s+beri\s")
# Particles after the verb that say nothing of its tense: "aldık ya", "kaldırdık artık".
_AFTER = frozenset(("ya", "artık", "artik", "nihayet", "sonunda", "zaten", "de", "da"))


# "karar: standup 10'da", "bundan sonra …", "standup artık yazılı", "demo cuma günleri
# yapılmayacak": how things are to be from now on, decided; neither a thing to try nor one
# surely made ("artık" says now or from now on alike).
_DECIDED = re.compile(r"^(?:karar|yeni\s+düzen|yeni\s+duzen|yeni\s+kural|kural)\s*:\s*\w|"
                      r"^(?:bundan\s+(?:sonra|böyle|boyle)|(?:(?:önümüzdeki|gelecek|bu)\s+)?"
                      r"\w+['’]?[dt][ae]n\s+itibaren|haftaya(?:\s+itibaren)?"
                      r"|(?:önümüzdeki|gelecek)\s+(?:hafta|sprint|ay)\w*)[:,]?\s", re.I)
# Said so, a decision told: "… yapacağız", "… alacak" (will), "… yapıyoruz" (we are doing);
# not "… yapalım", "… yapsak" (proposed).
_WILL = re.compile(r"\w{2,}(?:[ae]c[ae]k|[ae]c[ae]ğız|[ae]cağ[ıi]z|[ae]ceğiz|ıyoruz|iyoruz"
                   r"|uyoruz|üyoruz)$")
_TO_BE_DONE = re.compile(r"\w{2,}(?:[ıiuü]l|[aeıioöuü]n)(?:m[ae]y)?[ae]c[ae]k(?:tır|tir)?$")


# "standup'ı 10'a alıyoruz", "retroyu iptal ediyoruz": a change announced, under way.
_CHANGING = re.compile(r"^(?:al|taşı|tasi|kaldır|kaldir|bırak|birak|geç|gec|değiştir"
                       r"|degistir|kısalt|kisalt|uzat|erteli|başl|basl|durdur|kapat|azalt"
                       r"|birleştir|birlestir|indir|kaydır|kaydir|bitir|sınırl|sinirl|ayır|ayir"
                       r"|böl|bol|çek|cek|getir|döndür|dondur)[ıiuü]?yoruz$")


_NEEDED = frozenset(("gerekiyor", "gerekecek", "lazım", "lazim", "şart", "sart", "gerekli",
                     "zorunlu"))
# "test yazmak zorunlu", "PR'a iki onay şart": a rule, as it stands
_RULED = frozenset(("zorunlu", "zorunludur", "mecburi", "mecburidir", "şart", "şarttır"))
_HABITUAL = frozenset(("her", "genelde", "genellikle", "hep", "bazen", "sık", "sik"))


def announced_tr(text: str) -> bool:
    """Whether the Turkish `text` announces a change under way ("standup'ı 10'a
    alıyoruz", "retroyu iptal ediyoruz"), not how things are done now."""
    if "?" in text:
        return False
    lowered = " ".join(text.replace("İ", "i").replace("I", "ı").lower().split()).rstrip(" .!")
    words = re.findall(r"[\w']+", lowered)
    if len(words) < 2 or "artık" in words or "artik" in words \
            or (_HOW_IT_GOES | _HABITUAL) & set(words):
        return False  # "hep geç başlıyoruz", "her gün gözden geçiriyoruz": how it goes
    last = words[-1]
    return _CHANGING.match(last) is not None or (
        last == "ediyoruz" and words[-2] == "iptal")


def new_arrangement_tr(text: str, form: str) -> bool:
    """Whether the Turkish `text` (as typed, label and all; `form` its turkish_form) says
    how things are to be from now on: "karar: standup 10'da", "standup artık yazılı"."""
    if "?" in text or made_tr(text):
        return False
    lowered = " ".join(text.replace("İ", "i").replace("I", "ı").lower().split()).rstrip(" .!")
    words = re.findall(r"[\w']+", lowered)
    if not words or words[-1] == "yok":  # "artık standup yok": the state wanted
        return False
    if re.search(r"(?:[ae]c[ae]ğ[ıi]m|[ae]c[ae]m|yorum)$", words[-1]):
        return False  # "Pazartesiden itibaren notları ben yazacağım": my own plan
    if _DECIDED.match(lowered) and (form in ("thing", "statement") or words[-1] in _NEEDED
                                    or _WILL.search(words[-1])):
        return True  # "bundan sonra her PR'a iki onay gerekiyor": a rule from now on
    if words[0] in ("artık", "artik") and _WILL.search(words[-1]) \
            and not words[-1].endswith("yoruz"):
        return True  # "artık tüm PR'lar iki onay alacak": from now on, decided
    if _TO_BE_DONE.search(words[-1]) or announced_tr(text):  # "… yapılmayacak", "… alıyoruz"
        return True
    if len(words) > 2 and (words[-1] in _RULED or words[-2:] == ["zorunlu", "olacak"]):
        return True  # "kod incelemesi zorunlu": a rule stated ("… zorunlu olsun": proposed)
    return ("artık" in words or "artik" in words) and form == "thing"


# What says it went wrong: "rapor geç gönderildi", "eksik yapıldı".
_BADLY = frozenset(("geç", "gec", "yanlış", "yanlis", "eksik", "hatalı", "hatali",
                    "gecikmeli"))


def made_tr(text: str) -> bool:
    """Whether the Turkish `text` says a change the team has already made; of clauses
    ("standup'ı kaldırdık, kimse özlemedi"), the first says it."""
    if "?" in text:
        return False
    first = re.split(r"[,;]\s*", text.strip(), maxsplit=1)[0]
    lowered = " ".join(first.replace("İ", "i").replace("I", "ı").lower().split()).rstrip(" .!")
    words = re.findall(r"[\w']+", lowered)
    while len(words) > 1 and words[-1] in _AFTER:
        words.pop()
    if len(words) < 2 or _BADLY & set(words):
        return False
    last = words[-1].split("'")[-1]
    if _MADE_SO.match(last) or _MADE_SO.match(" ".join(words[-2:])):
        return True
    if _WENT_WRONG.match(last) is None and (
            (_PASSIVE_PAST.search(last) and not _NOT_PASSIVE.search(last))
            or last in _CHANGED_ITSELF
            or (words[0] in _TEAM and _THEY_DID.search(last) and not _NOT_DONE.search(last)
                and last not in _NOT_VERBS)
            or (("artık" in words or "artik" in words) and _NOW_DONE.match(last) is not None
                and not _HOW_IT_GOES & set(words) and not last.endswith(("miyor", "mıyor",
                                                                       "muyor", "müyor")))
            or _SINCE.search(lowered)):
        return True
    return (_WE_DID.search(last) is not None and _NOT_DONE.search(last) is None
            and last not in _NOT_VERBS and _WENT_WRONG.match(last) is None)
