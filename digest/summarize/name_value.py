"""A name as a story writes it: the value every reader of names passes around."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Name:
    """A name as the story writes it, and whether it names a person or an organisation."""

    text: str
    kind: str  # "person" | "organisation"
    mention: str = "name"  # how the text referred to it: "name", "pronoun", "description"
    # How a pronoun or description was tied to it ("subject, sentence before"), the
    # evidence the resolver weighs; not part of the name.
    via: str = field(default="", compare=False)
    # Others the story names in full with the same words, when a bare surname was read as
    # the one named first ("Lee" → "Jo Lee", with "Bo Lee" in the story too).
    rivals: tuple[str, ...] = field(default=(), compare=False)

    def referred(self, mention: str, via: str | None = None) -> Name:
        """The same name, reached through a pronoun or a description, and `via` what
        (a copy: names are shared by the index's lookups)."""
        return Name(self.text, self.kind, mention, self.via if via is None else via)
