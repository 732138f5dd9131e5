"""How the API backends group messages: one request for copies that differ only in a few
short personal stretches (a greeting, an unsubscribe link) and in their own header values,
separate requests otherwise."""

from __future__ import annotations

import random

import pytest

from digest.delivery.backends.batching import MAX_OWN, Body, make_batches, shared_body
from digest.models import Email

from .conftest import EMAIL, outgoing, recipients


def assert_rebuilds(values: list[str]) -> Body:
    shared = shared_body(values)
    assert shared is not None
    body, own = shared
    assert [body.render(stretches) for stretches in own] == values
    assert all(len(stretches) == body.gaps for stretches in own)
    return body


def test_equal_values_have_no_own_stretch():
    body = assert_rebuilds(["same text"] * 3)
    assert body == Body(("same text",)) and body.gaps == 0


def test_a_greeting_is_the_only_own_stretch():
    body = assert_rebuilds(["Hello Ann,\nNews", "Hello Bob,\nNews", "News", "News"])
    assert body.pieces == ("", "News")


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
        assert len(body.pieces[0]) >= len(head) or body.gaps == 0


def test_a_greeting_and_a_link_far_apart_are_two_short_stretches():
    news = "".join(f"Story {n} of today's news. " for n in range(400))
    values = [f"Hello {name},\n{news}Unsubscribe: https://e.com/u?e={name}%40e.org&t={token}\n"
              for name, token in (("Ann", "f00d"), ("Bartholomew", "beef"), ("Cy", "0ff1ce"))]
    values.append(f"No greeting\n{news}Unsubscribe: https://e.com/u\n")
    body = assert_rebuilds(values)
    assert body.gaps == 2 and news in body.pieces[1]


def test_random_bodies_with_several_personal_stretches_rebuild_exactly():
    generator = random.Random(11)
    letters = "ab \n<>"
    for _ in range(200):
        shared = ["".join(generator.choices(letters, k=generator.randint(0, 5000)))
                  for _ in range(4)]
        values = []
        for _ in range(generator.randint(1, 6)):
            own = ["".join(generator.choices(letters, k=generator.randint(0, 60)))
                   for _ in range(3)]
            values.append("".join(shared[k] + own[k] for k in range(3)) + shared[3])
        assert_rebuilds(values)


def test_values_that_differ_too_much_share_nothing():
    assert shared_body(["x" * (MAX_OWN + 1), "y" * (MAX_OWN + 1)]) is None
    assert shared_body(["start A end", "start B end", "Z" * (MAX_OWN + 5)]) is None
    # Each stretch is short, but together they are more than a recipient may have of their own.
    stretch = "y" * (MAX_OWN // 2 + 1)
    news = "shared " * 400
    assert shared_body(["A" + news + "B", stretch + news + stretch]) is None


def test_copies_of_one_edition_form_one_batch_with_their_greetings_and_unsubscribe_links():
    messages = outgoing(5)
    [batch] = make_batches(messages, size=10)
    assert batch.indices == (0, 1, 2, 3, 4)
    assert batch.content.own_headers == ("List-Unsubscribe",)
    assert batch.content.text.gaps == batch.content.html.gaps == 2
    for position, item in enumerate(messages):
        assert batch.body("text", position) == item.message.get_body(("plain",)).get_content()
        assert batch.body("html", position) == item.message.get_body(("html",)).get_content()
        assert dict(batch.headers(position)) == {
            name: str(item.message[name])
            for name in ("List-Id", "List-Unsubscribe", "List-Unsubscribe-Post")}


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
