"""Name normalisation shared by the gazetteer and the resolver (pure functions, no data).

``fold`` is the lookup key: case-, diacritic- and apostrophe-insensitive, so "Kyiv",
"KYIV", "Lysychans'k", "Lysychansk" and "Zaporiźźia" compare equal to their plain forms.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters that NFKD does not decompose into a base letter + mark.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "ħ": "h",
    "ŀ": "l", "ŉ": "n", "ĸ": "k", "ſ": "s",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
})
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʹ\"“”]")
_SEPARATORS = re.compile(r"[\s\-_/.,()]+")

# Words that turn a name into a region mention ("Kursk oblast", "Idlib governorate").
REGION_WORDS = (
    "oblast", "oblasts", "province", "provinces", "region", "regions", "governorate",
    "state", "krai", "kray", "territory", "prefecture", "county", "voblast", "raion",
    "rayon", "district", "department", "municipality", "republic", "okrug",
)
# Of these, the ones that name an admin1 (precision 3) rather than a district (precision 2).
ADMIN1_WORDS = frozenset({
    "oblast", "oblasts", "province", "provinces", "region", "regions", "governorate", "state",
    "krai", "kray", "territory", "prefecture", "voblast", "republic", "okrug",
})
DISTRICT_WORDS = frozenset({"district", "raion", "rayon", "county", "department",
                            "municipality", "hromada", "community"})

_TYPE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:autonomous\s+)?republic|province|region|oblast|governorate|state|"
    r"city|municipality|territory)\s+of\s+(?:the\s+)?", re.IGNORECASE)
_TYPE_SUFFIX = re.compile(
    r"[\s\-]+(?:(?:autonomous\s+)?(?:oblast'?|province|region|governorate|state|krai|kray|"
    r"territory|prefecture|county|voblast'?|voblasć|raion|rayon|district|department|"
    r"municipality|republic|okrug|autonomous\s+okrug|capital\s+territory|division|"
    r"muhafazat|wilayah|vilayati|apskritis))$", re.IGNORECASE)


def fold(name: str, keep_case: bool = False) -> str:
    """Lookup key of a name: no diacritics or apostrophes, one space between words.

    >>> fold("Lysychans'k"), fold("Zaporizhzhia  Oblast"), fold("Rostov-on-Don")
    ('lysychansk', 'zaporizhzhia oblast', 'rostov on don')
    """
    text = name
    for _ in range(3):  # until stable: lower-casing or decomposing can expose new letters
        before = text
        if not keep_case:
            text = text.lower()
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        if text == before:
            break
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def deaccent(name: str) -> str:
    """The name without diacritics, keeping case, hyphens and apostrophes.

    >>> deaccent("Ivano-Frankivs’k"), deaccent("Łódź")
    ('Ivano-Frankivs’k', 'Lodz')
    """
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


_SKELETON_FOLDS = (("shch", "s"), ("kh", "h"), ("zh", "z"), ("ch", "c"), ("sh", "s"),
                   ("ts", "c"), ("tz", "c"), ("g", "h"), ("w", "v"), ("j", "i"), ("x", "ks"),
                   ("ph", "f"), ("q", "k"))
_VOWELS = re.compile(r"[aeiouy ]+")
_DOUBLES = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """Consonant skeleton of a folded name, equal across transliterations.

    >>> skeleton("kiev") == skeleton("kyiv"), skeleton("kharkov") == skeleton("kharkiv")
    (True, True)
    >>> skeleton("lugansk") == skeleton("luhansk"), skeleton("artemivsk") == skeleton("bakhmut")
    (True, False)
    """
    out = key
    for a, b in _SKELETON_FOLDS:
        out = out.replace(a, b)
    out = _VOWELS.sub("", out[1:]) if out[:1] in "aeiouy" else _VOWELS.sub("", out)
    return _DOUBLES.sub(r"\1", out)


_ARTICLE = re.compile(r"^(?:al|el|as|ash|ar|ad|at|az|an|ath|adh|ul|il)\s+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")


def loose_key(key: str) -> str | None:
    """A folded village name's key across transliterations of Arabic and African names:
    no article, no final "-eh/-ah" h, the consonant skeleton after the first letter's class
    (a vowel, or the letter). None when too short to tell names apart.

    >>> loose_key("tawileh") == loose_key("at tawilah"), loose_key("ras al ain") == loose_key("ras al ayn")
    (True, True)
    >>> loose_key("ibbin") == loose_key("banan")
    False
    """
    base = _FINAL_H.sub("", _ARTICLE.sub("", key))
    if not base:
        return None
    core = skeleton(base)
    if len(core) < 2:
        return None
    return ("*" if base[0] in "aeiouy" else skeleton(base[0]) or base[0]) + core


def is_variant(name: str, main: str) -> bool:
    """True when ``name`` spells ``main`` differently (Kiev/Kyiv, Odessa/Odesa), rather
    than being another name (Artemivsk/Bakhmut, Stalino/Donetsk)."""
    a, b = fold(name), fold(main)
    if a == b:
        return True
    if min(len(a), len(b)) < 4:  # "Sin" is not "Sinj", "Tal" not "Tall"
        return False
    sa = skeleton(a)
    return len(sa) >= 2 and sa == skeleton(b)


def is_latin(key: str) -> bool:
    """True when a folded key is plain ASCII letters, digits and spaces."""
    return key.isascii() and any(ch.isalpha() for ch in key)


def strip_region_words(name: str) -> str:
    """The name without its administrative type words.

    >>> strip_region_words("Kursk Oblast"), strip_region_words("Republic of Dagestan")
    ('Kursk', 'Dagestan')
    """
    out = _TYPE_PREFIX.sub("", name.strip())
    prev = None
    while prev != out:
        prev = out
        out = _TYPE_SUFFIX.sub("", out).strip()
    return out
