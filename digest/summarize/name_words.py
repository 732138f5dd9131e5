"""The words that tell a name from other capitalised words: those opening sentences,
dates, titles and honorifics, the words of organisations' names, and the abbreviated titles
with the nouns a story calls their holders by ("Gov." → "governor")."""

from __future__ import annotations

import re
from itertools import groupby

from ..core.text import ABBREVIATIONS, UPPER, wordset
from .given_names import FEMALE, MALE

# Words for someone unnamed, capitalised when they open a sentence: "Another said".
SOMEONE = wordset("Another Others Someone Somebody Anyone Anybody Everyone Everybody Nobody")
STOP_WORDS = SOMEONE | wordset(
    """The A An And But Or So Yet For Nor If In On At To By As Of From With After Before
    When While Since Although Though Because This That These Those There Here Then Now It Its
    He She His Her Their Our My Your We They I You Also Even Still However Meanwhile Instead
    According Despite During Under Over Between Among Without Within Until Unless Some Many
    Most More Other Both Each Every All No Not Only Just One Two Three Four Five Six Seven Eight
    Nine Ten Dozens Hundreds Thousands Several Few Separately Additionally Furthermore Moreover
    Similarly Likewise Finally Ultimately Overall Indeed Nevertheless Nonetheless Besides
    Notably Importantly Alternatively Consequently Accordingly Afterwards Afterward Thereafter
    Subsequently Eventually Lastly Previously Initially Otherwise Thus Hence Ironically
    Meantime Anyway Elsewhere Recently Currently Originally What Why How Who Where
    Which Last Next Earlier Later Today Yesterday Tomorrow Such Like Let Please Yes Sure Well
    Oh Related Read Watch Photo Image Video Getty Updated Sign Share Click
    Alongside Amid Amidst Against Across Around Beyond Toward Towards Upon Unlike Via Per
    Throughout Behind Beside Near Inside Outside Along Through Regarding Concerning
    Asked Asking Quoting Citing Speaking Writing Responding Referring Commenting Reacting
    Addressing Testifying Adding Explaining Noting Describing Recalling Saying Telling
    Neither Either Whether Whatever Whoever Whenever Wherever Whose Perhaps Maybe Almost Nearly
    Already Never Always Often Sometimes Any Once Ever"""
)  # the participles open a clause before the subject: "Quoting Cullinan, Dalrymple wrote"
# Months' short forms, which are given or family names too when written with no period
# after a name: "Ai Jun", "Kim Jun" (a date's is "Jun. 5").
SHORT_MONTHS = wordset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
CALENDAR = SHORT_MONTHS | wordset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December"""
)
# People who speak as a group and are not named: "Officials said", "Researchers wrote".
GROUPS = wordset(
    "officials experts researchers scientists analysts authorities police prosecutors "
    "investigators witnesses residents critics doctors sources observers activists "
    "voters supporters friends allies aides members neighbors neighbours colleagues relatives "
    "students workers employees lawmakers donors fans opponents protesters"
)
HONORIFICS = wordset("Mr Mrs Ms Miss Mx Dr Prof Sir Dame Rev Hon")
# Abbreviated titles and the nouns a story calls their holders by: "Gov. Lee", "the governor".
TITLE_NOUNS: dict[str, tuple[str, ...]] = {
    "gov": ("governor",), "sen": ("senator",), "rep": ("representative", "congressman",
    "congresswoman", "lawmaker"), "del": ("delegate",), "gen": ("general",),
    "lt": ("lieutenant",), "col": ("colonel",), "sgt": ("sergeant",), "capt": ("captain",),
    "cmdr": ("commander",), "adm": ("admiral",), "maj": ("major",), "atty": ("attorney",),
    "amb": ("ambassador",), "sec": ("secretary",), "supt": ("superintendent",),
    "det": ("detective",), "insp": ("inspector",), "prof": ("professor",), "pres": ("president",),
}
# The period of an abbreviated title before a name, which ends no sentence: "Del. Jo Lee";
# looked for only where one of the titles the text module does not know is written.
UNKNOWN = sorted(short.capitalize() for short in TITLE_NOUNS
                 if short.capitalize() not in ABBREVIATIONS)
UNKNOWN_TITLES = "|".join(UNKNOWN)
# Found from each period, looking behind it for the titles of each length: the words as an
# alternation would be tried at every character of the story, many times slower.
TITLE_WRITTEN = re.compile(r"\.(?:" + "|".join(
    rf"(?<=(?:{'|'.join(same)})\.)" for _, same in groupby(sorted(UNKNOWN, key=len), key=len)
) + ")")
TITLE_PERIOD = re.compile(rf"\b({UNKNOWN_TITLES})\.(?=\s[{UPPER}])")
SKIPPED = STOP_WORDS | CALENDAR  # a lone one of these is never a name
# Words of a title that name no one by themselves: "Foreign Minister", "Public Safety Chief".
DEPARTMENTS = wordset(
    """Senior Junior Assistant Associate Principal Head Supreme High State Foreign Defense
    Defence Interior Treasury Commerce Energy Health Homeland Security Affairs Finance Trade
    Labor Labour Education Agriculture Transportation Public Press Royal Grand Presidential Staff
    Congressional Gubernatorial Senatorial Mayoral Parliamentary"""
)
TITLES = HONORIFICS | wordset(
    """Professor President Vice Sen Senator Rep Representative Gov Governor Gen General Lt Col
    Colonel Cmdr Commander Capt Captain Adm Admiral Sgt Maj Major Judge Justice Chancellor
    Minister Prime Secretary Ambassador Mayor Chief Coach CEO CFO COO Chairman Chairwoman Chair
    Director Administrator Commissioner Officer Speaker Attorney Deputy Acting Former Advocate
    Sheriff Detective Inspector Superintendent Councilman Councilwoman Councillor Councilor
    Lawmaker Leader Spokesman Spokeswoman Spokesperson Executive Founder Co-founder Manager Editor
    Analyst Economist Scientist Researcher Dean Provost Lord Lady Cardinal Bishop Rabbi Imam
    Pastor Agent Trooper Producer Rapper Singer Actor Actress Host Anchor Correspondent
    Reporter Author Historian Journalist Lawyer Activist Novelist Writer Artist Photographer
    Architect Entrepreneur Investor Engineer Strategist Consultant Pollster Commentator
    Columnist Broadcaster Filmmaker Curator Poet Playwright Diplomat Envoy Prosecutor Physician
    Adviser Advisor Aide Official Treasurer Counsel Organizer Organiser Coordinator Nominee
    Candidate Chairperson Trustee Supervisor Recorder Clerk Auditor Assessor Comptroller
    Controller Coroner Registrar
    Surgeon Epidemiologist Psychologist Sociologist Philosopher Lecturer Marshal Archbishop
    Congressman Congresswoman Assemblyman Assemblywoman Alderman Legislator Democrat Republican
    Del Delegate Atty Amb Sec Supt Det Insp Pres Cpl Pvt Brig Spc Sfc
    Premier Reverend Sergeant Corporal Lieutenant Ensign Commodore Assemblymember Magistrate
    Undersecretary Consul Vicar Ayatollah
    Father Sister Brother Taoiseach Councilmember Alderwoman Selectman Selectwoman Freeholder
    Patrolman Patrolwoman
    DL QB RB WR
    TE LB CB OL DT DE"""
) | DEPARTMENTS
# Jobs written before a name as a title ("Pharmacist Ann Lee"); a surname only after a given
# name a list knows ("Paul Nurse"), as "Texas Rancher" is a job.
OCCUPATIONS = wordset(
    """Chef Nurse Firefighter Astronaut Comedian Midfielder Goalkeeper Defenseman Goaltender
    Linebacker Quarterback Outfielder Shortstop Pharmacist Electrician Paramedic Midwife
    Teacher Student Rancher Plumber Welder Dentist Fisherman Veteran Rector"""
)
TITLES |= OCCUPATIONS
# Titles that come before a person's name on their own: "Sen.", "Mr.", not "Foreign".
PERSON_TITLES = TITLES - DEPARTMENTS
ORG_WORDS = wordset(
    """Office Ministry Authority Department Agency Council Committee Commission Records
    Productions Inc Corp Corporation Group Institute University College School Association
    League Administration Bureau Court Party Forces Army Navy Police Foundation Center Centre
    Bank Fund Organization Organisation Union Nations States Service Services Network Company
    Co Ltd LLC Media News Times Post Journal Press Board House Senate Congress Parliament
    Government Embassy Military Command Forum Project Program Studios Studio Entertainment
    Airlines Motors Technologies Systems Labs Laboratory Society Club Team Federation Alliance
    Coalition Partnership Trust Hospital Clinic Museum Reserve Exchange Capital Partners
    Holdings Industries Brands Games Music Pictures Channel Magazine Institution Secretariat
    Directorate Cabinet Presidency Kremlin Pentagon Tribunal Prosecution Times Reuters
    Twitter Facebook
    District Region Province County City Island Islands Republic Kingdom Street Avenue
    Roundtable Summit Conference Convention Assembly Festival Expo Olympics Championship
    International Watch Act Treaty Accord Agreement Protocol Amendment Rule Protection
    Enforcement Hotel Casino Tower Airport Stadium Arena Plaza Cathedral Mosque Prison"""
)
NOT_NAME_WORDS = TITLES | ORG_WORDS
POST_NOMINALS = wordset("QC KC MP MEP MSP MBE OBE CBE KBE DBE PhD MD")
GIVEN_NAMES = MALE | FEMALE
# "Israeli", "American", "Chinese": adjectives, not names, when they stand alone.
NATIONAL_ENDING = r"(?:an|ese|ish|i|ic)"
NATIONALITY = re.compile(rf"{NATIONAL_ENDING}$")
# Peoples named by their adjective, who speak as many and are no one's name alone ("the French
# said", "according to Mexican media"); a surname among them ("Bill English") is still one
# when the story gives it in full.
DEMONYMS = wordset(
    """American British French Dutch German Mexican Chinese Japanese Russian Israeli Iranian
    Iraqi Syrian Turkish Greek Italian Spanish Portuguese Polish Swedish Norwegian Danish
    Finnish Irish Scottish Welsh English Canadian Australian Indian Pakistani Afghan Saudi
    Egyptian Libyan Nigerian Kenyan Ethiopian Brazilian Argentine Argentinian Chilean
    Colombian Venezuelan Cuban Peruvian Korean Vietnamese Filipino Indonesian Malaysian
    Ukrainian Belarusian Hungarian Czech Slovak Austrian Swiss Belgian Romanian Bulgarian
    Serbian Croatian Palestinian Lebanese Jordanian Qatari Emirati Yemeni Sudanese Somali
    Ghanaian Senegalese Moroccan Algerian Tunisian European African Asian Arab Kurdish
    Taiwanese Haitian Jamaican Nicaraguan Salvadoran Guatemalan Honduran Bangladeshi Nepali
    Burmese Cambodian Mongolian Kazakh Uzbek Georgian Armenian Azerbaijani
    Estonian Latvian Lithuanian Slovenian Bosnian Albanian Macedonian Icelandic Kuwaiti Omani
    Bahraini Tanzanian Ugandan Rwandan Congolese Zimbabwean Zambian Angolan Malian Cameroonian"""
)
SUFFIXES = wordset("Jr Sr II III IV")
