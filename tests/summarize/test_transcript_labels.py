"""A transcript's label opening a paragraph names its quote's speaker when it is the surname
of someone the story names in full, and no one else otherwise. Invented sentences, one
pattern each."""

from __future__ import annotations

from .helpers import speaker, speakers

CAST = "The mayor, Nora Quintrell, met the council member Abel Fenwick on Monday."
LINE = "“The ferry will run again by May, whatever the council decides.”"


def test_a_surname_label_names_the_person_named_in_full() -> None:
    assert speaker(CAST, f"QUINTRELL: {LINE}") == "Nora Quintrell"


def test_a_label_with_a_title_names_the_person() -> None:
    assert speaker(CAST, f"MAYOR QUINTRELL: {LINE}") == "Nora Quintrell"


def test_a_hyphenated_particle_label_names_the_person() -> None:
    assert speaker("Foreign Minister Samir al-Haddad arrived.", f"AL-HADDAD: {LINE}") == (
        "Samir al-Haddad"
    )


def test_each_label_names_its_own_paragraph() -> None:
    reply = "FENWICK: “We will see about that, Madam Mayor.”"
    assert speakers(CAST, f"QUINTRELL: {LINE}", reply) == ["Nora Quintrell", "Abel Fenwick"]


def test_a_hyphenated_surname_label_names_the_person() -> None:
    assert speaker("Minister Ana Ruiz-Ocampo arrived.", f"RUIZ-OCAMPO: {LINE}") == (
        "Ana Ruiz-Ocampo"
    )


def test_a_role_label_names_no_one() -> None:
    question = "REPORTER: “And what if the council says no?”"
    assert speakers(CAST, f"QUINTRELL: {LINE}", question) == ["Nora Quintrell", None]


def test_a_surname_met_only_as_a_label_names_no_one() -> None:
    assert speaker(CAST, f"DRISCOLL: {LINE}") is None


def test_a_label_does_not_hand_on_the_quote_before() -> None:
    assert speakers(f"{LINE} Quintrell said.", f"MODERATOR: {LINE[:-2]} next week?”") == [
        "Quintrell", None
    ]


def test_a_capitalised_word_inside_a_sentence_is_no_label() -> None:
    assert speaker(CAST, f"Quintrell said on Monday in the chamber: {LINE}") == "Nora Quintrell"


def test_a_surname_two_people_share_names_no_one() -> None:
    assert speaker("Jo Lee and Bo Lee met on Monday.", f"LEE: {LINE}") is None


def test_an_attribution_after_the_quote_outranks_a_heading_label() -> None:
    assert speaker(CAST, "UPDATE: “The ferry will run again by May,” Fenwick said.") == (
        "Abel Fenwick"
    )
