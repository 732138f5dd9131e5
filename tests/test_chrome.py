"""Chrome before a story's first sentence, one kind at a time, each with invented text: notes
about the story, widgets, breadcrumbs and sections, labels, bylines and time stamps; and
news that looks like them but is news."""

from __future__ import annotations

import pytest

from digest.core.chrome import caption_text, glued_opener, is_label, without_chrome
from digest.core.notes import is_note
from digest.core.prose import is_chrome
from digest.summarize import find_lead

LEAD = "The city council voted on Tuesday to close the old bridge over the river for repairs."
TITLE = "Council shuts the old bridge for a year of repairs"
NEXT = "Engineers found cracks in two of its piers, and the work will take a year, they said."


def lead_after(note: str) -> tuple[str, str]:
    """The lead found with `note` in a paragraph of its own, and glued in front."""
    return find_lead([note, LEAD], title=TITLE), find_lead([f"{note} {LEAD}"], title=TITLE)


@pytest.mark.parametrize(
    "note",
    [
        # where the text first ran, who made it, what changed in it
        "The story below was first published by the Valley Times.",
        "This content was produced by the Valley Desk and is republished here with permission.",
        "This is an edited excerpt from the book River Towns by Ann Hill.",
        "Excerpted from River Towns by Ann Hill, out now from Harbor Press.",
        "Adapted from a talk given at the River Forum in May.",
        "This story was updated on Wednesday with a reply from the mayor.",
        "This piece has been corrected: the vote was on Tuesday.",
        "This review has been edited for length and clarity.",
        "Answers were lightly edited for brevity.",
        "This conversation has been condensed.",
        "This is a breaking story and will be updated.",
        "This story will be updated as more is known.",
        "This breaking report is developing and will be updated.",
        "This is a developing story and it will be updated as more is known.",
        "This is a developing news story.",
        "This article is still developing; check back for more.",
        "Content from our partner, the Valley Desk.",
        "From the Valley Desk, in partnership with Riverside Weekly.",
        "In partnership with the Valley Desk.",
        "This article is brought to you by the Valley Desk.",
        # who paid for it
        "This report was made possible by a grant from the River Fund.",
        "Support for this story came from the River Fund.",
        "This coverage is supported by a grant from the River Fund.",
        "Presented by Acme Bank.",
        "Paid content by Acme Bank.",
    ],
)
def test_a_note_on_where_the_story_comes_from_or_who_paid_is_not_the_lead(note):
    assert lead_after(note) == (LEAD, LEAD)


@pytest.mark.parametrize(
    "note",
    [
        "Our editors independently select these products. If you buy through our links, we "
        "may earn a commission.",
        "Some links in this article are affiliate links.",
        "As an Amazon Associate, we earn from qualifying purchases.",
        "Products featured are chosen by our editors; we may receive a share of sales.",
        "Riverside Weekly may receive a commission for purchases made through these links.",
        "Everything we recommend is independently chosen. We may get paid if you buy something.",
        "We are funded by our readers. When you shop through the links on this page, the site "
        "may earn a referral commission.",
        "The views expressed in this article are the author's own.",
        "Opinions expressed by contributors are their own.",
        "Disclaimer: This article is for information only and is not financial advice.",
    ],
)
def test_a_disclosure_or_disclaimer_is_not_the_lead(note):
    assert lead_after(note) == (LEAD, LEAD)


@pytest.mark.parametrize(
    "intro",
    [
        "This is the web version of The Morning Brief, sign up here to get it every day.",
        "You are reading the online version of our Friday newsletter. Subscribe here.",
        "Good morning, and welcome to The Morning Brief.",
        "Hello and welcome to Tech Weekly, the newsletter about the gadgets in your life.",
        "Hi, this is Ann with The Evening Edition.",
        "In today's edition: the bridge, the budget and the weather.",
        "In this issue: the bridge closes, a new school opens.",
        "View this email in your browser.",
        "The Morning Brief is our daily look at the news of the valley.",
        "Today's newsletter was written by Ann Hill and edited by Bo Lee.",
        "Welcome to the latest installment of River Diaries, in which our reporters ride the "
        "ferries.",
        "This is the third story in a five-part series about the river.",
        "First in a series on the valley's water.",
        "Previously in this series: the dam that never was.",
        "Read part one of this series here.",
    ],
)
def test_a_newsletter_or_series_intro_is_not_the_lead(intro):
    assert lead_after(intro) == (LEAD, LEAD)


