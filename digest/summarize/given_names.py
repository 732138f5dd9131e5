"""Given names that nearly always belong to men or to women, for reading "he" and "she".

An honorific in the story ("Mr", "Ms") comes first; then these lists, before the pronouns
after the name ("he", "she"), which may be about someone sharing a surname. Names used by
both ("Jordan", "Taylor", "Alex", "Robin", "Jean", "Kim") are in neither list.

Where the names come from: picked by hand when the lists were written for this project (its
history records no outside list, so there is no licence to follow), among the given names
common in English-language news, British, American and international. Checked on 2026-12-07
against nam_dict.txt, Jörg Michael's dictionary of first names by country (as shipped in
gender-guesser 0.4.0): it calls 475 of the 477 names male or mostly male, female or mostly
female as they are listed here; it calls "Bernie" and "Kyle" mostly female, counting their
use in other countries, while the men of those names are the ones in the news. Not a
dependency: gender-guesser is GPL-3.0 code with data under the GFDL, unmaintained since
2016, and names-dataset was built from leaked personal data.
"""

from __future__ import annotations

from ..core.text import wordset

MALE = wordset(
    """Aaron Abdul Abdullah Adam Adrian Ahmed Ahmad Alan Albert Alexander Alexei Ali Allen
    Amir Andre Andrew Andy Angelo Anthony Antonio Arnold Arthur Barack Barry Ben Benjamin Bernard
    Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brett Brian Bruce Bruno Bryan Carl
    Carlos Charles Chuck Clarence Colin Craig Dan Daniel Danny Darren Dave David Dennis
    Derek Dick Diego Dmitry Don Donald Doug Douglas Duncan Dylan Ed Eddie Edward Elon Emmanuel
    Eric Erik Ethan Eugene Evan Felix Fernando Francis Francisco Frank Fred Frederick Gary Gavin
    Geoff Geoffrey George Gerald Giuseppe Glenn Gordon Graham Greg Gregory Hamid Hans Harold
    Harry Hassan Henry Howard Hugh Hugo Hussein Ian Ibrahim Igor Isaac Ivan Jack Jacob Jake
    James Jamal Jared Jason Javier Jay Jeff Jeffrey Jeremy Jerome Jerry Jim Jimmy Joe Joel John
    Johnny Jon Jonathan Jorge Jose Joseph Josh Joshua Juan Julian Justin Karl Keith Ken Kenneth
    Kevin Khalid Kurt Kyle Larry Lars Lawrence Leo Leonard Liam Louis Luis Luke Malcolm Marco
    Marcus Mario Mark Martin Matt Matthew Max Michael Miguel Mike Mitch Mohamed Mohammad
    Mohammed Muhammad Nathan Neil Nicholas Nick Nicolas Nigel Noah Oliver Omar Oscar Patrick
    Paul Pedro Pete Peter Phil Philip Phillip Pierre Rafael Ralph Randy Raymond Ricardo Richard
    Rick Ricky Rob Robert Roberto Rod Roger Ron Ronald Roy Russell Ryan Samuel Scott Sean
    Sergei Sergey Seth Shane Simon Stan Stanley Stephen Steve Steven Stuart Ted Thomas Tim
    Timothy Todd Tom Tommy Tony Travis Trevor Tyler Victor Vincent Vladimir Walter Warren Wayne
    Will William Willie Xavier Yusuf Zach Zachary"""
)
FEMALE = wordset(
    """Abby Abigail Ada Adriana Agnes Aisha Alexandra Alice Alicia Alison Allison Amanda Amber
    Amelia Amy Ana Angela Angelina Anita Ann Anna Anne Annie Antonia Ashley Audrey Barbara
    Beatrice Becky Beth Betsy Betty Beverly Brenda Bridget Brittany Brooke Camila Carla Carmen
    Carol Caroline Carolyn Catherine Cathy Charlotte Chelsea Cheryl Christina Christine Cindy
    Claire Clara Claudia Colleen Courtney Cynthia Daisy Daniela Danielle Deborah Debbie Debra
    Denise Diana Diane Donna Doris Dorothy Eleanor Elena Elisabeth Elise Eliza Elizabeth Ella
    Ellen Emily Emma Erica Erin Esther Eva Eve Evelyn Fatima Fiona Frances Gabriela Gabrielle
    Gillian Gina Gloria Grace Hannah Harriet Heather Heidi Helen Helena Hillary Holly Ingrid Irene
    Isabel Isabella Jacqueline Jane Janet Janice Jennifer Jenny Jessica Jill Joan Joanna Joanne
    Josephine Joyce Judith Judy Julia Julie Juliet Karen Kate Katherine Kathleen Kathryn Kathy
    Katie Katrina Kayla Kimberly Kristen Kristi Kristin Lara Laura Lauren Leah Lily Linda Lisa
    Liz Lois Lori Louise Lucia Lucy Lydia Madeleine Maggie Margaret Maria Marie Marilyn Marina
    Marion Martha Mary Maureen Megan Melania Melanie Melissa Meryl Mia Michelle Miriam Molly
    Monica Nadia Nancy Naomi Natalie Natasha Nicole Nina Nora Olga Olivia Pamela Patricia Paula
    Pauline Penny Priya Rachel Rebecca Regina Rita Rosa Rose Rosemary Ruth Sabrina Sally
    Samantha Sandra Sara Sarah Sharon Sheila Shirley Sofia Sonia Sophia Sophie Stephanie Susan
    Suzanne Sylvia Tamara Tanya Teresa Theresa Tina Tracy Ursula Valerie Vanessa Vera Veronica
    Victoria Virginia Wendy Yvonne Zoe"""
)


def gender_of(name: str) -> str | None:
    """ "male" or "female" by the name's first word, when it is one of the lists above."""
    first = name.split(maxsplit=1)[0] if name else ""
    if first in MALE:
        return "male"
    if first in FEMALE:
        return "female"
    return None
