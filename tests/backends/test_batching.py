"""How the API backends group messages: one request for copies that differ only in a short
personal stretch (a greeting), separate requests otherwise."""

from __future__ import annotations

import random

import pytest

from digest.backends.batching import MAX_OWN, Body, make_batches, shared_body
from digest.models import Email

from .conftest import EMAIL, outgoing, recipients


def assert_rebuilds(values: list[str]) -> Body:
    shared = shared_body(values)
    assert shared is not None
    body, own = shared
    assert [body.render(stretch) for stretch in own] == values
    return body


def test_equal_values_have_no_own_stretch():
    body = assert_rebuilds(["same text"] * 3)
    assert body == Body("same text") and body.tail is None


def test_a_greeting_is_the_only_own_stretch():
    body = assert_rebuilds(["Hello Ann,\nNews", "Hello Bob,\nNews", "News", "News"])
    assert (body.head, body.tail) == ("", "News")


@pytest.mark.parametrize("values", [
    ["aXa", "a"], ["a", "aXa"], ["ab", "abab"], ["abab", "ab"], ["", "x"], ["x", ""],
    ["aaa", "aa", "a"], ["abcabc", "abc", "abcabcabc"],
])
def test_head_and_tail_never_overlap(values):
    assert_rebuilds(values)


def test_random_bodies_with_one_personal_stretch_rebuild_exactly():
    generator = random.Random(7)
    letters = "ab\n<>"
    for _ in range(300):
        head = "".join(generator.choices(letters, k=generator.randint(0, 30)))
        tail = "".join(generator.choices(letters, k=generator.randint(0, 30)))
        values = [head + "".join(generator.choices(letters, k=generator.randint(0, 6))) + tail
                  for _ in range(generator.randint(1, 6))]
        body = assert_rebuilds(values)
        assert len(body.head) >= len(head) or body.tail is None


def test_values_that_differ_too_much_share_nothing():
    assert shared_body(["x" * (MAX_OWN + 1), "y" * (MAX_OWN + 1)]) is None
    assert shared_body(["start A end", "start B end", "Z" * (MAX_OWN + 5)]) is None


def test_copies_of_one_edition_form_one_batch_with_their_greetings():
    messages = outgoing(5)
    [batch] = make_batches(messages, size=10)
    assert batch.indices == (0, 1, 2, 3, 4)
    for position, item in enumerate(messages):
        assert batch.body("text", position) == item.message.get_body(("plain",)).get_content()
        assert batch.body("html", position) == item.message.get_body(("html",)).get_content()


def test_bodies_that_differ_widely_are_sent_apart_but_in_order():
    people = recipients(4)
    first = Email(subject=EMAIL.subject, text="One edition.", html="<p>One</p>", preheader="")
    second = Email(subject=EMAIL.subject, text="Something else entirely. " * 80,
                   html="<p>" + "Something else entirely. " * 80 + "</p>", preheader="")
    messages = outgoing(people[:1] + people[2:3], first) + outgoing(people[1:2], second)
    messages += outgoing(people[3:], first)
    batches = list(make_batches(messages, size=10))
    assert [b.indices for b in batches] == [(0, 1, 3), (2,)]
    assert batches[1].body("text", 0).startswith("Something else")


def test_without_a_limit_any_bodies_share_a_batch():
    other = Email(subject=EMAIL.subject, text="Something else entirely. " * 80,
                  html="<p>" + "Something else entirely. " * 80 + "</p>", preheader="")
    messages = outgoing(recipients(2)) + outgoing(recipients(4)[2:], other)
    [batch] = make_batches(messages, size=10, max_own=None)
    for position, item in enumerate(messages):
        assert batch.body("text", position) == item.message.get_body(("plain",)).get_content()
