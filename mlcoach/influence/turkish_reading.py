"""Reading Turkish as the composer needs it: endings read with vowel harmony where it was
typed without its letters, whether it says a stop, and its form: a proposal ("…yapalım"),
a question, a statement of how things are, a verbal noun ("…yapmak") or a thing."""

from __future__ import annotations

import re

# A letter only Turkish has (not ç, ö, ü, which German and French names have too).
TURKISH_LETTERS = re.compile("[ıİşŞğĞ]")

_ANY_TURKISH_LETTER = re.compile("[ıİşŞğĞçÇöÖüÜ]")
_BACK_VOWELS = "aıou"
# A Turkish ending after an apostrophe ("PR'ları", "backlog'u", "10'a"): English has only
# "'s" and its contractions there ("don't", "we'll", "rock'n'roll").
# A vowel on both sides of the apostrophe is a name's own ("Ya'el", "Sa'id", "Ma'ayan"):
# Turkish puts a "y", "n" or "s" between a vowel and an ending's vowel ("demo'yu").
_ENDING_AFTER_APOSTROPHE = re.compile(
    r"\w{2,}(?<![aeıioöuüAEIİOÖUÜ](?=['’][aeıioöuü]))['’](?!(?:s|t|ll|re|ve|d|m|em|n|am)(?!\w))"
    r"[^\W\d_]+")
ENDING_AFTER_APOSTROPHE = _ENDING_AFTER_APOSTROPHE


def typed_in_turkish(text: str) -> bool:
    """Whether `text`, typed in the English app, is Turkish to quote whole: it has a letter
    only Turkish has, or ç, ö, ü or an ending after an apostrophe, as English tech words
    take in Turkish ("backlog'u her hafta gözden geçirelim"), and its form is not a thing
    (a Turkish or German name in an English change: "pair with Jürgen on releases")."""
    marked = TURKISH_LETTERS.search(text) or _ANY_TURKISH_LETTER.search(text) \
        or _ENDING_AFTER_APOSTROPHE.search(text)
    return bool(marked) and turkish_form(text) != "thing"


def _harmonised(text: str) -> str:
    """Turkish typed without its letters ("toplantilari kisaltalim", "olmasin"), its i
    read as vowel harmony says after a back vowel ("toplantıları kısaltalım", "olmasın"),
    so its endings are read as they would be with them. Only for reading: the user's words
    are shown as typed. Text with any Turkish letter is returned as it is."""
    if _ANY_TURKISH_LETTER.search(text):
        return text

    def word(match: re.Match[str]) -> str:
        out: list[str] = []
        back = False
        for ch in match[0]:
            after_vowel = bool(out) and out[-1].lower() in "aeıiou"
            if ch == "i" and back and not after_vowel:  # "mesai", "mail": as typed
                ch = "ı"
            if ch.lower() in "aeıiou":
                back = ch.lower() in _BACK_VOWELS
            out.append(ch)
        return "".join(out)

    said = re.sub(r"[^\W\d_]+", word, text)
    # the endings that lose a letter of their own: "yapılmis", "yazacagım"
    said = re.sub(r"(?<=m[ıiuü])s(?!\w)", "ş", said)
    return re.sub(r"(?<=[ae]c[ae])g(?=[ıi][mz]?(?!\w))", "ğ", said)


def _folded(text: str) -> str:
    """`text` with the Turkish letters as an ASCII keyboard types them."""
    return text.translate(_FOLD)


_FOLD = str.maketrans("ıİşŞğĞçÇöÖüÜ", "iIsSgGcCoOuU")


# A proposal not to do something: "…yapmayalım", "…atmamak", "kimse … etmesin".
_TR_NOT_TO_DO = ("mayalım", "meyelim", "mamak", "memek", "masın", "mesin", "mayın", "meyin",
                 "mamalıyız", "memeliyiz", "masak", "mesek")

# "toplantısız", "mesajsız": without the thing (not "gereksiz", which is what is stopped).
_TR_WITHOUT = re.compile(r"(?:toplantı|mesaj|e-?posta|mail|bildirim|deploy|slack|telefon|"
                         r"görüşme|ekran)s[ıiuü]z")

