"""Speakers in news styles beyond US political copy: each rule with one-pattern invented
sentences, and the shapes close to it where it must not fire.

- a person's name after a phrase the run reading takes for a name: a role with an acronym
  ("The Green MP for Westvale, Ann Ross, said") or a participle opening the sentence
  ("Sentencing Tom Ellis, 41, Judge Ann Ross said");
- someone tied to a body is not the body: "a source close to the team", "a member of the
  Kelby team";
- a credit line with the role, then when or of what: "— Ann Ross, harbor master, on the ship";
- an employer before a role and a name opening a sentence: "Kelby striker Tom Ellis: “…”".
"""

from __future__ import annotations

import pytest

from tests.summarize.helpers import speaker

PIER = "“We will not sell the pier to anyone.”"
SAID_PIER = "“We will not sell the pier to anyone,”"


# --- a person's name after a phrase read as a name ---------------------------------------


@pytest.mark.parametrize("story", [
    f"The Green MP for Westvale, Ann Ross, said: {PIER}",
    "The Green MP for Westvale, Ann Ross, called it “a betrayal of every promise made”.",
    f"Sentencing Tom Ellis, 41, at Kelby Crown Court, Judge Ann Ross said: {PIER}",
    f"Sentencing Tom Ellis, 41, Judge Ann Ross said: {PIER}",
])
def test_a_name_after_a_phrase_read_as_one_is_the_speaker(story: str) -> None:
    assert speaker(story) == "Ann Ross"


@pytest.mark.parametrize(("story", "who"), [
    (f"Ann Ross, a professor at Kelby University, said: {PIER}", "Ann Ross"),
    (f"Ann Ross, 41, said: {PIER}", "Ann Ross"),
    (f"Tom Ellis, Jr., said: {PIER}", "Tom Ellis"),
    (f"Jo Lee, R-Ohio, said: {PIER}", "Jo Lee"),
    (f"Tom Ellis, the chairman, said: {PIER}", "Tom Ellis"),
    (f"Tom Ellis, Ann Ross's lawyer, said: {PIER}", "Tom Ellis"),
    (f"Ann Ross, Kelby Rovers Manager, said: {PIER}", "Ann Ross"),
    (f"Ann Ross, MP, said: {PIER}", "Ann Ross"),
    (f"Ann Ross, of Kelby, said: {PIER}", "Ann Ross"),
    (f"Kelby Harbor Board chairman, Tom Ellis, said: {PIER}", "Tom Ellis"),
    (f"Frustrated, Ann Ross said: {PIER}", "Ann Ross"),
    (f"Speaking at the Kelby Harbor Board, Tom Ellis said: {PIER}", "Tom Ellis"),
    (f"After meeting Ann Ross, Tom Ellis said: {PIER}", "Tom Ellis"),
    (f"Sterling Brown, 41, said: {PIER}", "Sterling Brown"),
    (f"Manning Ellis, the mayor, said: {PIER}", "Manning Ellis"),
    (f"Sen. Tom Ellis, D-Ohio, said: {PIER}", "Tom Ellis"),
    (f"Mary Ellis, Tom's widow, said: {PIER}", "Mary Ellis"),
    (f"Ann Ross, Judge Tom Ellis's clerk, said: {PIER}", "Ann Ross"),
    (f"Kelby's mayor, Ann Ross, said: {PIER}", "Ann Ross"),
    (f"Ann Ross, 41, and her husband, Tom Ellis, said: {PIER}", "Ann Ross"),
])
def test_a_name_opening_the_subject_still_speaks(story: str, who: str) -> None:
    assert speaker(story) == who


# --- someone tied to a body is not the body ----------------------------------------------


@pytest.mark.parametrize("description", [
    "a source close to the Kelby team",
    "a person close to the Kelby campaign",
    "a member of the Kelby team",
    "an official at the Kelby Harbor Authority",
])
def test_someone_tied_to_a_body_is_not_the_body(description: str) -> None:
    assert speaker(f"{SAID_PIER} said {description}.") is None


def test_the_head_of_a_body_is_the_one_the_story_gave_that_role() -> None:
    story = ("Ann Ross, head of the Kelby Harbor Authority, spoke at noon.",
             f"{SAID_PIER} said the head of the Kelby Harbor Authority.")
    assert speaker(*story) == "Ann Ross"


