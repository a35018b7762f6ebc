"""A sentence for the user that remembers what it was made from, so it can be said in another language.

    Text("{name} is empty", name="case.xlsx")     # == "case.xlsx is empty", a str everywhere

The engine writes its messages in English (the headless command and its JSON stay English,
shared/spec/cli.md). A message built as a `Text` is that English string, so printing, joining and
writing it to JSON are unchanged, and it also keeps its English template and values:
optimizer.words.language looks the template up in its Chinese table and fills in the same values (a value
that is itself a Text is said in Chinese too). Nothing is translated by matching English sentences.
"""

from __future__ import annotations


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