_TR_STOP = ("bırak", "vazgeç", "durdur", "son ver", "iptal", "kaldır", "ara ver", "mamak",
            "memek", "mayalım", "meyelim", "masın", "mesin")


def _says_stop_tr(text: str) -> bool:
    return says_stop_tr(text, _TR_STOP)


# What is had less of ("sıfır toplantılı cumalar" is wanted); not tests, reviews or docs
# ("sıfır testli sürümler", "sıfır incelemeyle deploy" are what is to stop).
_TR_LESS_OF = re.compile(r"(?:toplantı|mesaj|e-?posta|mail|bildirim|slack|telefon|görüşme|"
                         r"kesinti|mesai|deploy|hata|bug)")
# "with" said by its ending or its word: "testle", "incelemeyle", "testli", "test ile".
_TR_WITH = ("le", "la", "li", "lı", "lu", "lü")


def _tr_zero_wanted(words: list[str]) -> bool:
    """"sıfır toplantı cuma", "sıfır toplantılı cumalar": zero of what is to go, the state
    wanted; not "sıfır testle canlıya çıkmak", "sıfır test ile …", "sıfır testli sürümler",
    the way of working the user wants stopped."""
    if len(words) < 2 or words[0] not in ("sıfır", "sifir", "0"):
        return False
    said_with = words[1].endswith(_TR_WITH) or (len(words) > 2
                                                and words[2] in ("ile", "olan", "olmadan"))
    return not said_with or _TR_LESS_OF.match(words[1]) is not None


# When a thing is not to be had: "cuma toplantı yok", "hafta sonları e-posta yok", "akşam
# 6'dan sonra mesaj yok", "artık durum raporu yok". Without a time it says how things are
# ("dokümantasyon yok"), looked at together.
_TR_WHEN = ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar",
            "hafta", "akşam", "sabah", "gece", "öğle", "öğlen", "mesai", "saat", "sonra",
            "önce", "artık", "tatil", "izin")


def _tr_none_then(words: list[str]) -> bool:
    """"cuma toplantı yok", "6'dan sonra mesaj yok": a time, then a thing, then "yok"."""
    if len(words) > 2 and words[-1] == "yok":
        return any(w.split("'")[0].startswith(_TR_WHEN) for w in words[:-2])
    # spoken order, the time after it: "toplantı yok cuma", "mesaj yok hafta sonu"
    return len(words) > 2 and "yok" in words[1:-1] and words[0] != "yok" \
        and any(w.split("'")[0].startswith(_TR_WHEN) for w in words[words.index("yok") + 1:])


def says_stop_tr(text: str, stems: tuple[str, ...]) -> bool:
    """Whether a Turkish change says "stop" in its own words. Turkish puts the verb last,
    so only the last words can say it: "toplantıyı iptal edelim", "bırakalım artık",
    "gece mesaj atmamak"; not "ara vermeden toplantı yapmak" or "herkesin katılmasını
    zorunlu tutmak", which are what the user wants stopped."""
    if not TURKISH_LETTERS.search(text) and turkish_form(text) == "thing":
        from mlcoach.influence.phrasing import _says_stop_en  # English typed in Turkish

        if _says_stop_en(text):
            return True  # English typed in the Turkish app: "no more Friday deploys"
    typed, text = text, _harmonised(text)
    if typed != text or not _ANY_TURKISH_LETTER.search(typed):
        stems = (*stems, *(_folded(stem) for stem in stems))  # "birakalim", "kaldiralim"
    words = re.findall(r"[\w']+", text.replace("İ", "i").replace("I", "ı").lower())
    while len(words) > 1 and words[-1] in _TR_PARTICLES:
        words.pop()
    if not words:
        return False
    if any(w.split("'")[-1].endswith(_TR_NOT_TO_DO) for w in words):
        return True  # a negative proposal, wherever it stands: "deploy yapmayalım cuma günleri"
    if _tr_zero_wanted(words) or any(_TR_WITHOUT.fullmatch(w) for w in words) \
            or _tr_none_then(words):
        return True  # the state wanted: "sıfır toplantı cuma", "toplantısız cuma", "cuma
        # toplantı yok"
    last = words[-1].split("'")[-1]
    before = words[-2] if len(words) > 1 else ""
    for stem in stems:
        if " " in stem:
            if f"{before} {last}".startswith(stem):  # "son verelim", "ara verin"
                return True
        elif last.startswith(stem) or last.endswith(stem) or before == stem:
            return True  # "kaldıralım", "yapmayalım", "iptal edelim"
    # Spoken order puts the verb first ("bırakalım şu raporu"): a stop verb said as a
    # proposal or an order, not a participle ("kaldırılan özellikleri geri getirmek").
    first = words[0]
    return len(words) > 1 and any(first.startswith(stem) for stem in stems if " " not in stem) \
        and (first in stems or turkish_form(first) in ("proposal", "verbal_noun"))


