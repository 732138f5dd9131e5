"""Where the newer speaker rules must not fire: invented news shapes close to each rule.

Each case is an invented minimal story with one pattern; the rule it guards is named in
the section heading.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes

QUOTE = "“The ferry will run again by May,”"
STATED = "“The harbor board has wasted two years on this plan,”"
SAID = "“the harbor board has wasted two years on this plan.”"


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


# --- someone's kin or aide between a pronoun and its candidate ------------------------------


@pytest.mark.parametrize(("story", "pronoun", "speaker"), [
    ("Rick Olson grew up in Lisle. His father was a fisherman.", "he", "Rick Olson"),
    ("Rick Olson grew up in Lisle. His father, a fisherman, died in 2001.", "he", "Rick Olson"),
    ("Rick Olson lost his job. His son lives in Ohio now.", "he", "Rick Olson"),
    ("Rick Olson spoke. His coach benched him in May.", "he", "Rick Olson"),
    ("Ann Holt opened the bakery. Her mother was a baker too.", "she", "Ann Holt"),
])
def test_kin_or_aide_only_described_in_between_leaves_the_candidate(
    story: str, pronoun: str, speaker: str
):
    assert speakers(f"{story} {QUOTE} {pronoun} said.") == [speaker]


@pytest.mark.parametrize("sentence", [
    "His lawyer denied the charges.",
    "His son, a lawyer, later told reporters the ferry was safe.",
    "His aide quickly spoke up.",
])
def test_kin_or_aide_who_speaks_in_between_leaves_he_unnamed(sentence: str):
    assert speakers(f"Rick Olson runs the ferry company. {sentence} {QUOTE} he said.") == [None]


# --- a name ending in a hyphenated word -----------------------------------------------------

@pytest.mark.parametrize("name", ["Moon Jae-in", "Kim Jong-un", "Ban Ki-moon", "Yoon Suk-yeol"])
def test_a_name_whose_last_part_is_hyphenated_still_speaks(name: str):
    assert speakers(f"{STATED} said {name}.") == [name]
    assert speakers(f"{STATED} according to {name}.") == [name]


@pytest.mark.parametrize("modifier", [
    "Obama-era", "Kremlin-backed", "Soviet-style", "Lisle-based", "Union-led", "Navy-funded",
])
def test_a_name_made_a_compound_adjective_is_no_speaker(modifier: str):
    assert speakers(f"{STATED} according to {modifier} files from the archive.") == [None]


# --- people tied to a body ------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    f"On Monday, Nora Varga, who represents workers at the plant, said {SAID}",
    f"In a statement, Nora Varga, a lawyer for nurses at Mercy Hospital, said {SAID}",
    f"After the vote, Nora Varga, head of doctors at Mercy Hospital, said {SAID}",
    f"On Monday, Nora Varga, representing workers at the plant, said {SAID}",
])
def test_a_group_in_an_aside_after_the_subject_leaves_the_name(sentence: str):
    assert speakers(sentence) == ["Nora Varga"]


def test_a_titles_plural_after_a_given_name_is_a_surname():
    assert speakers(f"Nora Deans at the hearing said {SAID}") == ["Nora Deans"]


@pytest.mark.parametrize("group", [
    "A few economists at Corvane Bank", "Top economists at Corvane Bank",
    "On Monday, economists at Corvane Bank",
])
def test_a_group_heading_the_subject_is_still_no_speaker(group: str):
    assert speakers(f"{group} said {SAID}") == [None]


# --- a view given by another before a pronoun -----------------------------------------------

@pytest.mark.parametrize("holder", ["Ms. Holt", "Mrs. Holt", "Miss Holt"])
def test_a_view_of_one_titled_of_the_other_gender_leaves_the_subject(holder: str):
    assert speakers(f"According to {holder}, Tom Baker misled voters. {STATED} he said.") \
        == ["Tom Baker"]


@pytest.mark.parametrize("group", ["Ohio Democrats", "Lisle Teachers", "Harbor Officials"])
def test_a_view_of_a_group_leaves_the_subject(group: str):
    assert speakers(f"For {group}, Tom Baker is a hero. {STATED} he said.") == ["Tom Baker"]


# --- words in quotes inside an appositive ---------------------------------------------------


@pytest.mark.parametrize("appositive", [
    "who wrote “The Long Harbor,”",
    "who once called it “The Sea Road,”",
    "who hosts “Tide Talk,”",
])
def test_a_title_in_quotes_after_a_verb_in_an_appositive_is_no_speaker(appositive: str):
    assert speakers(f"Nora Varga, {appositive} said {SAID}") == ["Nora Varga"]


# --- a people's adjective -------------------------------------------------------------------


@pytest.mark.parametrize("after", ["later", "in an interview", "on Monday", "again"])
def test_a_surname_that_is_a_peoples_adjective_still_speaks(after: str):
    assert speakers("Ann French spoke at the pier.", f"{STATED} said French {after}.") \
        == ["Ann French"]


@pytest.mark.parametrize("noun", ["media", "diplomats", "state television"])
def test_a_peoples_adjective_before_its_noun_is_still_no_speaker(noun: str):
    assert speakers(f"{STATED} according to French {noun}.") == [None]
