"""Search keys for Chinese names: a query may be a substring, full pinyin or pinyin initials."""

from __future__ import annotations

from functools import lru_cache


def _syllables(text: str) -> list[str]:
    # pypinyin loads its dictionaries on import (about 0.3 s): only when a key is first needed,
    # which is never on the way to the main window.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="ignore")


@lru_cache(maxsize=65536)
def search_key(text: str) -> str:
    """``"巴林左旗"`` → ``"巴林左旗 blzq balinzuoqi"``: one lower-case string a LIKE can match."""
    text = (text or "").strip()
    if not text:
        return ""
    syllables = _syllables(text)
    initials = "".join(s[0] for s in syllables if s)
    return f"{text.lower()} {initials} {''.join(syllables)}"


@lru_cache(maxsize=65536)
def initials_key(text: str) -> str:
    """``"巴林左旗"`` → ``"巴林左旗 blzq"``: the shorter key for long lists, where full pinyin costs
    more scanning than it is worth."""
    text = (text or "").strip()
    if not text:
        return ""
    initials = "".join(s[0] for s in _syllables(text) if s)
    return f"{text.lower()} {initials}"


def normalise_query(query: str) -> str:
    """The form a query takes before it is matched against search keys (case and spaces folded)."""
    return "".join((query or "").split()).lower()


def matches(query: str, text: str) -> bool:
    q = normalise_query(query)
    return not q or q in search_key(text)