# The end of the last Turkish word says what was typed: a statement ("…sürüyor", "…patladı",
# "…istiyorum"), a proposal ("…alalım", "…alsak", "…yönetsin", "…olmalı"), a verbal noun
# ("…kullanmak") or a thing ("haftalık demo", "Ayşe'nin raporu").
_TR_STATEMENT = ("yor", "yorum", "yoruz", "yorsunuz", "yorlar", "dık", "dik", "duk", "dük",
                 "tık", "tuk", "tük", "ladı", "ledi", "ıldı", "ildi", "uldu", "üldü", "ndı",
                 "ndi", "rdı", "rdi",  # no bare "-tı": "toplantı" is a thing
                 # the past after a hard consonant ("çöktü", "bitti", "kaçtı", "düştü")
                 "ktı", "kti", "ktu", "ktü", "ttı", "tti", "ttu", "ttü", "çtı", "çti", "çtu",
                 "çtü", "ştı", "şti", "ştu", "ştü",
                 # and ours ("çektik", "ettik", "içtik"); not "kritik", "plastik", "optik"
                 "ktik", "ttik", "çtik", "ştik",
                 "acak", "ecek", "acağım", "eceğim", "acağız", "eceğiz", "acaklar",
                 "ecekler",  # the future
                 # the past continuous and the past of "to be" ("bilmiyordu", "yorgundu")
                 "yordu", "yordum", "yorduk", "yordunuz", "yordular", "ndu", "ndü", "oldu")
_TR_PROPOSAL = ("lım", "lim", "sak", "sek", "sın", "sin", "sun", "sün", "malı", "meli",
                "malıyız", "meliyiz", "abiliriz", "ebiliriz", "sınlar", "sinler", "sunlar",
                "sünler")
_TR_VERBAL_NOUN = ("mak", "mek")  # "sprint planlaması", "kod incelemesi": things
# Suggestions said another way: "…atansa", "…yapsanız", "…gönderilir", "…iyi olur".
_TR_SUGGESTED = ("sanız", "seniz", "ılır", "ilir", "ulur", "ülür", "nır", "nir")
_TR_GOOD = frozenset(("iyi", "güzel", "faydalı", "mantıklı", "yararlı"))
# Nouns whose ending looks like a proposal's ("perşembe teslim", "basın").
_TR_NOT_PROPOSALS = frozenset(("teslim", "iklim", "bilim", "dilim", "alım", "satım", "selim",
                               "halim", "kerim", "basın", "yasin", "hüseyin"))
# Said of what ought to be: "…almamız lazım", "…olması gerek".
_TR_NEEDED = frozenset(("lazım", "lazim", "gerek", "gerekiyor", "gerekli", "şart", "sart"))
# Words a sentence may end on that say nothing of its form: dropped before reading it.
_TR_PARTICLES = frozenset(("lütfen", "lutfen", "bence", "ya", "ki", "yani", "artık", "bari",
                           "teşekkürler", "sağol", "saol", "mersi"))
_TR_QUESTION = frozenset(("mi", "mı", "mu", "mü", "miyiz", "mıyız", "muyuz", "müyüz",
                          "misin", "mısın", "musun", "müsün", "misiniz", "mısınız",
                          "musunuz", "müsünüz", "midir", "mıdır", "mudur", "müdür"))
