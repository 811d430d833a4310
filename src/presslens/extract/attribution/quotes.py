"""Quotation marks paired into quotes, in one scan of the text.

Curly marks pair by direction, straight marks by what stands around them, single marks only where they
cannot be apostrophes. A quote left open at a paragraph end runs on when the next paragraph opens with a
quote mark (the news convention for quotes over several paragraphs) and otherwise closes at the
paragraph end. Unbalanced marks never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.extract import cues

__all__ = ["Quote", "find_quotes"]

# Two straight single marks ('') stand for a double mark in some wire and newspaper archives.
_QUOTE_SCAN = re.compile("''|[\n" + re.escape(cues.QUOTE_CHARS) + "]")
_OPENERS_BEFORE = set(" \t\r\n([{—–-/\u00a0")
_CLOSE_PUNCT = set(".,;:!?)]}—–-…\u00a0 \t\r\n")
# A single-quoted stretch longer than this is two apostrophes far apart, not a quote.
MAX_SINGLE_QUOTE_CHARS = 400


@dataclass(slots=True)
class Quote:
    """A stretch of text inside quotation marks (possibly over several paragraphs)."""

    start: int  # first character inside the opening mark
    end: int  # end (exclusive) of the quoted text
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, -1 when the quote runs to a paragraph end
    double: bool = True


class _QuoteScanner:
    """One pass over the quotation marks of a text, pairing them into ``Quote`` records."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes: list[Quote] = []
        self.open_at = -1  # pending double opening mark in this paragraph
        self.run: list[tuple[int, int, int]] = []  # (open mark, inner start, inner end) left open
        self.run_waiting = False
        self.para_start = 0
        self.single_at = -1
        self.width = 1  # length of the current mark
        self.open_width = 1

    def scan(self) -> list[Quote]:
        text = self.text
        n = len(text)
        for m in _QUOTE_SCAN.finditer(text):
            pos = m.start()
            ch = text[pos]
            if ch == "\n":
                self._newline(pos)
                continue
            width = m.end() - pos
            self.width = width
            prev = text[pos - 1] if pos else " "
            nxt = text[pos + width] if pos + width < n else " "
            if width == 2:
                ch = cues.STRAIGHT_DOUBLE
            if ch in cues.OPEN_SINGLE or ch in cues.CLOSE_SINGLE or ch == cues.STRAIGHT_SINGLE:
                self._single(pos, ch, prev, nxt)
            else:
                self._double(pos, ch, prev, nxt)
        if self.open_at >= 0:
            self.run.append((self.open_at, self.open_at + self.open_width, n))
            self.open_at = -1
        self._flush_run()
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def _newline(self, pos: int) -> None:
        if self.open_at >= 0:
            self.run.append((self.open_at, self.open_at + self.open_width, pos))
            self.open_at = -1
            self.run_waiting = True
        elif self.run and self.run_waiting and self.run[-1][2] < self.para_start:
            if self.text[self.para_start : pos].strip():
                self._flush_run()
        self.single_at = -1
        self.para_start = pos + 1

    def _flush_run(self) -> None:
        if self.run:
            first, last = self.run[0], self.run[-1]
            end = last[2]
            while end > first[1] and self.text[end - 1].isspace():
                end -= 1
            if end > first[1]:
                self.quotes.append(Quote(first[1], end, first[0], -1))
        self.run = []
        self.run_waiting = False

    def _at_paragraph_start(self, pos: int) -> bool:
        return not self.text[self.para_start : pos].strip()

    def _double(self, pos: int, ch: str, prev: str, nxt: str) -> None:
        looks_open = (prev in _OPENERS_BEFORE or prev in cues.QUOTE_CHARS) and not nxt.isspace()
        looks_close = not prev.isspace() and (nxt in _CLOSE_PUNCT or nxt in cues.QUOTE_CHARS)
        if ch in cues.OPEN_DOUBLE:
            is_open = not (self.open_at >= 0 and looks_close and not looks_open)
        elif ch in cues.CLOSE_DOUBLE:
            is_open = self.open_at < 0 and looks_open and not looks_close and not self.run_waiting
        elif self.open_at >= 0:
            is_open = looks_open and not looks_close
        else:
            if prev.isdigit() and not looks_open:  # 12" pipe, 5'10"
                return
            if looks_close and not looks_open:
                if not self.run_waiting:
                    return  # a stray closing mark
                is_open = False  # closes a quote carried over from the previous paragraph
            else:
                is_open = True
        if is_open:
            self._open(pos)
        else:
            self._close(pos)

    def _open(self, pos: int) -> None:
        if self.run_waiting:
            if self._at_paragraph_start(pos):
                self.run_waiting = False
            else:
                self._flush_run()
        self.open_at = pos
        self.open_width = self.width
        self.single_at = -1

    def _close(self, pos: int) -> None:
        if self.open_at >= 0:
            if self.run:
                first = self.run[0]
                self.quotes.append(Quote(first[1], pos, first[0], pos))
                self.run = []
                self.run_waiting = False
            elif pos > self.open_at + self.open_width:
                self.quotes.append(Quote(self.open_at + self.open_width, pos, self.open_at, pos))
            self.open_at = -1
        elif self.run and self.run_waiting:
            first = self.run[0]
            self.quotes.append(Quote(first[1], pos, first[0], pos))
            self.run = []
            self.run_waiting = False

    def _single(self, pos: int, ch: str, prev: str, nxt: str) -> None:
        if self.open_at >= 0:
            return  # nested quotes stay inside the outer quote
        can_open = ch != "’" and (prev in _OPENERS_BEFORE or pos == 0) and nxt.isalpha()
        if can_open and ch == "'" and self.text[pos + 1 : pos + 3].lower() in {"em", "ti", "n'", "n "}:
            can_open = False
        if can_open and (ch in cues.OPEN_SINGLE or self.single_at < 0):
            self.single_at = pos
            return
        if self.single_at >= 0 and ch != "‘" and not prev.isspace() and not nxt.isalnum():
            if pos - self.single_at <= MAX_SINGLE_QUOTE_CHARS and pos > self.single_at + 1:
                self.quotes.append(Quote(self.single_at + 1, pos, self.single_at, pos, double=False))
            self.single_at = -1


def find_quotes(text: str) -> list[Quote]:
    """Pair the quotation marks of ``text`` into quotes, sorted by start; never raises."""
    return _QuoteScanner(text).scan()
