"""How answers in an Annex A workbook are read: our own compact rules, not a copy of any list.

Authorities' systems write the same answer many ways ('a) 1A: Individual', '1A - Family member',
'(CS) Individual - Self', 'Parent / Carer'). Each column's `Choice` reads a value in three steps:

1. a statutory code where it stands out (the first word, the first after a ' - ', or alone in
   brackets): '1A', 'E11', '[PR1]', 'WHB - WBRI - British'. It gives the Annex A answer and the
   store's code exactly;
2. otherwise the answer whose words the value contains: the answer listed first, or for some
   columns the answer named first in the value ('White - Mixed white' is White);
3. otherwise the value is not recognised: a finding, and the cell is left blank.

An answer that does not by itself give a store code (Annex A's 'Individual' covers 1A to 1D)
is stored as blank with an INFO finding, so nothing is guessed. The test runs every synonym in
../shared/spec/annex-a/Annex_A_schema.yml through these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cscperf.quality.findings import Severity
from cscperf.sources import cin_codes
from cscperf.sources.cells import CellProblem

# A leading option letter or number: 'a) ', 'zz) ', 'p1) ', '(a) ', 'b. ', '31) '.
_OPTION_LETTER = re.compile(r"^\(?([a-z]{1,2}\d?[.)]|\d{1,2}\))\s+")
_QUOTES = re.compile(r"[‘’'\"`“”]")
_WORD = re.compile(r"[a-z0-9]+")
_STATUTORY = re.compile(r"^[A-Z]{0,3}\d+[A-Z]?$")  # N1, RC1, E41, 2A, 6, PR1, K2, X1
_BRACKETED = re.compile(r"[(\[]([^)\]]*)[)\]]")


def clean(raw: object) -> str:
    """Lower case, quotes dropped, spaces collapsed, a leading option letter removed."""
    text = _QUOTES.sub("", str(raw)).replace("\xa0", " ").lower()
    text = re.sub(r"\s+", " ", text).strip(" .")
    return _OPTION_LETTER.sub("", text)


def _code_words(text: str) -> list[str]:
    """Words that may be codes: the first word, the first after each ' - ', and words in short
    brackets: '1A - Family', 'WHB - WBRI - British', 'Care taken over [E3]', '(CIN RC1)'."""
    words = [found[0] for part in text.split(" - ") if (found := _WORD.findall(part))]
    for inside in _BRACKETED.findall(text):
        if len(_WORD.findall(inside)) <= 2:
            words.extend(_WORD.findall(inside))
    return words


@dataclass(frozen=True)
class Answer:
    """One of Annex A's answers for a column."""

    label: str  # as Annex A words it, e.g. 'a) Individual'
    code: str | None  # the store's code when the answer alone gives one
    words: str | None = None  # our rule: a regular expression searched for in the cleaned value
    codes: str = ""  # statutory codes (space separated) that mean this answer, each stored as is

    @property
    def pattern(self) -> re.Pattern | None:
        return re.compile(self.words) if self.words else None


@dataclass
class Choice:
    """How one column's values are read: statutory codes first, then each answer's words."""

    answers: tuple[Answer, ...]
    # When several answers' words are in a value: False, the answer listed first wins; True, the
    # answer named first in the value ('White - Mixed white' is White).
    first_named: bool = False
    by_code: dict[str, tuple[str, str]] = field(init=False)

    def __post_init__(self):
        self.by_code = {}
        for answer in self.answers:
            tokens = answer.codes.split()
            if answer.code and _STATUTORY.match(answer.code):
                tokens.append(answer.code)
            for token in tokens:  # an answer with no code of its own stores the code given
                self.by_code.setdefault(token.lower(), (answer.label, answer.code or token.upper()))
        self._patterns = [(a, a.pattern) for a in self.answers if a.words]

    def answer(self, raw: object) -> tuple[str, str | None]:
        """(Annex A answer, store code or None); `CellProblem` when the value is not recognised."""
        text = clean(raw)
        for word in _code_words(text):
            if word in self.by_code:
                return self.by_code[word]
        found = [(match.start() if self.first_named else 0, order, answer) for order, (answer, pattern)
                 in enumerate(self._patterns) if (match := pattern.search(text))]
        if found:
            answer = min(found, key=lambda f: f[:2])[2]
            return answer.label, answer.code
        raise CellProblem("answer-not-recognised", "not one of Annex A's answers for this column")

    def read(self, raw: object) -> str:
        """The store code, for `RowCells.parsed`; an answer with no store code is a problem too."""
        label, code = self.answer(raw)
        if code is None:
            raise CellProblem("answer-without-code", f"Annex A's answer '{label}' does not give "
                              "a single code, so the cell is left blank", Severity.INFO)
        return code