@pytest.mark.parametrize(
    "crumbs",
    [
        "Home / News / Local / ",
        "Home - News - ",
        "You are here: Home » News » ",
        "Home → News → ",
        "Home ▸ News ▸ ",
        "News • Local • ",
        "Home :: News :: ",
        "NEWS / LOCAL / ",
        "Politics / ",
        "Home Politics ",
        "POLITICS ",
        "Local News: ",
    ],
)
def test_a_breadcrumb_or_section_name_glued_to_the_lead_is_cut_off(crumbs):
    assert find_lead([crumbs + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "label",
    [
        "BREAKING: ", "LIVE: ", "Live updates: ", "FIRST ON KRIV: ", "ICYMI: ", "Op-Ed: ",
        "OPINION | ", "EXCLUSIVE — ", "Guest column: ", "Obituary: ", "News analysis: ",
        "Sponsored: ", "Explained: ", "UPDATED: ", "Letter: ", "Profile: ", "Recap: ",
        # a kicker in capitals: a column's or topic's name ending with a column's noun
        "FAIR NEWS: ", "MARKET WRAP: ", "WEATHER WATCH: ", "BRIDGE UPDATE | ", "TRAFFIC ALERT: ",
    ],
)
def test_a_label_naming_the_kind_of_piece_is_cut_off(label):
    assert find_lead([label + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize("label", ["WATCH: ", "VIDEO: ", "PHOTOS: ", "Podcast: ", "Listen — "])
def test_a_clip_label_marks_a_caption_which_is_the_lead_only_when_alone(label):
    assert find_lead([label + NEXT, LEAD], title=TITLE) == LEAD
    assert find_lead([label + LEAD], title=TITLE) == LEAD


# A story that goes on from its clip's caption: who, what and how, not the headline's news.
GOES_ON = ("The crews had worked through the night with cranes and divers, and the last of "
           "the steel was lifted out by noon, the engineers said.")


@pytest.mark.parametrize("label", ["Video: ", "WATCH: ", "VIDEO — "])
def test_a_clip_caption_telling_the_headlines_news_above_a_story_going_on_is_the_lead(label):
    assert find_lead([label + LEAD, GOES_ON], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "caption",
    [
        "WATCH: The mayor answers questions from drivers at a town hall meeting.",
        "Video: Council shuts the old bridge for a year of repairs",  # a clip's headline
        "Video: " + LEAD,  # the lead after it tells the news as well
    ],
)
def test_a_clip_caption_the_lead_after_it_tells_as_much_of_is_not_the_lead(caption):
    assert find_lead([caption, LEAD, GOES_ON], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "widgets",
    [
        "ADVERTISEMENT ",
        "Story continues below advertisement ",
        "Listen to article 4 min ",
        "Listen 4 min ",
        "Listen · 3:12 ",
        "Bookmark Share ",
        "Font size A A ",
        "Share 12 Tweet ",
        "Your browser does not support the audio element. ",
        "Comments 12 ",
        "Play Listen to this story ",
        "Audio: ",
        "0:00 / 4:12 ",
        "Add to list ",
        "Continue reading below ",
        "Skip to content ",
        "1 of 4 ",
        "Toggle caption ",
    ],
)
def test_buttons_players_and_counters_glued_to_the_lead_are_cut_off(widgets):
    assert find_lead([widgets + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "chrome",
    [
        "By Ann Hill ",
        "By Ann Hill and Bo Lee | ",
        "By Ann Hill, Staff Writer ",
        "Ann Hill, Staff Writer ",
        "Ann Hill and Bo Lee | Senior Reporters ",
        "Updated 5:45 PM EST, May 5, 2020 ",
        "Posted on Tuesday, Nov. 19, 2019 at 5:45 a.m. ",
        "Published 3 hours ago ",
        "May 5, 2020 | ",
        "By Ann Hill Updated 5:45 PM EST, May 5, 2020 ",
        "9:40 a.m. ",
        "11:05 PM ET ",
    ],
)
def test_a_byline_or_time_stamp_glued_to_the_lead_is_cut_off(chrome):
    assert find_lead([chrome + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "caption",
    [
        "Crews inspect the cracked piers on Monday. Photo: Ann Hill ",
        "Crews inspect the cracked piers on Monday. (Photo: AP) ",
        "Crews inspect the piers. Picture by Bo Lee/AFP ",
        "Crews inspect the piers. Photos: Ann Hill, Bo Lee ",
    ],
)
def test_a_photo_caption_with_its_credit_glued_to_the_lead_is_cut_off(caption):
    assert find_lead([caption + LEAD], title=TITLE) == LEAD


def test_a_photo_caption_as_the_only_text_is_the_lead_without_its_credit():
    caption = "Crews inspect the cracked piers of the old bridge on Monday."
    for credit in (" Photo: AP", " (Photo: Ann Hill/Riverside Weekly)", " Image: Bo Lee"):
        assert find_lead([caption + credit], title=TITLE) == caption


def test_a_sentence_about_a_photo_is_no_caption():
    text = f"The photo, by Ann Hill, shows the cracked piers. {LEAD}"
    assert without_chrome(text) == text


def test_a_story_header_run_into_the_first_paragraph_is_cut_off():
    header = ("Home Bridges Riverton to shut its oldest crossing 'The span is unsafe, engineers "
              "say' By Ann Hill - May 4, 2022 Share Facebook Twitter Telegram ")
    assert find_lead([header + LEAD], title=TITLE) == LEAD
    # without a date after the name, "By" may be a word of the story
    undated = f"Home Bridges Stand By Me plays at the opening of the bridge as {LEAD.lower()}"
    assert without_chrome(undated) == undated


def test_chrome_pasted_between_the_sentences_of_the_lead_is_taken_out():
    for widget in ("Advertisement", "ADVERTISEMENT", "Story continues below advertisement"):
        assert without_chrome(f"{LEAD} {widget} {NEXT}") == f"{LEAD} {NEXT}"
    assert without_chrome(f"{LEAD} Advertisement") == LEAD


@pytest.mark.parametrize(
    "news",
    [
        "This report, published on Tuesday by the state auditor, found that the city "
        "overspent on the bridge.",
        "This year's budget was updated on Tuesday to include money for the bridge, the mayor "
        "said.",
        "We earn less than our parents did, a survey of 2,000 workers in the valley found this "
        "week.",
        "Sponsored by the state, the new ferry service will start in May, the council said on "
        "Tuesday.",
        "The report has been edited for length, the agency said on Tuesday, after critics asked "
        "why it was cut.",
        "This transcript of the call, released on Tuesday by the county, shows the dispatcher "
        "asked for help twice.",
        "POLITICO reported on Tuesday that the mayor would quit over the bridge plan, citing two "
        "aides.",
        "NEW DELHI: The city council voted on Tuesday to close the old bridge over the river for "
        "repairs.",
        "SAN JUAN: The city council voted on Tuesday to close the old bridge over the river for "
        "repairs.",
        "Fair News: the paper's column on the county fair returns on Friday after a year's "
        "break.",
        "CITY HALL: The city council voted on Tuesday to close the old bridge over the river "
        "for repairs.",
        "NBC NEWS — The city council voted on Tuesday to close the old bridge over the river "
        "for repairs.",
        "Get unlimited access for 30 days to the city's pools, the council told residents at a "
        "meeting on Tuesday.",
        "Students will get unlimited access to the pools from May, the council said on Tuesday "
        "night.",
        "By Tuesday evening, the city council had voted to close the old bridge over the river "
        "for repairs.",
        "May 5 was the day the council voted to close the old bridge over the river for repairs.",
        "2,000 people marched to city hall on Tuesday to protest the closing of the old bridge.",
        "This edition of the river festival was originally planned for May, before the flood, "
        "the organisers said.",
        "This series was produced by a studio in Riverton and will be shown in the spring.",
        "This feature was updated in the latest version of the app, the maker said on Tuesday.",
        "From next year, in partnership with the state, the city will run a ferry by the old "
        "bridge for a year.",
        "In partnership with the state, the city will run a ferry while the old bridge is "
        "closed.",
        "Good Morning America was taken off the air on Tuesday after forty years on the "
        "network.",
        "Hello Kitty maker Sanrio said on Tuesday it would open a shop by the old bridge in the "
        "spring.",
        "Home Depot said on Tuesday it would sell the steel for the repairs of the old bridge.",
        "US officials said on Tuesday they would pay for the repairs of the old bridge in "
        "Riverton.",
        "In this issue, the council and the mayor disagree on how long the bridge should stay "
        "closed.",
        "First in line at the ferry on Tuesday was Ann Hill, who has crossed the old bridge "
        "daily for 40 years.",
        "Photos of the cracked piers went viral on Tuesday, hours before the council closed the "
        "bridge for a year.",
        "It first appeared on the market in 2019, and the new ferry has since carried a million "
        "riders.",
        "Ann Hill, Staff Writer at the Riverside Weekly for forty years, retired on Tuesday after "
        "a last story on the bridge.",
        "Jim Hill / Riverside Weekly: The city council voted on Tuesday to close the old bridge.",
        "Sponsored content rules for bloggers will be tightened next year, the regulator said "
        "on Tuesday.",
        "Updated 2026 census figures show the city grew by 4 percent, the statistics office "
        "said on Tuesday.",
        "Published on Monday, the report found that the old bridge carried twice the traffic it "
        "was built for.",
        "Getty Images' archive of river photographs will be opened to schools for free, the "
        "agency said.",
        "Reuters/Ipsos polling released on Tuesday shows that most residents back closing the old "
        "bridge for a year.",
        "Ann Hill/Reuters reporters were held for six hours at the border on Monday before they "
        "could leave.",
        "Advertisement spending on the city's buses fell by a third last year, the transit "
        "board said.",
        "This ferry timetable will be updated in June, when the summer boats start, the "
        "harbour board said.",
        "This content filter will be updated next month to block gambling ads, the "
        "regulator said.",
        "This is a developing story of two river towns, told by the people who stayed.",
        "This is a developing situation, the fire chief told reporters at the old bridge on "
        "Tuesday night.",
        "This report is breaking new ground on how towns pay for bridges, the auditor said.",
        "This news is breaking the hearts of the ferry's crew, the union said on Tuesday.",
        "This content policy is developing slowly, the board of the city library said on "
        "Tuesday.",
        "These e-mail rules will be updated so that staff cannot delete messages, the "
        "council said.",
    ],
)
def test_news_that_looks_like_chrome_stays_the_lead(news):
    assert find_lead([news, NEXT], title=TITLE) == news


@pytest.mark.parametrize("news", ["9:40 p.m. was when the first call about the fire reached the "
                                  "station, the chief said.",
                                  "10:30 is the hour the council meets to vote on the bridge, "
                                  "the clerk said."])
def test_a_time_that_opens_a_sentence_stays_in_the_lead(news):
    assert find_lead([news, NEXT], title=TITLE) == news


def test_a_note_alone_is_chrome_and_so_is_a_run_of_them():
    assert is_note("Support for this story came from the River Fund.")
    assert not is_note(LEAD)
    assert is_chrome("We are reader-supported. Some links in this article are affiliate "
                     "links.", None)
    assert not is_chrome(f"Some links in this article are affiliate links. {LEAD}", None)


@pytest.mark.parametrize(("text", "label"), [("Update", True), ("EXCLUSIVE", True),
                                             ("Politics", True), ("Bridge to close", False)])
def test_is_label(text, label):
    assert is_label(text) is label


@pytest.mark.parametrize(
    ("caption", "text"),
    [
        ("Crews close the old bridge Up next", "Crews close the old bridge"),
        ("Crews close the old bridge Share this video", "Crews close the old bridge"),
        ("Crews close the old bridge (Video: Ann Hill/Reuters)", "Crews close the old bridge"),
        ("Crews close the old bridge in 2024", "Crews close the old bridge in 2024"),
        ("The mayor posted the plan on Facebook", "The mayor posted the plan on Facebook"),
    ],
)
def test_a_caption_told_alone_loses_the_players_buttons_and_credit_after_it(caption, text):
    assert caption_text(caption) == text


@pytest.mark.parametrize(
    "chrome",
    [
        "Sponsored content",
        "Sponsored content from Acme Bank",
        "Updated: 2 hours ago",
        "Published on Monday at 5 p.m.",
        "Last updated on Dec. 7, 2026, at 5 p.m.",
        "Updated at 5 p.m. with new figures from the council",
        "Jane Doe/Reuters",
        "REUTERS/Jane Doe",
        "Crews inspect the piers on Monday. Jane Doe/Getty Images",
        "The Morning Brief newsletter",
        "Morning Brief newsletter: the day's news before breakfast",
        "Our newsletter brings the news each morning.",
    ],
)
def test_labels_stamps_and_credits_in_their_own_form_are_chrome(chrome):
    assert is_chrome(chrome, None)


def test_a_short_sentence_about_newsletters_glued_to_the_lead_is_news():
    news = f"Newsletters are booming. {LEAD}"
    assert find_lead([news, NEXT], title=TITLE) == news


@pytest.mark.parametrize(
    ("text", "start", "end", "found"),
    [
        ("Crews inspect the piers The city voted", 0, 99, (23, 24)),
        ("Crews inspect the piers  \tThe city voted", 0, 99, (23, 26)),  # spaces end at the opener
        ("Crews (AP) The city voted", 0, 99, (10, 11)),  # after a bracket
        ("Crews inspect. The city voted", 0, 99, None),  # a sentence's mark: no glued chrome
        ("Crews The The city voted", 0, 99, (9, 10)),  # "The The" is no opener, "The city" is
        ("Crews inspect The Last of Us", 0, 99, None),  # a name, in capitals
        ("Crews inspect The city voted", 0, 18, None),  # the word after the opener is past `end`
        ("Crews inspect The city voted", 0, 19, (13, 14)),
        ("Crews inspect The city voted", 14, 99, None),  # the space is before `start`
        ("Crews inspect The city voted", 13, 99, (13, 14)),
        ("The city voted", 0, 99, None),  # nothing before it
    ],
)
def test_a_glued_opener_is_found_after_spaces_that_follow_a_word(
        text: str, start: int, end: int, found: tuple[int, int] | None) -> None:
    assert glued_opener(text, start, end) == found


@pytest.mark.parametrize(("text", "note"), [
    ("This review has been edited for length and clarity.", True),
    ("Questions and answers have been condensed and edited for clarity.", True),
    ("Answers were lightly edited for brevity.", True),
    ("The following transcript has been lightly edited for readability.", True),
    ("The following conversation was condensed.", True),
    ("He said the report was edited for length.", False),
    ("The report was edited for length, the agency said.", False),
])
def test_a_sentence_saying_the_text_was_edited_for_the_reader_is_a_note(text, note):
    assert is_note(text) is note


@pytest.mark.parametrize(
    "news",
    [
        "This article was written by a state senator now under investigation, the ethics board "
        "said on Tuesday.",
        "This story was updated more than 40 times since the outbreak began, according to the "
        "health department.",
        "This newsletter was first published in 1911, its editor told readers on Tuesday.",
        "This column was reprinted by six papers last week, the Valley Times reported on "
        "Monday.",
    ],
)
def test_a_sentence_naming_who_told_it_is_news_not_a_note(news):
    assert not is_note(news)
    assert find_lead([news, LEAD], title=TITLE).startswith(news)


def test_a_note_the_page_labels_stays_a_note_though_it_names_who_told_it():
    correction = ("Correction: A previous draft gave the wrong day for the bridge closing, "
                  "which the mayor said would come in June.")
    assert lead_after(correction) == (LEAD, LEAD)


@pytest.mark.parametrize(
    "news",
    [
        "This transcript was published by the county on Tuesday and shows that a dispatcher "
        "waited four minutes to send an ambulance.",
        "This conversation was first recorded by a council aide in March and led to the police "
        "chief's resignation on Friday.",
        "This Q&A has been updated more than 40 times since the outbreak began as officials "
        "struggle to keep up.",
        "This op-ed was written by a state senator who is now under investigation for taking "
        "gifts from a developer.",
        "This transcript has been edited to include a second call that the county left out of "
        "its first release on Monday.",
    ],
)
def test_news_about_a_transcript_a_conversation_a_qa_or_an_oped_is_not_a_note(news):
    assert not is_note(news)
    assert find_lead([news, LEAD], title=TITLE).startswith(news)


@pytest.mark.parametrize("hook", ["The mayor's speech was edited for length.",
                                  "Her testimony was condensed for brevity."])
def test_a_first_sentence_saying_a_thing_in_the_news_was_edited_stays_in_the_lead(hook):
    lead = (f"{hook} That is how the city explained on Tuesday why twelve minutes about the "
            "police budget were missing from the video it posted.")
    assert find_lead([lead, LEAD], title=TITLE) == lead
