"""A sentence for the user that remembers what it was made from, so it can be said in another language.

    Text("{name} is empty", name="case.xlsx")     # == "case.xlsx is empty", a str everywhere

The engine writes its messages in English (the headless command and its JSON stay English,
shared/spec/cli.md). A message built as a `Text` is that English string, so printing, joining and
writing it to JSON are unchanged, and it also keeps its English template and values:
optimizer.words.language looks the template up in its Chinese table (optimizer/words/chinese.py) and fills in
the same values. A value that is itself a Text is said in Chinese too, and so is a value that knows both
languages: a `Name` (a target's name, from the registry optimizer/model/targets.py), `Items` (a list, joined
with "、" in Chinese), an amount in its unit (optimizer/words/units.py). Nothing is translated by matching
English sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


class Text(str):
    """An English sentence (a str) with the template and values it was formatted from."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Text:
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text

    def __reduce__(self):  # pickled with its template and values (e.g. across processes)
        return _text, (self.template, self.values)


def _text(template: str, values: dict[str, object]) -> Text:
    return Text(template, **values)


def said(message: object) -> str:
    """An exception's message or a str, keeping a Text as it is (str(error) would make it a plain str)."""
    if isinstance(message, BaseException):
        args = message.args
        return args[0] if len(args) == 1 and isinstance(args[0], Text) else str(message)
    return message if isinstance(message, str) else str(message)


class Name(str):
    """A name in both languages, such as a target's ("R&D intensity", "研发投入强度").

    It is its English (a str), so a Text made with it is the English sentence and code that shows a name
    as text goes on working; optimizer.words says it in Chinese (`said_in`), as it says a Text.
    """

    chinese: str

    def __new__(cls, english: str, chinese: str) -> Name:
        name = super().__new__(cls, english)
        name.chinese = chinese
        return name

    @property
    def english(self) -> str:
        return str.__str__(self)

    def said_in(self, chinese: bool) -> str:
        return self.chinese if chinese else self.english

    def __repr__(self) -> str:
        return f"Name({self.english!r}, {self.chinese!r})"

    def __reduce__(self):  # pickled with both languages (e.g. across processes)
        return Name, (self.english, self.chinese)


class Term:
    """A value of a message that knows how it is said: its str() is the English (so a Text made with it is the
    English sentence), `said_in(chinese)` the sentence's language. Items, an amount with its unit
    (words/units.py) and a limit named by its key (model/targets.py) are terms."""

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def said_in(self, chinese: bool) -> str:
        return str(self)


LIST, CLAUSES, SENTENCES = "list", "clauses", "sentences"
SEPARATORS = {LIST: {False: ", ", True: "、"}, CLAUSES: {False: "; ", True: "；"},
              SENTENCES: {False: " ", True: ""}}


@dataclass(frozen=True)
class Items(Term):
    """Things listed in a sentence, each said in the sentence's language like any other value: ids ("P1, P2";
    "P1、P2" in Chinese), clauses (`CLAUSES`: "...; ..."; "...；..."), or whole sentences (`SENTENCES`, one
    after the other: with a space in English, without in Chinese)."""

    items: tuple[object, ...]
    kind: str = "list"

    def separator(self, chinese: bool) -> str:
        return SEPARATORS[self.kind][chinese]

    def __str__(self) -> str:
        return self.separator(False).join(map(str, self.items))
