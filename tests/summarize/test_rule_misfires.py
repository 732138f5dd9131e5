"""Shapes close to the newer speaker rules where they named a wrong speaker: invented
stories, one pattern each, with the section naming the rule."""

from __future__ import annotations

import pytest

from tests.summarize.helpers import speaker

PIER = "“We will not sell the pier to anyone.”"
SAID_PIER = "“We will not sell the pier to anyone,”"


# --- a credit line's occasion, not a clause of the credited's own -------------------------


@pytest.mark.parametrize("line", [
    "— Ann Ross, the mayor, on Tuesday rejected that claim.",
    "— Ann Ross, a rival, at once called it a lie.",
    "— Tom Ellis, the chair, in reply said he would resign.",
])
def test_a_verb_and_its_object_after_the_occasion_is_no_credit(line: str) -> None:
    assert speaker(f"{PIER} {line}") is None


@pytest.mark.parametrize("tail", [
    ", the chair, before the council voted it down",
    ", the mayor, while residents jeered him",
    ", the mayor, in a statement that was later withdrawn",
    ", harbor master, on the day the pier closed",
])
def test_a_clause_with_its_own_subject_in_the_occasion_keeps_the_credit(tail: str) -> None:
    assert speaker(f"{PIER} — Ann Ross{tail}") == "Ann Ross"


# --- a nickname in quote marks inside a name ------------------------------------------------


def test_a_whole_name_after_a_quoted_word_is_no_surname() -> None:
    story = f"Tom Lee spoke. Tom “Hello” Ann Ross replied. {SAID_PIER} Ross said."
    assert speaker(story) == "Ann Ross"


def test_a_surname_after_a_nickname_still_completes_the_name() -> None:
    assert speaker(f"Robert “Bob” Van Dyke spoke. {SAID_PIER} Van Dyke said.") == "Robert Van Dyke"


# --- one named as speaking in a clause after their name ------------------------------------


@pytest.mark.parametrize("clause", [
    "Ann Ross met Mary Lee, Jo Kim's deputy, who said nothing at all.",
    "Ann Ross scolded Mary Lee, Ross's aide, who told her to calm down.",
    "Ann Ross met Mary Lee, Jo Kim's deputy, who said little.",
])
def test_a_clause_that_reports_no_words_leaves_the_subject_to_speak(clause: str) -> None:
    assert speaker(f"{clause} {SAID_PIER} she said.") == "Ann Ross"


def test_a_clause_that_reports_words_puts_its_speaker_last() -> None:
    clause = "Ann Ross met Mary Lee, Jo Kim's deputy, who said the talks went well."
    story = f"{clause} {SAID_PIER} she said."
    assert speaker(story) == "Mary Lee"


# --- an employer before a role and a name ------------------------------------------------


@pytest.mark.parametrize("subject", [
    "Kelby Rovers owner Tom Ellis's son",
    "Dunmore boss Tom Ellis's wife",
    "Kelby striker Jordan Ajayi's mother",
])
def test_the_one_an_employee_owns_is_no_employee(subject: str) -> None:
    assert speaker(f"{subject} said: {PIER}") is None


# --- a quote standing alone, said by the subject of the sentence next to it ----------------


@pytest.mark.parametrize("story", [
    "Ann Ross heard the crowd chanting. “Save our pier, save our town.”",
    "“Lock her up, lock her up now.” Ann Ross smiled as the crowd chanted.",
    "“We find the defendant guilty as charged.” Tom Ellis stared at the jury.",
    "Tom Ellis listened to the radio. “Storm warning for the whole coast tonight.”",
    "Tom Ellis opened the paper. “Mayor quits in disgrace after the vote.”",
    "Ann Ross turned on the television. “Breaking news from Kelby harbor tonight.”",
    "Ann Ross saw the graffiti on her door. “Go home, we do not want you.”",
    "Tom Ellis pointed at a poster. “Wanted for fraud in three counties.”",
    "Tom Ellis signed the petition. “We the undersigned demand a new pier.”",
    "Ann Ross smiled at her granddaughter. “Grandma, tell us the story again.”",
    "Ann Ross checked her inbox. “Your account has been suspended today.”",
    "Tom Ellis cites an old proverb. “A calm sea never made a good sailor.”",
    "Tom Ellis prayed quietly. “Our Father, who art in heaven, hallowed be thy name.”",
    "A stranger stopped Ann Ross. “Excuse me, where is the ferry office?”",
])
def test_words_the_subject_takes_in_are_not_theirs(story: str) -> None:
    assert speaker(story) is None


@pytest.mark.parametrize("story", [
    "Ann Ross was told the news on Monday. “Your contract will not be renewed.”",
    "Tom Ellis, 41, was found guilty. “You have shown no remorse at all.”",
    "Tom Ellis was woken by a noise. “Fire, fire, everyone get out now!”",
    "Tom Ellis was shown a video of the attack. “Kill him, kill him now.”",
])
def test_a_subject_acted_on_with_any_participle_is_not_the_speaker(story: str) -> None:
    assert speaker(story) is None


@pytest.mark.parametrize("story", [
    "Lena Voss opened the envelope. “Congratulations, you have been accepted.”",
    "Omar Haddad ordered a coffee. “That will be four pounds fifty, sir.”",
    "Lena Voss tucked in her twins. “Mummy, read us one more story please.”",
    "Omar Haddad flicked through the brochure. “Luxury living by the sea, from 2027.”",
    "Tom Ellis dialled the number. “The number you have called is not available.”",
])
def test_a_subject_acting_on_a_thing_or_another_is_not_the_speaker(story: str) -> None:
    assert speaker(story) is None


@pytest.mark.parametrize(("story", "who"), [
    ("Lena Voss wipes her eyes. “He was only nineteen years old.”", "Lena Voss"),
    ("Omar Haddad took a deep breath. “Ladies and gentlemen, thank you for coming.”",
     "Omar Haddad"),
    ("Bo Park, 67, has fished here for fifty years. “The sea has been good to me.”", "Bo Park"),
    ("“The fog was thick.” Bo Park remembers the winter of 1979, when a boat sank.", "Bo Park"),
])
def test_a_subject_acting_on_their_own_body_or_a_time_still_speaks(story: str, who: str) -> None:
    assert speaker(story) == who


@pytest.mark.parametrize("story", [
    "Tom Ellis faced the cameras. “Will you resign, Mr. Ellis, this week?”",
    "“Ross out, Ross out, Ross out now.” Ann Ross walked on.",
])
def test_a_quote_naming_the_subject_is_said_to_or_of_them(story: str) -> None:
    assert speaker(story) is None


@pytest.mark.parametrize(("story", "who"), [
    ("Ann Ross leans back. “We never expected this to happen here.”", "Ann Ross"),
    ("Ann Ross remembers the day. Tom Ellis knelt down. “Will you marry me, Ann?”", "Tom Ellis"),
])
def test_the_subject_next_to_a_quote_still_speaks(story: str, who: str) -> None:
    assert speaker(story) == who
