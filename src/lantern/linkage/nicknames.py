"""Nicknames, diminutives and spelling variants of given names, mapped to one canonical form.

The table is written by hand for the names met most in modern slavery cases in England and
Wales: English, Eastern European (Russian, Ukrainian, Polish, Romanian, Bulgarian), Albanian,
Arabic and Turkish, Vietnamese and Eritrean. Keys and variants are folded (lower-case ASCII, as
``normalise.fold`` makes them).

The rule for what counts as one name: diminutives ("Bob" for Robert, "Sasha" for Aleksandr) and
the different Latin spellings of one name ("Aleksandr", "Alexander", "Oleksandr"; "Mohammed",
"Muhammad", "Mehmet") are one name. Translations that a person would not answer to
interchangeably (Peter and Pyotr, Joseph and Yusuf) are not: the phonetic and spelling-distance
levels still give them partial credit. Each variant belongs to exactly one canonical name
(checked by the tests), so an ambiguous diminutive ("Chris", "Sandy") is placed with the more
common name or left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_VARIANTS: dict[str, tuple[str, ...]] = {
    # English
    "robert": ("bob", "bobby", "bobbie", "rob", "robbie", "robby", "bert", "bertie", "robt"),
    "william": ("bill", "billy", "billie", "will", "willie", "willy", "liam", "wm"),
    "richard": ("dick", "dickie", "rick", "ricky", "rickie", "richie", "rich", "ritchie"),
    "james": ("jim", "jimmy", "jimmie", "jamie", "jas"),
    "john": ("jack", "johnny", "johnnie", "jon", "jonny", "jonnie"),
    "jonathan": ("jonathon", "johnathan", "johnathon"),
    "thomas": ("tom", "tommy", "tommie", "thos"),
    "michael": ("mike", "mick", "mickey", "micky", "mikey"),
    "christopher": ("chris", "kit", "topher", "kristopher", "christoper"),
    "david": ("dave", "davey", "davie", "davy"),
    "daniel": ("dan", "danny", "dannie"),
    "joseph": ("joe", "joey", "jos"),
    "anthony": ("tony", "antony", "anthoney"),
    "edward": ("ed", "eddie", "eddy", "ted", "teddy", "ned", "edd"),
    "andrew": ("andy", "drew", "andie"),
    "nicholas": ("nick", "nicky", "nicolas", "nickolas", "nic"),
    "matthew": ("matt", "matty", "mathew"),
    "stephen": ("steve", "steven", "stevie", "stephan", "stefan"),
    "samuel": ("sam", "sammy", "sammie"),
    "benjamin": ("ben", "benny", "benjy", "benji"),
    "henry": ("harry", "hal", "hank"),
    "charles": ("charlie", "chas", "chuck", "chaz"),
    "frederick": ("fred", "freddie", "freddy", "frederic"),
    "timothy": ("tim", "timmy"),
    "peter": ("pete",),
    "philip": ("phil", "phillip", "pip"),
    "raymond": ("ray",),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donnie"),
    "kenneth": ("ken", "kenny"),
    "terence": ("terry", "terrence"),
    "gregory": ("greg",),
    "jeffrey": ("jeff", "geoffrey", "geoff", "jeffery"),
    "lawrence": ("larry", "laurence", "laurie"),
    "gerald": ("gerry", "jerry"),
    "patrick": ("pat", "paddy"),
    "elizabeth": ("liz", "lizzie", "lizzy", "beth", "betty", "bess", "bessie", "eliza", "libby", "elisabeth"),
    "margaret": ("maggie", "meg", "peggy", "madge", "greta"),
    "katherine": ("kate", "katie", "katy", "kathy", "cathy", "catherine", "kathryn", "katharine", "kat",
                  "kitty", "cath"),
    "susan": ("sue", "susie", "suzy", "suzie"),
    "deborah": ("debbie", "deb", "debra", "debby"),
    "rebecca": ("becky", "becca", "rebekah"),
    "jennifer": ("jen", "jenny", "jenni"),
    "patricia": ("patty", "trish", "tricia", "patsy"),
    "victoria": ("vicky", "vicki", "vikki", "tori"),
    "abigail": ("abby", "abi", "abbie"),
    "amanda": ("mandy",),
    "pamela": ("pam",),
    "dorothy": ("dot", "dottie", "dolly"),
    "eleanor": ("ellie", "nell", "nellie", "elinor"),
    "jacqueline": ("jackie", "jacqui"),
    "mary": ("molly", "polly", "mae"),
    "sarah": ("sara", "sally"),
    "hannah": ("hanna",),
    # Russian, Ukrainian, Belarusian (BGN/PCGN, passport and everyday spellings)
    "aleksandr": ("alexander", "alexandr", "aleksander", "alexandre", "oleksandr", "olexandr", "aleksandar",
                  "alexandru", "alaksandr", "alex", "aleks", "sasha", "sascha", "sacha", "sashko", "shura",
                  "sanya", "olek"),
    "aleksandra": ("alexandra", "oleksandra", "olexandra", "alexandrina"),
    "aleksei": ("alexei", "alexey", "aleksey", "alexej", "aleksej", "oleksiy", "oleksii", "olexiy",
                "alyosha", "alesha", "lyosha", "lesha"),
    "dmitri": ("dmitry", "dmitriy", "dmitrij", "dimitri", "dimitriy", "dmytro", "dima", "mitya"),
    "mikhail": ("mihail", "michail", "mykhailo", "mykhaylo", "mikhailo", "misha", "mischa"),
    "sergei": ("sergey", "sergej", "sergii", "serhii", "serhiy", "sergiy", "serguei", "seryozha",
               "serezha", "sergiu", "serghei"),
    "vladimir": ("wladimir", "volodymyr", "wolodymyr", "vova", "volodya", "volodia", "vladimer"),
    "vladislav": ("wladyslaw", "vladyslav", "vlad", "vladek"),
    "evgeni": ("evgeny", "evgenii", "evgeniy", "yevgeny", "yevgeni", "yevgeniy", "yevhen", "ievgen",
               "evgueni", "zhenya", "jenya", "eugen", "eugeniu"),
    "yuri": ("yury", "yuriy", "yurii", "iurii", "iuri", "juri", "jurij", "yura"),
    "pavel": ("pavlo", "pasha", "pavlik"),
    "nikolai": ("nikolay", "nikolaj", "mykola", "nicolai", "kolya", "nikola", "nicolae"),
    "ivan": ("vanya", "vania", "ivanko", "iwan"),
    "andrei": ("andrey", "andrej", "andrii", "andriy", "andrija", "andrzej"),
    "konstantin": ("kostiantyn", "kostyantyn", "constantin", "konstantyn", "kostya", "kostia", "costel",
                   "costi", "costica"),
    "grigori": ("grigory", "grigoriy", "hryhorii", "hryhoriy", "grisha", "grigore"),
    "georgi": ("georgy", "georgiy", "georgii", "heorhii", "gheorghe", "giorgi", "gjergj", "gigi"),
    "oleg": ("oleh", "olezhka"),
    "igor": ("ihor", "igorek"),
    "bogdan": ("bohdan", "bogdanel"),
    "vasili": ("vasily", "vasiliy", "vasilii", "vasyl", "vasile", "vasil", "vasya"),
    "tatiana": ("tatyana", "tatjana", "tetiana", "tetyana", "tanya", "tania", "tanja"),
    "natalia": ("natalya", "nataliya", "natalija", "natalie", "natalja", "natasha", "natascha", "natasa"),
    "ekaterina": ("yekaterina", "ecaterina", "katerina", "kateryna", "katya", "katia", "katyusha"),
    "elena": ("yelena", "jelena", "olena", "alena", "alyona", "lena", "helena"),
    "olga": ("olha", "olya", "olia"),
    "anastasia": ("anastasiya", "anastasija", "nastya", "nastia", "stasia"),
    "svetlana": ("svitlana", "sveta"),
    "irina": ("iryna", "irena", "ira"),
    "maria": ("mariya", "marija", "marie", "masha", "mariia"),
    "yulia": ("yuliya", "iulia", "julia", "julija", "yuliia", "yulya"),
    "ludmila": ("lyudmila", "liudmyla", "lyudmyla", "ludmilla", "luda"),
    # Polish
    "krzysztof": ("krzys", "krzysiek"),
    "wojciech": ("wojtek",),
    "tomasz": ("tomek",),
    "piotr": ("piotrek",),
    "lukasz": ("lukas",),
    "malgorzata": ("gosia", "malgosia"),
    "katarzyna": ("kasia", "kaska"),
    "agnieszka": ("aga",),
    "magdalena": ("magda",),
    "joanna": ("asia",),
    # Romanian
    "ion": ("ioan", "ionel", "ionut", "nelu"),
    "mihai": ("mihaita",),
    # Albanian
    "arben": ("beni",),
    "gjon": ("gjoni",),
    "ilir": ("iliri",),
    "dritan": ("dritani",),
    "ardian": ("ardi",),
    # Arabic, Turkish, Persian, Somali (the spellings seen in Home Office and police records)
    "muhammad": ("mohammed", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad", "mohamud",
                 "mohammod", "mohd", "muhd", "mehmet", "mehmed", "mahomed", "mohamet", "mo"),
    "ahmed": ("ahmad", "ahmet", "achmed", "ahmeed"),
    "abdullah": ("abdulla", "abdallah", "abdalla"),
    "hussein": ("husain", "hussain", "hossein", "husein", "hussien", "husayn", "huseyin"),
    "hassan": ("hasan", "hasaan", "hassen"),
    "omar": ("umar", "omer", "ommar"),
    "ibrahim": ("ebrahim", "ibraheem", "ibrahima", "brahim"),
    "ismail": ("ismael", "esmail", "ismayil"),
    "khalid": ("khaled", "khalied", "kaled"),
    "mahmoud": ("mahmood", "mahmud", "mehmood", "mahmut"),
    "mustafa": ("mostafa", "mustapha", "moustafa", "mostapha"),
    "yusuf": ("youssef", "yousef", "yousif", "yusef", "yousuf", "youcef", "yossef"),
    "osman": ("usman", "othman", "uthman", "osmane"),
    "tariq": ("tarik", "tarek", "tareq"),
    "saeed": ("said", "sayed", "sayeed", "saeid", "saied"),
    "rashid": ("rasheed", "rachid", "reshid"),
    "karim": ("kareem", "kerim"),
    "amir": ("ameer", "emir"),
    "jamal": ("gamal", "djamal", "jamaal"),
    "fatima": ("fatimah", "fatma", "fatemeh", "fatuma"),
    "aisha": ("ayesha", "aysha", "aishah", "ayse", "aicha", "ayisha"),
    "yasmin": ("yasmeen", "yasmine", "jasmin", "jasmine"),
    "maryam": ("mariam", "meryem", "miriam"),
    # Vietnamese given names have no standard diminutives: what varies is the order (family name
    # first) and the tone marks, which the swapped-name level and ``fold`` deal with.
    # Eritrean and Ethiopian
    "yohannes": ("yohanes", "yohanis", "johannes", "yohannis"),
    "tesfaye": ("tesfay", "tesfai"),
    "mehari": ("mihari",),
    "haile": ("haille", "hayle"),
}


def _lookup() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for canonical, variants in _VARIANTS.items():
        table[canonical] = canonical
        for variant in variants:
            table[variant] = canonical
    return MappingProxyType(table)


CANONICAL_GIVEN_NAMES: Mapping[str, str] = _lookup()
"""Folded given name (a canonical name or any of its variants) -> the canonical name."""


def variant_table() -> Mapping[str, tuple[str, ...]]:
    """The hand-written table itself (canonical -> variants), for tests and documentation."""
    return MappingProxyType(_VARIANTS)


def canonical_given_name(folded: str) -> str:
    """The canonical form of one folded given-name token; the token itself if not in the table."""
    return CANONICAL_GIVEN_NAMES.get(folded, folded)
