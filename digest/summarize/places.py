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

from ..core.text import wordset

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