# Words that end a sentence about how things are: "dokümantasyon yok", "… gereksiz".
# Said with these, "-yoruz" is how things go ("hep geç başlıyoruz"), not what we will do.
_TR_AS_ALWAYS = frozenset(("hep", "hala", "hâlâ", "sürekli", "surekli", "yine", "gene", "hiç",
                           "hic", "genelde", "genellikle", "asla", "çok", "cok", "fazla",
                           "zaten", "maalesef", "neden", "niye", "niçin", "şu", "an",
                           "şimdi", "şu anda", "hâlen", "halen", "bazen", "sık", "sik"))
_TR_HOW_IT_IS = frozenset(("değil", "degil", "yok", "var", "gereksiz"))
# A wish or a supposition is a thought, not a plan: "keşke …", "… olmasa".
_TR_WISH_WORDS = frozenset(("olsa", "olmasa", "olsaydı", "olmasaydı"))


def turkish_form(text: str) -> str:
    """"statement", "question", "proposal", "verbal_noun" or "thing", from the last word
    of `text` (after the particles that say nothing of its form)."""
    text = _harmonised(text)
    said, colon, rest = text.partition(": ")  # "kararları tek yerde tutalım: wiki"
    if colon and rest.strip() and turkish_form(said) == "thing" \
            and turkish_form(rest) != "thing":
        return turkish_form(rest)  # "retro: perşembeye alalım": the label is a thing
    words = re.findall(r"[\w']+", said.replace("İ", "i").replace("I", "ı").lower())
    while len(words) > 1 and words[-1] in _TR_PARTICLES:
        words.pop()
    last = words[-1].split("'")[-1] if words else ""
    before = words[-2] if len(words) > 1 else ""
    if last in _TR_QUESTION:
        return "question"
    # "umarım build düzelir", "inşallah retro kısa sürer": a hope, no plan
    if {"keşke", "keske", "umarım", "umarim", "inşallah", "insallah"} & set(words) \
            or last in _TR_WISH_WORDS or (
            len(last) >= 6 and last.endswith(("masa", "mese"))):
        return "statement"
    if last in _TR_NEEDED or (last == "olur" and before in _TR_GOOD):
        return "proposal"
    if len(words) > 1 and len(last) >= 5 \
            and last.endswith(("ırız", "iriz", "uruz", "ürüz", "arız", "eriz")):
        # "(belki) standup'ı 10'a alırız": we could; "hep geç kalırız": how it goes
        return "statement" if _TR_AS_ALWAYS & set(words) else "proposal"
    if _tr_said_of_someone(last):
        return "statement"  # "hep geç kalıyorsun", "testleri unuttun": not a plan
    if last.endswith(_TR_VERBAL_NOUN):
        return "verbal_noun"
    if _tr_none_then(words):
        return "thing"  # "cuma toplantı yok": the state wanted, not how things are
    if last in _TR_NOT_PROPOSALS:
        return "thing"
    if last.endswith(_TR_PROPOSAL) or (
            len(last) >= 6 and last.endswith(("yin", "yın", "yun", "yün", "sa", "se"))) \
            or (len(last) >= 6 and last.endswith(_TR_SUGGESTED)) \
            or (len(words) > 1 and _tr_imperative(last)):  # "ekleyin", "atansa", "tutun"
        return "proposal"
    if (before, last) == ("fazla", "mesai"):
        return "thing"  # overtime, not "too much"
    if last.endswith("yoruz") and len(last) >= 7 and not _TR_AS_ALWAYS & set(words):
        return "proposal"  # "toplantıları kısa tutuyoruz": what we do from now, a plan
    if (len(last) >= 4 and last.endswith(_TR_STATEMENT)) or last in _TR_HOW_IT_IS \
            or before in ("çok", "cok", "fazla", "hiç", "hic"):
        return "statement"  # "… çok sıkıcı", "standup gerekli değil": how things are
    if len(words) > 1 and last in _TR_IMPERATIVE_STEMS - _TR_ALSO_NOUNS:
        return "proposal"  # a note's to-do: "retroyu perşembeye al", "notları paylaş"
    if len(words) > 1 and len(words[0]) >= 6 and words[0].endswith(_TR_SPOKEN_FIRST):
        return "proposal"  # spoken order, the verb first: "bırakalım şu raporu"
    return "thing"


