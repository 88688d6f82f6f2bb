"""Latin-script names for badges: passport Hepburn for Japanese, pinyin for Chinese.

Why passport style: the Latin name on a badge should match the delegate's
passport and flight ticket, which in Japan follow the Ministry of Foreign
Affairs' Hepburn rules (外務省ヘボン式):

* long vowels are not written: おお -> o, おう -> o, うう -> u, ー dropped
  (おおた -> Ota, さいとう -> Saito, ゆうこ -> Yuko).  An う that starts a new
  vowel sequence is kept (いのうえ -> Inoue: う is followed by a vowel), and a
  vowel is shortened at most once (おおうち -> Ouchi).  えい, いい, ああ are
  written out (けいこ -> Keiko, にいがた -> Niigata);
* ん is ``m`` before b, m, p (ほんま -> Homma, なんば -> Namba), otherwise
  ``n`` with no apostrophe (しんいち -> Shinichi);
* っ doubles the next consonant, written ``t`` before ch (はっとり -> Hattori,
  はっちょう -> Hatcho);
* し shi, ち chi, つ tsu, ふ fu, じ/ぢ ji, ず/づ zu, を o.

The non-Hepburn spellings some people chose for their passport (Ohno, Ohta)
cannot be derived from kana; the registration form lets them type their Latin
name, and derived values are only a default.

pykakasi is deliberately not used: only kana have to be romanised (readings
are entered by people), a table is short and exact, and the installed pykakasi
cannot even be imported without its undeclared ``jaconv`` dependency.

Chinese Latin names are toneless pinyin as in Chinese passports: syllables of
a name part joined (Xiaoming), compound surnames as one word (Ouyang), ü
written ``yu`` after l/n (吕 -> Lyu, as the Ministry of Public Security
spells it), words of a transliterated name separated by a space
(买买提·吐尔逊 -> "Maimaiti Tuerxun").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from seminar_reg.names.readings import normalize_kana, pinyin_words, split_tone

__all__ = ["hepburn", "latin_name_chinese", "latin_name_japanese", "pinyin_to_latin"]

_MORA: dict[str, str] = {
    # basic gojūon
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu", "ヷ": "va", "ヸ": "vi", "ヹ": "ve", "ヺ": "vo",
    # small kana on their own
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
    "ゃ": "ya", "ゅ": "yu", "ょ": "yo", "ゎ": "wa", "ゕ": "ka", "ゖ": "ke",
    # yōon
    "きゃ": "kya", "きゅ": "kyu", "きょ": "kyo",
    "しゃ": "sha", "しゅ": "shu", "しょ": "sho",
    "ちゃ": "cha", "ちゅ": "chu", "ちょ": "cho",
    "にゃ": "nya", "にゅ": "nyu", "にょ": "nyo",
    "ひゃ": "hya", "ひゅ": "hyu", "ひょ": "hyo",
    "みゃ": "mya", "みゅ": "myu", "みょ": "myo",
    "りゃ": "rya", "りゅ": "ryu", "りょ": "ryo",
    "ぎゃ": "gya", "ぎゅ": "gyu", "ぎょ": "gyo",
    "じゃ": "ja", "じゅ": "ju", "じょ": "jo",
    "ぢゃ": "ja", "ぢゅ": "ju", "ぢょ": "jo",
    "びゃ": "bya", "びゅ": "byu", "びょ": "byo",
    "ぴゃ": "pya", "ぴゅ": "pyu", "ぴょ": "pyo",
    # extended combinations used for foreign names written in katakana
    "いぇ": "ye", "うぃ": "wi", "うぇ": "we", "うぉ": "wo",
    "しぇ": "she", "じぇ": "je", "ちぇ": "che",
    "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso",
    "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du", "てゅ": "tyu", "でゅ": "dyu",
    "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo", "ふゅ": "fyu",
    "ゔぁ": "va", "ゔぃ": "vi", "ゔぇ": "ve", "ゔぉ": "vo",
    "くぁ": "kwa", "ぐぁ": "gwa",
}  # fmt: skip

_VOWELS = frozenset("aeiou")
_SEPARATORS = frozenset(" ・")
_LABIALS = frozenset("bmp")


def _expand_iteration(kana: str) -> str:
    out: list[str] = []
    for char in kana:
        if char in "ゝゞ" and out:
            base = out[-1]
            if char == "ゞ":
                base = unicodedata.normalize("NFC", base + "\u3099")
            out.append(base)
        else:
            out.append(char)
    return "".join(out)


def _tokenize(kana: str) -> list[str]:
    """Split hiragana into morae (romaji), "Q" (っ), "N" (ん), "-" (ー), " " (word break)."""
    tokens: list[str] = []
    i = 0
    while i < len(kana):
        pair = _MORA.get(kana[i : i + 2]) if i + 1 < len(kana) else None
        if pair is not None:
            tokens.append(pair)
            i += 2
            continue
        char = kana[i]
        if char == "っ":
            tokens.append("Q")
        elif char == "ん":
            tokens.append("N")
        elif char == "ー":
            tokens.append("-")
        elif char in _SEPARATORS:
            tokens.append(" ")
        elif char in _MORA:
            tokens.append(_MORA[char])
        else:  # not kana: keep letters/digits as they are
            tokens.append(char.lower() if char.isalnum() else " ")
        i += 1
    return tokens


def _words(tokens: list[str]) -> list[str]:
    words: list[str] = []
    word = ""
    prev_vowel = ""
    shortened = False  # the previous vowel already absorbed a long vowel
    geminate = False
    for index, token in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token == " ":
            if word:
                words.append(word)
            word, prev_vowel, shortened, geminate = "", "", False, False
        elif token == "-":
            shortened = True
        elif token == "Q":
            geminate = True
        elif token == "N":
            word += "m" if nxt[:1] in _LABIALS else "n"
            prev_vowel, shortened, geminate = "", False, False
        else:
            if geminate and token[0] not in _VOWELS:
                word += "t" if token.startswith("ch") else token[0]
            long_o = token == "o" and prev_vowel == "o"
            long_u = token == "u" and prev_vowel in ("o", "u") and nxt not in _VOWELS
            if (long_o or long_u) and not shortened and not geminate:
                shortened = True
            else:
                word += token
                prev_vowel = token[-1] if token[-1] in _VOWELS else ""
                shortened = False
            geminate = False
    if word:
        words.append(word)
    return words


@lru_cache(maxsize=16384)
def hepburn(kana: str) -> str:
    """Romanise a kana reading in passport Hepburn, each word capitalised.

    ``hepburn("なみき") == "Namiki"``, ``hepburn("おおた") == "Ota"``,
    ``hepburn("ジョン・スミス") == "Jon Sumisu"``.
    """
    tokens = _tokenize(_expand_iteration(normalize_kana(kana)))
    return " ".join(word[:1].upper() + word[1:] for word in _words(tokens))


def latin_name_japanese(family_kana: str, given_kana: str) -> tuple[str, str]:
    """Return ``(family, given)`` in passport Hepburn, e.g. ``("Namiki", "Kokoro")``."""
    return hepburn(family_kana), hepburn(given_kana)


def pinyin_to_latin(syllables: list[str]) -> str:
    """Join TONE3/toneless syllables into one passport-style word (``["lv3"] -> "Lyu"``)."""
    word = ""
    for syllable in syllables:
        toneless = split_tone(syllable)[0]
        if toneless[:1] in ("l", "n") and toneless[1:2] == "v":
            toneless = toneless[0] + "yu" + toneless[2:]
        word += toneless.replace("v", "u")
    return word[:1].upper() + word[1:]


def latin_name_chinese(family: str, given: str) -> tuple[str, str]:
    """Return ``(family, given)`` Latin names, e.g. ``("Shan", "Wei")``, ``("Ouyang", "Nana")``.

    A transliterated name with a middle dot keeps its words: ``("", "Maimaiti Tuerxun")``.
    """
    family_latin = " ".join(pinyin_to_latin(w) for w in pinyin_words(family, surname=True))
    given_latin = " ".join(pinyin_to_latin(w) for w in pinyin_words(given))
    return family_latin, given_latin