def _yes_no(yes: str = "", no: str = "", unknown: str | None = None) -> Choice:
    """Yes, no and (where Annex A has it) unknown, with a column's own extra words."""
    answers = [Answer("True", "Y", rf"^(yes|y|1|true|t)\b{yes}"),
               Answer("False", "N", rf"^(no|n|0|false|f)\b{no}")]
    if unknown is not None:
        answers.insert(0, Answer("Unknown", None, rf"^unknown$|^not known$|^u$|^nk${unknown}"))
    return Choice(tuple(answers))


YES_NO = _yes_no()
YES_NO_UNKNOWN = _yes_no(unknown="")
CHILD_SEEN = _yes_no(yes="|^(child )?seen( alone)?$", no="|not seen|unborn", unknown="|^no visit")
REFERRAL_NFA = Choice((  # the answer is whether the referral led to no further action
    Answer("True", "Y", r"^no further action|^(yes|y|1|true)\b", "NFA"),
    Answer("False", "N", r"^further action|^(no|n|0|false|u)\b", "FA"),
))
UASC = Choice((
    Answer("False", "N", r"^(no|n|0|false)\b|non-uasc|^cla$"),
    Answer("True", "Y", r"^(yes|y|1|true)\b|^uasc|non-cla"),
))
RETURN_INTERVIEW = _yes_no(yes="|^offered", no="|^not offered")
DISABILITY = Choice((
    Answer("Unknown", None, r"^(unknown|not obtained|refused)|not yet obtained", "NOBT REFU"),
    Answer("False", "N", r"^(no|n|0|false|none)\b|no disability"),
    Answer("True", "Y", r"^(yes|y|1|true)\b|disab|autis|asperger|behaviour|communication|"
           r"concious|conscious|hand function|hearing|incont|learning|mobility|personal care|"
           r"vision|dda", " ".join(c for c in cin_codes.DISABILITY if c != "NONE")),
))

SEX = Choice((
    Answer("a) Male / d) Neither ", "U", r"^transgender male|male / d\) neither"),
    Answer("d) Neither", "U", r"neither|^indeterminate gender|transgender|binary|dysphoria|"
           r"unable to classify"),
    Answer("c) Not stated/recorded", "U", r"not (stated|recorded|known|specified)|unknown|"
           r"unborn|unspecified|withheld|^indeterminate$", "0 9 U I"),
    Answer("a) Male", "M", r"^male|^boy", "1 M"),
    Answer("b) Female", "F", r"^female|^girl", "2 F"),
))

_NOT_WHITE = r"(black|asian|african|caribbean|indian|pakistani|bangladeshi|chinese|arab)"
ETHNICITY = Choice((
    Answer("f) Not stated", None, r"refus|not (yet )?(obtained|stated|known|recorded|given)|"
           r"unknown|declined|withheld|information not|no information|undisclosed|not available",
           "REFU NOBT"),
    Answer("b) Mixed", None, r"mixed|dual|multiple ethnic|half|white (and|&|/) ?" + _NOT_WHITE +
           "|" + _NOT_WHITE + r".* (and|&) white", "MWBC MWBA MWAS MOTH"),
    Answer("d) Black or black British", None, r"black|african|caribbean|somali|nigerian|"
           r"ghanaian|congolese|eritrean|sudanese", "BCRB BAFR BOTH"),
    Answer("c) Asian or Asian British", None, r"asian|indian|pakistani|bangladeshi|kashmiri|"
           r"sri lankan|nepali|tamil", "AIND APKN ABAN AOTH"),
    Answer("a) White", None, r"white|british|english|irish|scottish|welsh|cornish|gypsy|roma\b|"
           r"traveller|european|polish|albanian|turkish|greek|italian|portuguese",
           "WBRI WIRI WIRT WOTH WROM"),
    Answer("e) Other ethnic group", None, r"other ethnic|chinese|arab|vietnam|japan|filipino|"
           r"iranian|iraqi|afghan|kurdish|latin|^(any )?other$", "CHNE OOTH"),
), first_named=True)