# What someone does or did, said to or of them: "…kalıyorsun" (its "-sun" is not the
# proposal's), the past with a person ("unuttun", "yazmadınız"), the past of a verb
# ending in -l ("kaldı", "geldi") or -p/-s ("yaptı", "kesti"), the negative past
# ("göndermedi") and the reported past ("unutmuş").
_TR_SAID_OF = ("yorsun", "yorsunuz", "madı", "medi", "madın", "medin", "madınız",
               "mediniz", "ldı", "ldi", "ldu", "ldü", "dın", "din", "dun", "dün", "dınız",
               "diniz", "dunuz", "dünüz", "ttın", "ttin", "ttun", "ttün", "ttınız",
               "ttiniz", "ttunuz", "ttünüz", "mış", "miş", "muş", "müş")
# The past of a verb ending in -p or -s ("yaptı", "kesti") looks like a noun's ending
# ("konsepti", "checklisti", "analisti"): only these common ones are read as the past.
_TR_PAST_WORDS = frozenset(("yaptı", "yaptın", "yaptınız", "yaptılar", "kesti", "kestin",
                            "bastı", "kaptı", "unuttu", "unuttular", "tuttu",
                            "sattı", "attı", "gitti", "bitti"))
# Nouns with those endings ("kadın", "geçmiş", "altmış", "sistem dili" is not one).
_TR_NOT_SAID_OF = frozenset(("kadın", "geçmiş", "yemiş", "altmış", "kırmış", "misafir",
                             "bildin", "budun", "hüsnü", "düğün", "bütün", "ütün", "içtin",
                             "metin", "petin", "çetin", "tütün", "kolaylık", "maaş",
                             "tesisatı", "asistı", "testi", "listi", "kopti", "rapti",
                             "altın", "satın", "yetmiş", "yurdun", "ordun"))


# Verbs whose stem ends in a consonant, said to "you" as a request ("gönderin", "tutun"):
# the stem and its -in/-ın/-un/-ün. Nouns end so too ("disiplin", "mümkün", "sakin"), so
# only these stems count; a stem ending in a vowel takes -yin, which the proposal
# endings hold ("ekleyin").
_TR_IMPERATIVE_STEMS = frozenset((
    "gönder", "tut", "paylaş", "kısalt", "yaz", "yap", "bitir", "başlat", "kapat", "aç",
    "al", "ver", "koy", "kes", "bırak", "getir", "götür", "sor", "anlat", "göster", "unut",
    "gel", "bak", "düşün", "dur", "konuş", "sil", "düzelt", "değiştir", "bildir", "katıl",
    "azalt", "artır", "ayır", "yönet", "geçir", "çalış", "kullan", "gir", "çık", "kur",
    "öğren", "bul", "seç", "çöz", "kaydır", "ilet", "aktar", "dağıt", "öner", "ölç",
    "buluş", "sun", "tart", "kat", "uy"))
# Stems that are words of their own too ("bu yaz": this summer, "kat": a floor).
_TR_ALSO_NOUNS = frozenset(("yaz", "kur", "kat", "aç", "sun", "uy", "tart", "dur"))
# …and the stems that change before it: "et" → "edin", "git" → "gidin".
_TR_IMPERATIVE_WORDS = frozenset(("edin", "gidin", "kaydedin", "gidiniz", "ediniz"))


def _tr_imperative(last: str) -> bool:
    """ "gönderin", "tutun", "test edin": said to "you" as a request, like "ekleyin"."""
    if last in _TR_IMPERATIVE_WORDS:
        return True
    return (last.endswith(("in", "ın", "un", "ün"))
            and last[:-2] in _TR_IMPERATIVE_STEMS)


def _tr_said_of_someone(last: str) -> bool:
    return last in _TR_PAST_WORDS or (len(last) >= 5 and last.endswith(_TR_SAID_OF)
                                      and last not in _TR_NOT_SAID_OF)


# Proposal endings unmistakable enough to read a first word by ("yapalım şunu").
_TR_SPOKEN_FIRST = ("alım", "elim", "sak", "sek", "malıyız", "meliyiz")