@pytest.mark.parametrize(("story", "who"), [
    (f"{SAID_PIER} the Kelby team said.", "the Kelby team"),
    (f"{SAID_PIER} said the Kelby Harbor Authority.", "the Kelby Harbor Authority"),
    (f"{SAID_PIER} the Ministry of Harbors said.", "the Ministry of Harbors"),
    (f"{SAID_PIER} said the Bank of Kelby.", "the Bank of Kelby"),
    (f"{SAID_PIER} the Kelby branch of the Harbor Union said.",
     "the Kelby branch of the Harbor Union"),
    (f"{SAID_PIER} said a spokesman for the Kelby Harbor Authority.", "the Kelby Harbor Authority"),
    (f"{SAID_PIER} the Kelby football club said in a statement.", "the Kelby football club"),
    (f"{SAID_PIER} said the Kelby council in a letter.", "the Kelby council"),
    (f"{SAID_PIER} the Kelby union said.", "the Kelby union"),
    (f"{SAID_PIER} said the Institute for Harbor Studies.", "the Institute for Harbor Studies"),
])
def test_a_body_still_speaks(story: str, who: str) -> None:
    assert speaker(story) == who


# --- a credit line with the role, then when or of what -----------------------------------


@pytest.mark.parametrize("tail", [
    ", harbor master, on the new cruise ship",
    ", harbor master, after the vote in Kelby",
    ", chair, about the vote",
    ", chair, during the debate",
])
def test_a_credit_line_may_say_when_or_of_what(tail: str) -> None:
    assert speaker(f"{PIER} — Ann Ross{tail}") == "Ann Ross"


@pytest.mark.parametrize("line", [
    "– Ross, by contrast, praised it.",
    "– Ross, however, said it was fine.",
    "— Ann Ross, on the pier, was firm",
    "— Ann Ross, chair, but Tom Ellis disagreed",
    "— Ann Ross, chair, so the vote failed",
    "— Anonymous, on a wall",
])
def test_a_clause_after_a_dash_is_no_credit(line: str) -> None:
    assert speaker(f"{PIER} {line}") is None


# --- an employer before a role and a name ------------------------------------------------


@pytest.mark.parametrize("story", [
    ("Kelby Rovers won.", f"Kelby striker Tom Ellis, who scored twice: {PIER}"),
    ("Kelby Rovers won.", f"Kelby striker Tom Ellis: {PIER}"),
])
def test_an_employer_before_a_role_is_not_the_speaker(story: tuple[str, ...]) -> None:
    assert speaker(*story) == "Tom Ellis"


@pytest.mark.parametrize(("story", "who"), [
    (f"Ann Ross praised Tom Ellis: {PIER}", "Ann Ross"),
    (f"Ann Ross met Tom Ellis in May: {PIER}", "Ann Ross"),
    (f"Ann Ross told Tom Ellis: {PIER}", "Ann Ross"),
    ("Ann Ross hugged Tom Ellis, saying “we will not sell the pier to anyone.”", "Ann Ross"),
    ("Ann Ross joined Tom Ellis on stage, calling it “a win for every family in town.”",
     "Ann Ross"),
    ("Ann Ross defeated incumbent Tom Ellis, calling it “a win for every family in town.”",
     "Ann Ross"),
    (f"Ann Ross thanks Tom Ellis: {PIER}", "Ann Ross"),
    ("Ann Ross sued Kelby Foods: “They will not sell the pier to anyone.”", "Ann Ross"),
    ("Ann Ross blamed Tom Ellis, calling him “a friend to no family in town.”", "Ann Ross"),
    (f"Ann Ross warned Kelby voters: {PIER}", "Ann Ross"),
    (f"Kelby mayor Ann Ross: {PIER}", "Ann Ross"),
    (f"Kelby resident Ann Ross was blunt: {PIER}", "Ann Ross"),
])
def test_a_subject_before_another_name_still_speaks(story: str, who: str) -> None:
    assert speaker(story) == who


@pytest.mark.parametrize("story", [
    "Ross later Thursday told Kelby News: “We will not sell the pier to anyone.”",
    "Ross went after Ellis on Wednesday, calling it “a bombshell of unusual size.”",
])
def test_an_adverb_or_a_verb_is_no_role(story: str) -> None:
    assert speaker(story) != "Ellis" and speaker(story) != "Kelby News"
