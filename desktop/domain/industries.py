"""The industry list: reference industries with their English names and aliases, matching and search.

A record stores an industry by its reference (Chinese) name, or, for 其他, as the text the user
typed. ``match`` tells which reference industry a free text names, if any; ``search`` finds
industries by a Chinese substring, pinyin initials or full pinyin, or the English name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from desktop.domain.search_text import normalise_query, search_key


@dataclass(frozen=True)
class IndustryItem:
    code: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()

    def display(self, english: bool) -> str:
        """The name the UI shows: the English name in the English UI (when there is one)."""
        return self.name_en if english and self.name_en else self.name


def fold(text: str) -> str:
    """Width, case and spaces folded: "　肉牛 " and "肉牛", "Beef Cattle" and "beef cattle" are one."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


class IndustryCatalogue:
    """The reference industries, in their reference order."""

    def __init__(self, items: list[IndustryItem] | tuple[IndustryItem, ...]):
        self.items = tuple(items)
        self._by_name = {i.name: i for i in self.items}
        self._by_folded: dict[str, str] = {}
        for item in self.items:
            for text in (item.name, item.name_en, *item.aliases):
                if text:
                    self._by_folded.setdefault(fold(text), item.name)

    def names(self) -> list[str]:
        return [i.name for i in self.items]

    def get(self, name: str) -> IndustryItem | None:
        return self._by_name.get(name)

    def is_listed(self, name: str) -> bool:
        return name in self._by_name

    def match(self, text: str) -> str | None:
        """The reference name a free text stands for (its name, English name or an alias), else None."""
        return self._by_folded.get(fold(text)) if text and text.strip() else None

    def display(self, name: str, english: bool) -> str:
        """How a stored industry reads: a reference name in the UI's language, other text as typed."""
        item = self._by_name.get(name)
        return item.display(english) if item else name

    def search(self, query: str) -> list[IndustryItem]:
        """Industries whose name (as a substring, pinyin initials or full pinyin), English name or
        alias holds ``query``; all of them for an empty query."""
        q = normalise_query(query)
        if not q:
            return list(self.items)
        return [i for i in self.items
                if q in search_key(i.name) or q in fold(i.name_en) or any(q in search_key(a) for a in i.aliases)]
