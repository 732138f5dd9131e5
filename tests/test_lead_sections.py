"""A section's name run into a lead that opens with "The" and a name ("Local The Hill family
said…"), and text whose first words only look so. Invented sentences, one pattern each."""

from __future__ import annotations

import pytest

from digest.core.chrome import without_chrome
from digest.core.sections import opens_named

TITLE = "Family farm to become open space"


@pytest.mark.parametrize("lead", [
    "The Hill family said on Friday it would sell the last dairy farm to the county.",
    "The Park campaign said on Monday it would appeal the ruling on its petitions.",
    "The Lee administration asked the state for $40 million to widen the highway.",
    "The Ward family, who ran the farm for 90 years, will keep the house.",
    "The Hill family on Friday sold the last dairy farm to the county.",
])
@pytest.mark.parametrize("section", ["Local ", "Politics ", "News "])
def test_a_section_name_before_the_and_a_name_is_cut_off(section, lead):
    assert without_chrome(section + lead) == lead


@pytest.mark.parametrize("text", [
    "The Hill family said on Friday it would sell the farm.",
    "The Park campaign will appeal.",
    "The city council voted on Tuesday.",
])
def test_the_and_a_name_or_a_word_in_lower_case_opens_a_sentence(text):
    assert opens_named(text)


@pytest.mark.parametrize("text", [
    "The Hill",  # nothing goes on from the name
    "The Grand Canyon's north rim reopened on Friday.",  # a possessive: not read
    "The Way We Spend Our Money Now opened on Friday.",  # longer than a name's few words
    "THE HILL family said.",
    "Save The Children said on Monday it would open a clinic.",
    "A Hill family said on Friday it would sell the farm.",
    "The Musical opened on Tuesday.",  # a verb after the name: maybe the end of a title
    "The Senate will vote on Friday.",
    "The Book made the bestseller list this week.",  # no verb after the word in lower case
    "The Musical in Boston sold out its first week.",
])
def test_other_openings_are_not_read_as_the_and_a_name(text):
    assert not opens_named(text)


@pytest.mark.parametrize("text", [
    "Local officials said on Monday the bridge would close for a year of repairs.",
    "Business owners on Main Street said they feared losing customers this spring.",
    "Tech companies in the region added 4,000 jobs last year, a report found.",
    "Health The Hill, a clinic in Ashby, said on Friday it would close its doors.",
    "Politics The Musical opened on Tuesday in the old theatre, its makers said.",
    "Money The Musical will open in May at the Grand Theater, its producers said.",
    "Music The Beatles Played is a new exhibit at the library that opens in June.",
    "Travel The Grand Canyon's north rim reopened on Friday after a fire.",
    "Save The Children said on Monday it would open a clinic in the camp.",
    # a verb with no "-ed" or an adverb after the name: a title the section's word begins
    "Politics The Musical sold out its first week at the Orpheum, its producers said.",
    "Business The Game won the top prize at the toy fair on Saturday.",
    "Health The App let 12,000 patients book visits in its first month.",
    "Culture The Club quietly closed its doors on Saturday after 30 years.",
    "Style The Shop now sits on Second Street after leaving the mall.",
])
def test_a_section_word_that_is_the_sentence_s_own_stays(text):
    assert without_chrome(text) == text