# A qualifier such as 'Other' or 'LA' gives way to the service it qualifies ('Other Health',
# 'LA - Housing'), and a school nurse is health, not a school.
REFERRAL_SOURCE = Choice(first_named=True, answers=(
    Answer("j) Anonymous", "9", r"anonymous"),
    Answer("k) Unknown", "10", r"^unknown|^not known|not recorded"),
    Answer("d) Health services", None, r"health|hospital|\bgp\b|general practi|nurse\b|nursing|"
           r"midwi|paediatric|camhs|a ?& ?e\b|accident|doctor|dentist|hospice|nhs|ambulance|"
           r"mental|physio|\bmed\b|clinic|surgery|psychiatr|drug|alcohol|pre birth",
           "3A 3B 3C 3D 3E 3F"),
    Answer("g) Police", "6", r"police|constabulary"),
    Answer("h) Other legal agency", "7", r"legal|court|cafcass|probation|prison|immigration|"
           r"solicitor|home office"),
    Answer("b) Schools", "2A", r"school(?! ?(nurs|health))|nursery|pre-school|academy|\bsch\b"),
    Answer("c) Education services", "2B", r"(education|\bedu\b)(?!.*(school|nursery))|college|"
           r"early years"),
    Answer("e) Housing", "4", r"housing|homeless|\bhous?\b"),
    Answer("f) LA services", None, r"la services|^la\b(?!.*hous)|local authority(?!.*hous)|"
           r"social care|social serv|ssd|internal|council|depart|\bdept|early help|"
           r"adult(?!.*(mental|health|drug))|children.?s (services|centre)|sure start|"
           r"family support|youth offending|\byot\b|emergency duty|\bedt\b|\bola\b|other la\b",
           "5A 5B 5C 5D"),
    Answer("a) Individual", None, r"individual|family member|relative|parent|carer|self\b|"
           r"acquaint|neighbour|friend|stranger|\bmp\b|public|mother|father|brother|sister|grand|"
           r"\bstep|aunt|uncle|sibling|son\b|daughter|child ?minder|councillor|household",
           "1A 1B 1C 1D"),
    Answer("i) Other", "8", r"^other\W*$|voluntary|charity|independent|agenc"),
))

PRIMARY_NEED = Choice(first_named=True, answers=(
    Answer("a) Abuse or neglect", "N1", r"^n?1(?![0-9])|abuse|neglect|exploitation|domestic"),
    Answer("b) Child's disability", "N2", r"^n?2(?![0-9])|child.?s disabilit|disabled child|disability"),
    Answer("c) Parents illness or disability", "N3", r"^n?3(?![0-9])|parent.*(ill|disab)"),
    Answer("d) Family in acute stress", "N4", r"^n?4(?![0-9])|acute stress"),
    Answer("e) Family dysfunction", "N5", r"^n?5(?![0-9])|dysfunction"),
    Answer("f) Socially unacceptable behaviour", "N6", r"^n?6(?![0-9])|socially unacceptable|"
           r"behaviour|offending"),
    Answer("g) Low income", "N7", r"^n?7(?![0-9])|low income"),
    Answer("h) Absent parenting", "N8", r"^n?8(?![0-9])|absent parent|asylum|unaccompanied"),
    Answer("i) Not CIN", "N9", r"^n?9(?![0-9])|other than child|not (a )?child in need|not cin"),
    Answer("j) Not stated", "N0", r"not stated|not yet determined|^n0|not known"),
))

CLOSURE_REASON = Choice((
    Answer("a) Adopted", "RC1", r"adopt"),
    Answer("b) Died", "RC2", r"\bdied|death|deceased"),
    Answer("c) Residence Order", "RC3", r"residence order|child arrangement"),
    Answer("d) Special Guardianship Order", "RC4", r"special guardian|\bsgo\b"),
    Answer("e) Transfer to another LA", "RC5", r"another (la|local authority)|other (la|local)"),
    Answer("f) Transfer to Adult Social Services", "RC6", r"adult"),
    Answer("h) Child not in need after assessment", None, r"after assessment|no further action|"
           r"\bnfa\b|early help", "RC8 RC9"),
    Answer("g) 'Other' incl. Child no longer in need", "RC7", r"other|no longer in need|"
           r"ceased|achieved|complete|closed|moved|declined|disengaged"),
    Answer("i) Not Stated", None, r"^unknown$|not stated"),
))

