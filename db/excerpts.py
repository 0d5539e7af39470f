"""Excerpts of petitions around the words searched, the matches located in the original text.

Matching is done on the folded text (db.text.fold), which has the same length as the NFC
original for Vietnamese, so the positions found there mark the words as the clerk wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from db.text import fold

# Not preceded by a letter or digit: the start of a word.
BOUND = r"(?<![^\W_])"


@dataclass(frozen=True)
class Snippet:
    """An excerpt of a text and the spans of it that matched the words searched."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, opening: str = "[", closing: str = "]") -> str:
        out: list[str] = []
        cursor = 0
        for s, e in self.spans:
            out.append(self.text[cursor:s] + opening + self.text[s:e] + closing)
            cursor = e
        out.append(self.text[cursor:])
        return "".join(out)


_ONE: dict[str, str] = {}


def _aligned_fold(text: str) -> str:
    # Same length as `text` so match positions map back onto the original words.
    out = []
    for ch in text:
        f = _ONE.get(ch)
        if f is None:
            f = _ONE[ch] = (fold(ch) or ch)[:1]
        out.append(f)
    return "".join(out)


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...], open_last: bool) -> re.Pattern[str]:
    """One pass finds every word: whole words, the last one as a prefix when being typed."""
    whole = sorted(set(words[:-1] if open_last else words), key=len, reverse=True)
    options = [re.escape(w) + r"(?![^\W_])" for w in whole]
    if open_last:
        options.insert(0, re.escape(words[-1]) + r"[^\W_]*")
    return re.compile(BOUND + "(?:" + "|".join(options) + ")")


def matched_spans(
    text: str, words: tuple[str, ...], *, open_last: bool = False, folded: str | None = None
) -> list[tuple[int, int]]:
    """Where the folded `words` occur in `text` as whole words (the last may be a prefix).

    `folded` is fold(text) when the caller has it (the search columns store it).
    """
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    if len(folded) != len(text):  # a letter whose lowercase is longer (rare): map one by one
        folded = _aligned_fold(text)
    pattern = _words_pattern(words, open_last)
    spans = [(m.start(), m.end()) for m in pattern.finditer(folded.replace("\n", " "))]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(
    text: str,
    words: tuple[str, ...],
    width: int = 160,
    *,
    open_last: bool = False,
    folded: str | None = None,
    lead: int | None = None,
) -> Snippet:
    """An excerpt of the original text, from at most `lead` characters (default a third of the
    width) before the first match, on a word boundary; the matches marked."""
    flat = text.replace("\n", " ")
    spans = matched_spans(flat, words, open_last=open_last, folded=folded)
    if not spans:
        cut = flat[:width] + ("…" if len(flat) > width else "")
        return Snippet(cut, ())
    lead = width // 3 if lead is None else lead
    first, start = spans[0][0], 0
    if first > lead:
        space = flat.find(" ", first - lead, first)
        start = space + 1 if space >= 0 else first - lead
    end = min(len(flat), start + width)
    dots = "…" if start else ""
    trail = "…" if end < len(flat) else ""
    shift = len(dots) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Snippet(dots + flat[start:end] + trail, kept)


def best_snippet(
    texts: tuple[str, ...],
    words: tuple[str, ...],
    *,
    open_last: bool = False,
    width: int = 160,
    folded: tuple[str | None, ...] = (),
    lead: int | None = None,
) -> Snippet:
    """The excerpt of the text where most of the words occur (ties: the earlier text)."""
    best: Snippet | None = None
    best_words = -1
    for i, text in enumerate(texts):
        if not text:
            continue
        known = folded[i] if i < len(folded) else None
        cut = snippet(text, words, width, open_last=open_last, folded=known, lead=lead)
        found = len({cut.text[s:e].lower() for s, e in cut.spans})
        if found > best_words:
            best, best_words = cut, found
    return best or Snippet("", ())
