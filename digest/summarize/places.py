"""Countries, regions and capitals, which speak in the news as governments do ("Israel
warned", "Beijing said") and are then organisations, never people."""

from __future__ import annotations

from ..text import wordset

PLACES = wordset(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
    Bosnia Botswana Brazil Britain Brunei Bulgaria Burkina Burundi Cambodia Cameroon Canada
    Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Ecuador
    Egypt England Eritrea Estonia Eswatini Ethiopia Europe Fiji Finland France Gabon Gambia
    Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India
    Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Kazakhstan Kenya Kiribati Kosovo
    Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania
    Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico
    Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nauru
    Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
    Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Scotland
    Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
    Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Türkiye
    Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Wales Yemen
    Zambia Zimbabwe
    Abuja Amman Ankara Athens Baghdad Bangkok Beijing Beirut Berlin Brasilia Brussels Budapest
    Cairo Canberra Caracas Damascus Delhi Dhaka Doha Hanoi Havana Islamabad Jakarta Kabul
    Kyiv Kiev Manila Minsk Moscow Nairobi Ottawa Paris Pretoria Pyongyang Riyadh Rome Seoul
    Taipei Tehran Tokyo Warsaw Washington Westminster Whitehall"""
)
