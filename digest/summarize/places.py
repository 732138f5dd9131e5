"""Countries, regions and capitals, which speak in the news as governments do ("Israel
warned", "Beijing said") and are then organisations, never people.

Where the words come from (a list kept here rather than a package: pycountry, the maintained
source of ISO 3166-1, weighs 23 MB for these words, has no capitals and spells several
countries as the news does not, "Russian Federation", "Brunei Darussalam"):

- countries: the ISO 3166-1 short names of one word of the United Nations member states, as
  pycountry 26.2.16 gives them (its `name`, or `common_name` where it has one: "Iran",
  "Syria"), checked on 2026-12-07; left out, because they are also given names: Chad,
  Georgia, Jordan. Added: the one-word form the news uses where ISO's has several (Bosnia,
  Britain, Brunei, Burkina, Micronesia, Russia, Turkey beside Türkiye); Kosovo, Palestine and
  Taiwan (not members, but governments that speak); the United Kingdom's nations; Europe.
- capitals and seats of government: picked by hand for this project (its history records
  no outside list) among the capitals that stand for their governments in English-language
  news.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..core.text import wordset
from .name_words import GIVEN_NAMES

PLACES = wordset(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
    Bosnia Botswana Brazil Britain Brunei Bulgaria Burkina Burundi Cambodia Cameroon Canada
    Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica
    Ecuador Egypt England Eritrea Estonia Eswatini Ethiopia Europe Fiji Finland France Gabon
    Gambia Germany Ghana Greece Grenada Guatemala Guinea Guinea-Bissau Guyana Haiti Honduras
    Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Kazakhstan
    Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
    Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
    Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco
    Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman
    Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania
    Russia Rwanda Samoa Scotland Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia
    Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand
    Timor-Leste Togo Tonga Tunisia Turkey Türkiye Turkmenistan Tuvalu Uganda Ukraine Uruguay
    Uzbekistan Vanuatu Venezuela Vietnam Wales Yemen Zambia Zimbabwe
    Abuja Amman Ankara Athens Baghdad Bangkok Beijing Beirut Berlin Brasilia Brussels Budapest
    Cairo Canberra Caracas Damascus Delhi Dhaka Doha Hanoi Havana Islamabad Jakarta Kabul
    Kyiv Kiev Manila Minsk Moscow Nairobi Ottawa Paris Pretoria Pyongyang Riyadh Rome Seoul
    Taipei Tehran Tokyo Warsaw Washington Westminster Whitehall"""
)

# Nouns after a run that make it a place's name, not a person's: "near Sandy Hook
# Elementary School", "the Sandy Hook shooting". Capitalised, they go on the run.
PLACE_NOUNS = wordset(
    """School Elementary County River Island Islands Airport Bay Lake Valley Harbor Harbour
    Beach Canyon Creek Mountain Mountains Peninsula Township Parish"""
)
EVENT_AFTER = re.compile(r" (?:shootings?|massacre|bombings?|attacks?|tragedy)\b")
EVENT_OPENINGS = (" shoot", " massacre", " bomb", " attack", " tragedy")  # cheaper, first
# A place's people, from its name ending in a vowel, kept or dropped: "Costa Rican" for
# Costa Rica, "Puerto Ricans" for Puerto Rico.
DEMONYM_ENDINGS = ("n", "ns")


def written_as_places(texts: Sequence[str], runs: Sequence[tuple[int, int, int, str]],
                      several: Collection[str]) -> set[str]:
    """The runs of several words the story writes as a place's name: before a place's
    noun ("Sandy Hook Elementary School"), with its people's name ("Puerto Ricans"), or
    before an event's noun when no given name opens it ("the Jo Lee shooting" is hers).
    Whether the story also writes one as someone's ("Mr. Hook") is the caller's to weigh."""
    found: set[str] = set()
    for words in several:
        if words.count(" ") > 1:  # a place's two words and its noun, at least
            tokens = words.split()
            for at in range(2, len(tokens)):
                if tokens[at] in PLACE_NOUNS and (head := " ".join(tokens[:at])) in several:
                    found.add(head)
        if words[-1] in "aeiou" and any(
            stem + ending in several for stem in (words, words[:-1] + "a")
            for ending in DEMONYM_ENDINGS
        ):
            found.add(words)
    for index, _, end, run in runs:
        text = texts[index]
        if not text.startswith(EVENT_OPENINGS, end) or not EVENT_AFTER.match(text, end):
            continue  # nearly every run
        words = run.removeprefix("The ")
        if " " in words and words not in found and (
            words.partition(" ")[0] not in GIVEN_NAMES  # "the Jo Lee shooting": hers
        ):
            found.add(words)
    return found