# Some systems write four yes/no flags for neglect, physical, sexual and emotional abuse: 'NYNN'.
ABUSE_CATEGORY = Choice((
    Answer("e) Multiple", "MUL", r"multiple|muliple|not recommended|(neglect|physical|sexual|emotion)"
           r".*(neglect|physical|sexual|emotion)|^(?=[yn]*y[yn]*y)[yn]{4}$", "MUL"),
    Answer("a) Neglect", "NEG", r"neglect|^ynnn$", "NEG"),
    Answer("b) Physical Abuse", "PHY", r"physical|^phys|^pa$|^nynn$", "PHY"),
    Answer("c) Sexual Abuse", "SAB", r"sexual|^sa$|^nnyn$", "SAB"),
    Answer("d) Emotional Abuse", "EMO", r"emotion|^ea$|^nnny$", "EMO"),
))

LEGAL_STATUS = Choice((
    Answer("g) Youth justice legal Statuses", None, r"remand|pace\b|youth|detention|"
           r"supervision order with residence|residence requirement|cypa|s\.? ?12aa", "J1 J2 J3"),
    Answer("zzCodeError", None, r"short.?term break|short break|respite|no care episodes", "V3 V4"),
    Answer("a) Interim care orders", "C1", r"interim care"),
    Answer("d) Placement order granted", "E1", r"placement order|^po$"),
    Answer("b) Full care orders", "C2", r"care order"),
    Answer("c) Freed for  Adoption", "D1", r"freed|freeing"),
    Answer("e) Accommodated under S20", "V2", r"s\.? ?20|section 20|single period|accommodated"),
    Answer("f) Detained on child protection grounds in LA accommodation", None,
           r"police|emergency protection|\bepo\b|child assessment order|detained on child protection",
           "L1 L2 L3"),
))

REASON_CEASED = Choice((
    Answer("zzCodeError", "X1", r"new episode|same day"),
    Answer("a) Adopted", None, r"adopt", "E11 E12"),
    Answer("b) Died", "E2", r"\bdied|death|deceased"),
    Answer("c) Care taken by another LA", "E3", r"another (la|local)|other la"),
    Answer("l) Age assessment determined child was 18 or over", "E15", r"age assess"),
    Answer("d) Returned home to live with parents or relatives", None, r"\breturn|ret home|"
           r"with (parents?|relatives?|other person) .*with (pr|parental resp)|with pr\b", "E4A E4B"),
    Answer("e) Left care to live with parents, relatives or other person with no parental "
           "responsibility", None, r"no (parental resp|perental resp|pr\b)|without pr|"
           r"remained with", "E13 E17"),
    Answer("g) Special Guardianship Orders", None, r"special g|\bsgo|^sg ", "E43 E44 E45 E46 E47 E48"),
    Answer("f) Residence order granted", "E41", r"residence|child arrangement"),
    Answer("i) Transferred to residential care funded by adult social services", "E7", r"adult"),
    Answer("j) Sentenced to custody", "E9", r"custody|sentence"),
    Answer("k) Accommodation on remand ended", "E14", r"remand"),
    Answer("m) Child moved abroad", "E16", r"abroad"),
    Answer("h) Moved into independent living", None, r"indep|supported +accommodation", "E5 E6"),
    Answer("n) Care ceased for any other reason", "E8", r"any other reason|other reason"),
))

PLACEMENT_TYPE = Choice(first_named=True, answers=(
    Answer("o) Temporary placement", None, r"temporary", "T0 T1 T2 T3 T4"),
    Answer("b) Placed for adoption", None, r"adopt", "A3 A4 A5 A6 A1 A2"),
    Answer("a) Foster placement", None, r"foster", "U1 U2 U3 U4 U5 U6"),
    Answer("c) Placed with parents", "P1", r"with (own )?parent|parental resp"),
    Answer("d) Independent living", "P2", r"independent living|independant living|lodgings"),
    Answer("e) Residential employment", "P3", r"residential employment"),
    Answer("g) Secure Children’s Homes", "K1", r"secure"),
    Answer("h) Children’s Homes", "K2", r"children.?s home|homes and hostels"),
    Answer("f) Residential accommodation", "H5", r"residential accommodation|hostel|supported"),
    Answer("i) Residential Care Home", "R1", r"residential care home|care home"),
    Answer("j) NHS/Health Trust", "R2", r"nhs|health trust|hospital|medical|nursing"),
    Answer("k) Family Centre or Mother and Baby Unit", "R3", r"family centre|mother and baby"),
    Answer("l) Young Offender Institution", "R5", r"young offender|prison|custod"),
    Answer("m) Residential school", "S1", r"residential school|boarding"),
    Answer("n) Other placements", "Z1", r"other placement"),
))

