"""Leads of invented pages in shapes that content systems give them: an advertisement's slot
set inside the lead, a lead set as a heading; and whole pages in the markup of systems the
evaluation sites lack (tests/fixtures/leadshapes: WordPress, Drupal, Arc, Substack, Medium,
Ghost, AMP, JSON-LD only, live blogs…), each with its lead and headline. One pattern each;
news that looks like these shapes stays whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.app.summarizing import http_client, summarize_input
from digest.fetch.extract import extract_html

from .leadpages import LEAD, lead_of, page

SHAPES = Path(__file__).parent / "fixtures" / "leadshapes"
GOLD = json.loads((SHAPES / "gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(GOLD))
def test_a_page_in_a_content_systems_shape_gives_its_lead_and_headline(name):
    path = SHAPES / f"{name}.html"
    lead = summarize_input(str(path), http_client())[1].lead
    assert " ".join(lead.split()).startswith(GOLD[name]["lead"]), lead[:100]
    title = extract_html(path.read_bytes(), url=GOLD[name]["url"]).title
    assert title == GOLD[name]["title"]

HEAD, TAIL = LEAD.split(" to close ")  # "The city council voted on Tuesday" / "the old bridge…"
OTHER = "Officials closed the Wren bridge on Tuesday after engineers found cracks in its piers."


@pytest.mark.parametrize(
    "slot",
    [
        "<span class='ad-label'>Advertisement</span>",
        "<div class='ad-slot'><span>Advertisement</span></div>",
        "<div class='inline-ad'><p>ADVERTISEMENT</p></div>",
        "<aside class='ad'>Story continues below advertisement</aside>",
    ],
)
def test_an_ad_slot_inside_the_lead_is_taken_out_and_the_lead_kept_whole(slot, tmp_path):
    lead = lead_of(page(f"<p>{HEAD} {slot} to close {TAIL}</p>"), tmp_path)
    assert lead.startswith(LEAD)


def test_an_ad_slot_between_the_halves_of_a_sentence_set_as_two_paragraphs_joins_them(
        tmp_path):
    body = f"<p>{HEAD}</p><div class='ad'>Advertisement</div><p>to close {TAIL}</p>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


def test_a_paragraph_after_an_ad_slot_is_not_joined_to_a_finished_sentence(tmp_path):
    first = "Officials closed the Wren bridge on Tuesday."
    body = f"<p>{first}</p><div class='ad'>Advertisement</div><p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(f"{first} {LEAD}")



@pytest.mark.parametrize("heading", ["<h2 class='lead'>{}</h2>",
                                     "<h3 class='article-intro'>{}</h3>",
                                     "<h2 id='story-lede'>{}</h2>"])
def test_a_lead_set_as_a_heading_its_class_names_the_lead_stays_the_lead(heading, tmp_path):
    assert lead_of(page(heading.format(LEAD)), tmp_path).startswith(LEAD)


def test_a_heading_with_a_lead_class_and_no_full_stop_stays_a_heading(tmp_path):
    heading = "<h2 class='lead'>Council shuts the bridge and sends cars to the tunnel</h2>"
    assert lead_of(page(heading + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize(("tag", "name"), [("em", "Advertisement"), ("i", "Continue Reading")])
def test_a_name_in_italics_that_reads_like_an_ad_label_stays_in_the_lead(tag, name, tmp_path):
    lead = ("The gallery's new show, {}, opens on Friday with two hundred posters from the "
            "harbour's old printing works.")
    body = f"<p>{lead.format(f'<{tag}>{name}</{tag}>')}</p>"
    assert lead_of(page(body), tmp_path).startswith(lead.format(name))


def test_a_short_sentence_set_as_a_heading_with_an_intro_class_stays_a_heading(tmp_path):
    heading = "<h2 class='section-intro'>Here is what we know so far.</h2>"
    assert lead_of(page(heading + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


def test_buttons_a_container_holds_before_its_paragraphs_are_not_run_into_the_lead(tmp_path):
    body = f"<div class='story'>Share <a href='#'>Facebook</a> Email<p>{LEAD}</p></div>"
    assert lead_of(page(body), tmp_path) == LEAD  # not "EmailThe city…instead.Engineers…"


def test_a_lead_a_container_holds_before_its_paragraphs_stays_the_lead(tmp_path):
    body = f"<div class='story'>{LEAD}<p>{OTHER}</p></div>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("markup", ["<div class='entry'>{}</div>", "<DIV CLASS='entry'>{}</DIV>"])
def test_a_live_blogs_summary_above_posts_named_entry_is_the_lead_in_any_case(markup, tmp_path):
    posts = "".join(markup.format(f"<time>{time}</time><p>{text}</p>") for time, text in [
        ("9:40 a.m.", "The utility now says 40,000 homes are without power, up from 25,000."),
        ("9:10 a.m.", "Schools in Millbrook will stay closed today, the district said."),
    ])
    body = f"<div><div class='live-summary'><p>{LEAD}</p></div>{posts}</div>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)

