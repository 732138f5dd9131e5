"""The verbs of saying, kept once as lemmas, and the forms derived from them; the
subordinating words, kept once, and the rules that read them."""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.attribution import NO_SUBJECT
from digest.summarize.finders import SUBORDINATE_SUBJECT
from digest.summarize.lexicon import (
    AS_TOO,
    CLAUSE_SUBJECTS,
    INVERTIBLE,
    OWNER_PRONOUNS,
    PARTICIPLES,
    PHRASAL,
    REPORTING,
    SAYING,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TELL,
    VERBS,
    parse,
)
from digest.summarize.sentence_finders import CLAUSE_AFTER, SUBORDINATE_NP, SUBORDINATE_OPENING
from digest.summarize.subjects import SUBORDINATOR


@pytest.mark.parametrize("line, finite, ing", [
    ("say said : now base ing invert", ["said", "says", "say"], "saying"),
    ("write wrote/written : now ing", ["wrote", "written", "writes"], "writing"),
    ("reply replied : now", ["replied", "replies"], "replying"),
    ("quip quipped", ["quipped"], "quipping"),
    ("stress : now", ["stressed", "stresses"], "stressing"),
    ("note", ["noted"], "noting"),
])
def test_forms_are_derived_from_the_lemma(line, finite, ing):
    verb = parse(line)
    assert verb.finite() == finite
    assert verb.ing() == ing


def test_a_particle_makes_a_phrasal_verb():
    verb = parse("point out")
    assert (verb.past, verb.particle) == ("pointed out", "out")


def test_an_unknown_use_is_refused():
    with pytest.raises(ValueError, match="unknown use"):
        parse("say said : loudly")


def test_every_use_reads_from_the_one_list():
    assert {"said", "says", "wrote", "fumed", "gushed", "quipped", "tweeted"} <= SAYING
    assert {"saying", "adding", "telling"} <= PARTICIPLES
    assert {"said", "added", "quipped", "tweeted", "went on"} <= INVERTIBLE
    assert "told" not in INVERTIBLE and "told" in TELL
    assert {"reported", "reports"} == REPORTING
    assert PHRASAL["pointed"] == "out"
    assert len({verb.lemma + verb.past for verb in VERBS}) == len(VERBS)  # no line twice


@pytest.mark.parametrize("verb", ["tweeted", "fumed", "gushed", "quipped", "added"])
def test_each_inverted_verb_names_the_speaker_after_it(verb):
    quotes = find_quotes([f"“The ferry will run again by May,” {verb} Ilse Varga."])
    assert [quote.speaker for quote in quotes] == ["Ilse Varga"]


@pytest.mark.parametrize("verb", ["fumed", "gushed", "told reporters", "wrote"])
def test_each_verb_after_its_subject_names_the_speaker(verb):
    quotes = find_quotes([f"“The ferry will run again by May,” Ilse Varga {verb}."])
    assert [quote.speaker for quote in quotes] == ["Ilse Varga"]


@pytest.mark.parametrize(
    "verb", ["shot back", "fired back", "retaliated", "demanded", "posted", "protested"]
)
def test_more_verbs_of_saying_name_the_speaker(verb):
    quotes = find_quotes([f"Rick Olson spoke. “The ferry runs again by May,” Ilse Varga {verb}."])
    assert [quote.speaker for quote in quotes] == ["Ilse Varga"]


def test_a_phrasal_verb_without_its_particle_is_no_verb_of_saying():
    assert "shot" not in SAYING and PHRASAL["shot"] == "back"


def test_put_is_a_verb_of_saying_only_with_its_object_it():
    assert "put" not in SAYING and "puts" not in SAYING and PHRASAL["put"] == "it"


@pytest.mark.parametrize("word", sorted(SUBORDINATORS))
def test_every_rule_reading_a_clause_of_its_own_reads_every_subordinator(word):
    assert CLAUSE_AFTER.match(f"{word} Park said")
    assert SUBORDINATE_OPENING.match(f"{word.capitalize()} Park spoke, ")
    assert SUBORDINATE_NP.search(f"the plan {word} Park")
    assert SUBORDINATE_SUBJECT.search(f"the plan, {word} Park")
    assert SUBORDINATOR.match(f"{word} Park")
    assert word in NO_SUBJECT


def test_as_opens_a_clause_before_a_verb_but_attributes_after_a_quote():
    assert "as" not in SUBORDINATORS and "as" in AS_TOO
    assert not CLAUSE_AFTER.match("as Park said")  # "“…,” as Park said": Park's
    assert not SUBORDINATE_SUBJECT.search("the plan, as Park")
    assert SUBORDINATE_OPENING.match("As Park spoke, ")


def test_the_pronoun_views_share_their_subject_pronouns():
    """Subject pronouns, clause openers and owners are views of one pronoun list."""
    assert SUBJECT_PRONOUNS <= CLAUSE_SUBJECTS and SUBJECT_PRONOUNS <= OWNER_PRONOUNS
    assert "this" in CLAUSE_SUBJECTS and "his" in OWNER_PRONOUNS and "his" not in CLAUSE_SUBJECTS