PLACEMENT_PROVIDER = Choice((
    Answer("a) Own LA", "PR1", r"own (la|provision|local)|in.?house|^local authority$"),
    Answer("b) Private", "PR4", r"private|independent|agency"),
    Answer("c) Other", None, r"other|voluntary|parent|third sector|public|not re(corded|quired)|"
           r"^-$|^nan$|^unknown$|unauthorised", "PR0 PR2 PR3 PR5"),
))

CARE_LEAVER_ELIGIBILITY = Choice((
    Answer("c) Qualifying", "Qualifying", r"^qualifying|^q$"),
    Answer("b) Former relevant", "Former Relevant", r"former relevant|^fr$|pa to 25"),
    Answer("a) Relevant", "Relevant", r"^relevant|^r$"),
    Answer("d) Eligible", "Eligible", r"eligible|^e$"),
    Answer("e) Other", None, r"other|not mapped|^-$"),
))

IN_TOUCH = Choice((
    Answer("c) Not recorded", None, r"not recorded|unknown|^nan$|no care leaver|no contact"),
    Answer("d) Exclude", None, r"died|rhom|gone abroad|returned (home )?to|residence not known|"
           r"exclude", "DIED RHOM"),
    Answer("b) Not in touch", "NO", r"^0?[023]?\W*(no|n)\b|not in touch|refu|nreq|no longer requires|"
           r"^[23]$", "REFU NREQ"),
    Answer("a) In touch", "YES", r"^0?1?\W*(yes|y)\b|^1$|in touch"),
))

ACCOMMODATION = Choice((
    Answer("a) With parents or relatives", "B", r"parent|relative"),
    Answer("b) Community home", "C", r"community home|residential care"),
    Answer("c) Semi-independent transitional accommodation", "D", r"semi.?independent|transitional"),
    Answer("j) Foyers", "T", r"foyer"),
    Answer("d) Supported lodgings", "E", r"supported lodging"),
    Answer("e) Gone abroad", "G", r"abroad"),
    Answer("f) Deported", "H", r"deported"),
    Answer("g) Ordinary lodgings", "K", r"ordinary lodging"),
    Answer("h) Residence not known", "R", r"not known|no information|not recorded"),
    Answer("i) No fixed abode / homeless", "S", r"no fixed|homeless"),
    Answer("k) Independent living", "U", r"independent|independant"),
    Answer("l) Emergency accommodation", "V", r"emergency"),
    Answer("m) Bed and breakfast", "W", r"bed and breakfast|b ?& ?b"),
    Answer("n) In custody", "X", r"custody"),
    Answer("o) With Former Foster Carer", "Z", r"foster"),
    Answer("p) Other accommodation", "Y", r"other"),
))

SUITABILITY = Choice((
    Answer("b) Not suitable", "Unsuitable", r"unsuitable|not (considered )?suitable|^2$|^(no|n|false)$"),
    Answer("a) Suitable", "Suitable", r"suitable|^1$|^(yes|y|true)$"),
    Answer("c) Not in touch or not recorded", None, r"not recorded|not in touch|unknown|^0$|^-$|^nan$"),
    Answer("d) Exclude", None, r"^exclude"),
))

ACTIVITY = Choice(tuple(Answer(f"{code}: {words}", code, None) for code, words in (
    ("F1", "Full time in higher education"), ("P1", "Part time in higher education"),
    ("F2", "Full time in education other than higher"),
    ("P2", "Part time in education other than higher"),
    ("F3", "Full time in training or employment"), ("P3", "Part time in training or employment"),
    ("F4", "Young person engaged full time in an apprenticeship"),
    ("P4", "Young person engaged part time in an apprenticeship"),
    ("F5", "Young person engaged full time in training or employment (not apprenticeship)"),
    ("P5", "Young person engaged part time in training or employment (not apprenticeship)"),
    ("G4", "Not in education, employment or training - illness or disability"),
    ("G5", "Not in education, employment or training - other"),
    ("G6", "Not in education, employment or training - pregnancy or parenting"))))

ADOPTION_REVERSED_REASON = Choice((
    Answer("a) Child’s needs changed", "RD1", r"needs changed|change of plan"),
    Answer("b) Court did not make a PO", "RD2", r"court|order not granted|not granted"),
    Answer("c) Prospective adopters cannot be found", "RD3", r"adopters? (cannot|could not|not)|"
           r"no adopters"),
    Answer("d) Any other reason", "RD4", r"other|disruption"),
))
