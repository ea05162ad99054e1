"""Reading vacancy text the way people write it, in Russian and English: salaries ("from
150 000 ₽", "$3k–4k", "до 200к руб"), links, remote / hybrid / office, employment type, level,
and skills as hashtags; and a whole pasted vacancy — an hh.ru page with headers, a LinkedIn
paragraph, a Telegram post with emoji — read into the form's fields. Pure functions: the form
and paste-to-fill both use them; tests/vacancy_corpus.py holds the texts they are measured on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.services.cities import find_cities

CURRENCIES = {
    "₽": "RUB", "руб": "RUB", "рубль": "RUB", "рубля": "RUB", "рублей": "RUB", "р": "RUB",
    "rub": "RUB", "rur": "RUB",
    "$": "USD", "usd": "USD", "долл": "USD", "доллар": "USD", "доллара": "USD",
    "долларов": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "евро": "EUR",
    "£": "GBP", "gbp": "GBP",
    "₸": "KZT", "kzt": "KZT", "тенге": "KZT",
    "byn": "BYN", "₴": "UAH", "uah": "UAH", "грн": "UAH",
    "₾": "GEL", "gel": "GEL", "лари": "GEL",
    "amd": "AMD", "֏": "AMD", "драм": "AMD", "драмов": "AMD",
    "rsd": "RSD", "try": "TRY", "₺": "TRY",
    "aed": "AED", "дирхам": "AED", "дирхамов": "AED",
    "ca$": "CAD", "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "chf": "CHF", "pln": "PLN", "zł": "PLN", "czk": "CZK", "kč": "CZK", "sek": "SEK",
    "inr": "INR", "₹": "INR",
}  # fmt: skip
SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴", "GEL": "₾"}
LOCATIONS = ("remote", "hybrid", "office")
EMPLOYMENT = ("full_time", "part_time", "contract", "internship")
LEVELS = ("intern", "junior", "middle", "senior", "lead")
MAX_TAGS = 12
# The card's limits, in Telegram's UTF-16 units.
TITLE_LIMIT = 120
COMPANY_LIMIT = 80
CITY_LIMIT = 60
DESCRIPTION_LIMIT = 2000


@dataclass(frozen=True)
class Salary:
    low: int | None
    high: int | None
    currency: str  # ISO code

    def describe(self, from_word: str, to_word: str) -> str:
        """'150 000–200 000 ₽', 'from $3,000', 'to 200 000 ₽' (words localized by the caller)."""
        symbol = SYMBOLS.get(self.currency)

        def money(value: int) -> str:
            digits = f"{value:,}".replace(",", "\u202f")
            if symbol == "$" or symbol == "£" or symbol == "€":
                return f"{symbol}{digits}"
            return f"{digits} {symbol or self.currency}"

        if self.low is not None and self.high is not None and self.low != self.high:
            low = f"{self.low:,}".replace(",", "\u202f")
            return (
                f"{low}–{money(self.high)}"
                if symbol not in ("$", "£", "€")
                else (f"{money(self.low)}–{money(self.high)}")
            )
        if self.low is not None:
            return f"{from_word} {money(self.low)}" if self.high is None else money(self.low)
        assert self.high is not None
        return f"{to_word} {money(self.high)}"


# Spaces inside a number and around a range stay on one line: "150\n2 года" is two things.
_SP = r"[^\S\n]"
_NUMBER = r"\d[\d \t\u00a0\u202f.,']*\d|\d"
_NOT_LETTER = r"(?![^\W\d_])"  # "р" is roubles in "500 р", not in "5 раз"
_MULT = rf"(?:(?:k|к|тыс|тысяч|thousand|m|млн|mln){_NOT_LETTER}\.?)?"
_CUR = "|".join(sorted((re.escape(k) for k in CURRENCIES), key=len, reverse=True))
_AMOUNT = (
    rf"(?:(?P<{{p}}cur1>{_CUR}){_SP}*)?(?P<{{p}}num>{_NUMBER}){_SP}*(?P<{{p}}mult>{_MULT}){_SP}*"
    rf"(?:(?P<{{p}}cur2>{_CUR}){_NOT_LETTER}\.?)?"
)
_SALARY_RE = re.compile(
    rf"(?P<from>от|from|starting at)?{_SP}*"
    + _AMOUNT.format(p="a")
    + rf"(?:{_SP}*(?:-|–|—|до|to|\.\.){_SP}*(?:до{_SP}*)?"
    + _AMOUNT.format(p="b")
    + r")?",
    re.IGNORECASE,
)
_UPTO_RE = re.compile(rf"(?:^|\s)(?:до|up to|to){_SP}+" + _AMOUNT.format(p="c"), re.IGNORECASE)
# "200-250k", "150–200 тыс": a range in thousands is money even without a currency sign.
_THOUSANDS_RANGE = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:[.,]\d)?{_SP}*[-–—]{_SP}*\d{{1,3}}(?:[.,]\d)?{_SP}*"
    rf"(?:k|к|тыс){_NOT_LETTER}",
    re.IGNORECASE,
)


def _amount(number: str, mult: str | None) -> int | None:
    digits = re.sub(r"[\s\u00a0\u202f']", "", number)
    # "150.000" / "3,500" are thousands separators; "3.5k" / "1,5 млн" are decimals.
    multiplier = {"": 1, "k": 1000, "к": 1000, "тыс": 1000, "тыс.": 1000, "тысяч": 1000,
                  "thousand": 1000, "m": 1_000_000, "млн": 1_000_000, "mln": 1_000_000}  # fmt: skip
    factor = multiplier.get((mult or "").lower().rstrip("."), 1)
    if factor == 1:
        digits = digits.replace(".", "").replace(",", "")
    else:
        digits = digits.replace(",", ".")
        if digits.count(".") > 1:
            digits = digits.replace(".", "")
    try:
        value = float(digits) * factor
    except ValueError:
        return None
    return round(value) if 0 < value < 10**9 else None


def _currency(*found: str | None) -> str | None:
    for item in found:
        if item:
            return CURRENCIES.get(item.lower().rstrip("."))
    return None


def parse_salary(text: str, default_currency: str | None = None) -> Salary | None:
    """A salary range from how people write it; None when there is no money in the text.
    A number without a currency is not a salary (it could be an address or a year) — unless
    the text is known to be about pay (`default_currency`: a "Salary:" line), and then only
    from a thousand on ("5/2" is a schedule)."""
    for match in _SALARY_RE.finditer(text):
        groups = match.groupdict()
        if not groups.get("anum"):
            continue
        currency = _currency(
            groups.get("acur1"), groups.get("acur2"), groups.get("bcur1"), groups.get("bcur2")
        )
        low = _amount(groups["anum"], groups.get("amult"))
        high = (
            _amount(groups["bnum"], groups.get("bmult") or groups.get("amult"))
            if groups.get("bnum")
            else None
        )
        if (
            groups.get("bnum")
            and not groups.get("amult")
            and groups.get("bmult")
            and low
            and low < 1000
        ):
            low = _amount(groups["anum"], groups.get("bmult"))  # "3–4k": both are thousands
        if low is None:
            continue
        if currency is None:
            if default_currency is None or max(low, high or 0) < 1000:
                continue
            currency = default_currency
        before = text[: match.start()].lower()
        if re.search(r"(?:до|up to|to)\s*$", before) and high is None:
            return Salary(None, low, currency)
        if high is not None and high < low:
            low, high = high, low
        return Salary(low, high, currency)
    for match in _UPTO_RE.finditer(text):
        groups = match.groupdict()
        currency = _currency(groups.get("ccur1"), groups.get("ccur2")) or default_currency
        amount = _amount(groups["cnum"], groups.get("cmult")) if groups.get("cnum") else None
        if currency and amount:
            return Salary(None, amount, currency)
    return None


_LINK_RE = re.compile(r"(?:https?://|t\.me/)[^\s<>\"')\]]+", re.IGNORECASE)
_USERNAME_RE = re.compile(r"(?<![\w.@/])@[A-Za-z][A-Za-z0-9_]{3,31}\b")


def valid_link(text: str) -> str | None:
    """An http(s) or t.me link (t.me without a scheme gets one); None for anything else."""
    value = text.strip()
    if re.fullmatch(r"@[A-Za-z0-9_]{4,32}", value):
        return f"https://t.me/{value[1:]}"
    if value.lower().startswith("t.me/"):
        value = "https://" + value
    if not re.fullmatch(
        r"https?://[^\s<>\"']+\.[^\s<>\"']*[^\s<>\"'.,;:!?]|https?://t\.me/\S+", value, re.I
    ):
        return None
    return value if len(value) <= 500 else None


def tags_from(text: str) -> tuple[str, ...]:
    """Skills as hashtags: '#python #remote' from 'Python, remote' or '#Python #Remote'.
    Letters, digits and _ only (what Telegram's hashtag search understands), lower case."""
    found: list[str] = []
    for raw in re.split(r"[,;/|\n]+|\s+(?=#)", text):
        word = raw.strip().lstrip("#").strip().lower()
        word = re.sub(r"[^\w]+", "_", word).strip("_")
        if not word or word.isdigit() or len(word) > 30:
            continue
        tag = "#" + word
        if tag not in found:
            found.append(tag)
        if len(found) >= MAX_TAGS:
            break
    return tuple(found)


# --- the facts of a vacancy, as words people use for them ---


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_LOCATION_RE = {
    "remote": _words(
        r"\bremote|удал[её]н\w*|дистанц\w*|\bиз дома\b|\bwfh\b|work from home|from anywhere"
        r"|из любой (?:точки|страны)|\b(?:online|онлайн)\b(?=\s*(?:[,.;)|/]|$))"
    ),
    "hybrid": _words(r"\bhybrid|гибрид\w*"),
    "office": _words(
        r"(?<!back )(?<!front )(?<!ms )(?<!back-)\boffice\b(?!\s*365)|\bофис(?:е|а|ом)?\b"
        r"|\bon-?site\b|\bon site\b|\bin-office\b"
    ),
}
_NEGATION_RE = re.compile(r"(?:\bno|\bnot|\bnon|\bне|\bбез)[\s-]*$", re.IGNORECASE)
_EMPLOYMENT_RE = {
    "internship": _words(r"\binternship|стажировк\w*"),
    "part_time": _words(
        r"\bpart[- ]?time|частичн\w* занятост\w*|неполн\w* (?:рабоч\w* )?(?:день|занятост\w*)"
        r"|подработк\w*|\b\d+\s*(?:h|hours?|часов|ч)\s*(?:/|a|per|в)\s*(?:week|неделю)\b"
    ),
    "contract": _words(
        r"\bcontract(?:or)?\b|\bfreelance\w*|фриланс\w*|\bконтракт\w*|\bгпх\b"
        r"|проектн\w* (?:работа|занятость)|project[- ]based"
    ),
    "full_time": _words(
        r"\bfull[- ]?time|полн\w* занятост\w*|полный (?:рабочий )?день|полная ставка"
        r"|фул+[- ]?тайм|\bfte\b"
    ),
}
# A label's one word: "Занятость: полная".
_EMPLOYMENT_VALUES = {"полная": "full_time", "частичная": "part_time", "проектная": "contract"}
# Levels in the title, where a word means what it says.
_TITLE_LEVEL_RE = {
    "intern": _words(r"\b(?:intern|interns|trainee|internship)\b|стаж[её]р\w*|стажировк\w*"),
    "junior": _words(r"\b(?:junior|jr)\b|джун\w*|младш\w*|начинающ\w*|\bentry[- ]level\b"),
    "middle": _words(r"\b(?:middle|mid|mid-level)\b|мидл\w*|миддл\w*"),
    "senior": _words(r"\b(?:senior|sr)\b|сень[оё]р\w*|синьор\w*|старш\w*"),
    "lead": _words(
        r"\b(?:lead|teamlead|techlead|head|chief|cto|principal)\b|тимлид\w*|техлид\w*"
        r"|\bлид\b|руководител\w*|\bstaff(?=\s+(?:software|data|ml|machine|backend|frontend"
        r"|product|platform|security|engineer|developer|designer|scientist|architect)\b)"
    ),
}
# In the rest of the text a word must be unmistakable: "you will lead the design" is no level.
_TEXT_LEVEL_RE = {
    "intern": _words(r"\b(?:intern|trainee|internship)\b|стаж[её]р\w*|стажировк\w*"),
    "junior": _words(r"\b(?:junior|jr)\b|джун\w*|\bentry[- ]level\b"),
    "middle": _words(r"\b(?:middle|mid|mid-level)\b|мидл\w*|миддл\w*"),
    "senior": _words(r"\b(?:senior|sr)\b|сень[оё]р\w*|синьор\w*"),
    "lead": re.compile(
        r"\b(?:[Tt]eam ?[Ll]ead|[Tt]ech ?[Ll]ead|Lead|LEAD)\b|[Тт]имлид\w*|[Тт]ехлид\w*"
    ),
}
# «Ведущий» is a senior's title in Russian job names, unless the text names a level itself.
_LEADING_RE = _words(r"ведущ\w*")


def _earliest(table: dict[str, re.Pattern[str]], text: str, negatable: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    for key, pattern in table.items():
        for match in pattern.finditer(text):
            if negatable and _NEGATION_RE.search(text[max(0, match.start() - 12) : match.start()]):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), key)
            break
    return best[1] if best else None


def location_in(text: str) -> str | None:
    """remote | hybrid | office: the first of remote and hybrid the text names ("remote or
    hybrid"), office only when it names neither ("hybrid, 3 days in the office")."""
    flexible = _earliest({k: _LOCATION_RE[k] for k in ("remote", "hybrid")}, text, True)
    if flexible is not None:
        return flexible
    return _earliest({"office": _LOCATION_RE["office"]}, text, True)


def employment_in(text: str) -> str | None:
    """An internship is one whatever its hours; otherwise the first kind the text names."""
    if _EMPLOYMENT_RE["internship"].search(text):
        return "internship"
    word = text.strip().lower().rstrip(".")
    if word in _EMPLOYMENT_VALUES:
        return _EMPLOYMENT_VALUES[word]
    return _earliest({k: v for k, v in _EMPLOYMENT_RE.items() if k != "internship"}, text)


def _starts_with_fact(text: str) -> bool:
    """Whether a piece of a title is only where or how the job is: "Remote (Europe)",
    "(remote, contract)", "— Berlin" (a level stays: "(Middle)" is part of the title)."""
    piece = text.strip(" ()[],.;:—–-").lower()
    if not piece:
        return True
    for pattern in (*_LOCATION_RE.values(), *_EMPLOYMENT_RE.values()):
        match = pattern.match(piece)
        if match:
            return True
    cities = find_cities(text.strip(" ()[],.;:—–-"))
    return bool(cities) and cities[0].start == 0


# --- labels: "Компания: X", "💰 200k", "• Salary: …" ---

_LABELS = {
    "title": "должность|позиция|вакансия|роль|position|role|job title|title|job|vacancy",
    "company": "компания|работодатель|организация|наниматель|заказчик|студия|company"
    "|employer|organization|organisation|studio|client",
    "city": "город|city",
    "where": "локация|местоположение|место работы|где|адрес|офис|location|where|office|based in",
    "format": "формат|формат работы|режим|work format|workplace|work mode|format|remote",
    "employment": "занятость|тип занятости|график|график работы|employment|employment type"
    "|job type|type|schedule",
    "level": "уровень|грейд|level|seniority|experience level|grade",
    "salary": "зарплата|заработная плата|зп|з/п|оклад|доход|вилка|оплата|стипендия|ставка"
    "|вознаграждение|бюджет|salary|compensation|pay|rate|budget",
    "link": "отклик|откликнуться|откликаться|контакт|контакты|связь|для связи|резюме|писать"
    "|пишите|подробнее|подробности|анкета|ссылка|телеграм|apply|apply here|apply via|contact"
    "|contacts|cv|details|link|telegram|dm",
}
_LABEL_OF = {word: key for key, words in _LABELS.items() for word in words.split("|")}
_EMOJI_LABELS = {
    "🏢": "company", "🏬": "company", "🏦": "company",
    "📍": "where", "🌍": "where", "🌎": "where", "🌏": "where", "🗺": "where", "🏙": "where",
    "💰": "salary", "💵": "salary", "💸": "salary", "💶": "salary", "💷": "salary", "💴": "salary",
    "📩": "link", "✉": "link", "📨": "link", "📧": "link", "👉": "link",
}  # fmt: skip
_LABEL_RE = re.compile(r"^(?P<label>[^\W\d_][\w /'’.-]{0,30}?)\s*[:：]\s*(?P<value>.*\S)\s*$")
# Salary lines need no colon: "ЗП от 70 тыс. руб.", "Оплата 60 000 ₽ в месяц".
_SALARY_START_RE = re.compile(
    r"^(?:зарплата|заработная плата|зп|з/п|оклад|доход|вилка|оплата|стипендия|salary"
    r"|compensation|pay|rate)\b\s*(?P<value>.*)$",
    re.IGNORECASE,
)


def _decoration(char: str) -> bool:
    """Emoji, bullets, dashes and spaces around a line ("🔥 • — Title ✨")."""
    return unicodedata.category(char) in {"So", "Sk", "Mn", "Me", "Cf", "Zs", "Pd", "Co", "Sm"} or (
        char in "•·*▪▫◦>|.,;:!?\u2022\t "
    )


def _strip_start(text: str) -> str:
    index = 0
    while index < len(text) and _decoration(text[index]) and text[index] not in "+−":
        index += 1
    return text[index:]


def _strip_end(text: str) -> str:
    end = len(text)
    while end > 0:
        char = text[end - 1]
        if unicodedata.category(char) in {"So", "Sk", "Mn", "Me", "Cf", "Zs"} or (
            char in "•·*|.,;:!?—–-\t "
        ):
            end -= 1
        else:
            break
    return text[:end]


def _strip(text: str) -> str:
    return _strip_end(_strip_start(text.strip()))


@dataclass(frozen=True)
class _Line:
    raw: str
    label: str | None = None  # a key of _LABELS
    value: str = ""


def _read_line(raw: str) -> _Line:
    text = raw.strip()
    emoji = next((e for e in _EMOJI_LABELS if text.startswith(e)), None)
    body = _strip_start(text)
    match = _LABEL_RE.match(body)
    if match:
        label = _LABEL_OF.get(re.sub(r"\s+", " ", match.group("label").lower()).strip())
        if label is not None:
            return _Line(raw, label, match.group("value").strip())
    salary = _SALARY_START_RE.match(body)
    if salary and re.search(r"\d", salary.group("value")):
        return _Line(raw, "salary", salary.group("value"))
    if emoji is not None and body:
        return _Line(raw, _EMOJI_LABELS[emoji], body)
    return _Line(raw)


# --- the title line: "Senior Engineer at Acme", "Ищем бухгалтера в компанию «X»" ---

_HEADER_RE = re.compile(
    r"^(?:#?вакансия|#?vacancy|#?job|#?работа|открыта вакансия|new job|hot job"
    r"|we(?:'re|’re| are) hiring|now hiring|hiring|мы ищем|ищем|срочно)$",
    re.IGNORECASE,
)
_HIRING_LINE_RE = re.compile(
    r"^(?P<company>[A-ZА-ЯЁ«\"][^\s]*(?:\s+[A-ZА-ЯЁ][^\s]*){0,3})\s+(?i:is|are)\s+(?i:hiring)$"
    r"|^(?i:#?вакансия|открыта вакансия|job|vacancy)\s+(?i:в|от|at|in)\s+(?:(?i:компани[июи])\s+)?"
    r"(?P<company2>«[^»]+»|[A-ZА-ЯЁ][\w.&'-]*(?:\s+[A-ZА-ЯЁ][\w.&'-]*){0,2})$"
)
# What comes before a title. Words that could begin a title themselves ("Hiring Manager",
# "Job Coach") count only with a colon, an exclamation or an article after them.
_PREFIX_RE = re.compile(
    r"^(?:(?P<acc>мы\s+ищем|ищем|ищу|приглашаем|набираем|нанимаем|разыскиваем)\s+"
    r"|(?:we(?:'re|’re| are)\s+looking\s+for|looking\s+for|требуется|требуются|нужен|нужна"
    r"|нужны|открыта\s+вакансия|открыта\s+позиция|срочно)(?:\s*[:!—–-]\s*|\s+)"
    r"|(?:we(?:'re|’re| are)\s+hiring(?:\s+for)?|now\s+hiring|hiring|join\s+us\s+as"
    r"|open\s+position|подработка|вакансия|vacancy|job|position)"
    r"(?:\s*[:!—–-]\s*|\s+(?=(?:an?|the)\s)))",
    re.IGNORECASE,
)
_ARTICLE_RE = re.compile(r"(?:an?|the)\s+", re.IGNORECASE)
_NAME = (
    r"(?:«[^»]{1,60}»|\"[^\"]{1,60}\""
    r"|[A-ZА-ЯЁ0-9][\w.&'+-]*(?:\s+(?:&\s+)?[A-ZА-ЯЁ][\w.&'+-]*){0,3})"
)
# "В Ozon Tech ищем …", "Компания «X» ищет …", "Spotify is looking for a …"
_COMPANY_FIRST_RE = re.compile(
    rf"^[Вв]\s+(?:команд[уы]\s+|компани[юи]\s+)?(?P<c1>{_NAME})\s+(?P<v1>ищем|ищут|требуется"
    r"|требуются|нужен|нужна|нужны|приглашаем|открыта\s+вакансия)\s+(?P<r1>.+)"
    rf"|^(?:[Кк]омпания\s+)?(?P<c2>{_NAME})\s+(?P<v2>ищет|ищут|приглашает|нанимает|is\s+looking\s+for"
    r"|are\s+looking\s+for|is\s+hiring|are\s+hiring|is\s+seeking|seeks|needs)\s+(?:an?\s+)?(?P<r2>.+)",
)
_ACCUSATIVE_VERBS = {"ищем", "ищут", "ищет", "приглашаем", "приглашает", "нанимает"}
# Where the company is named inside a title line, and where the title stops without one.
_AT_RE = re.compile(
    r"\s+(?:at|@)\s+(?=\S)"
    r"|\s+в\s+(?:компанию|компании|студию|агентство|команду|стартап)\s+(?=[«\"A-ZА-ЯЁ0-9])"
    r"|\s+в\s+(?=[«\"A-Z])"
    r"|\s+в\s+[а-яё]+\s+(?=«)"
)
_TITLE_STOP_RE = re.compile(
    r"\s+(?:to\s+join|for\s+our|в\s+(?:нашу\s+)?команд[уы]|в\s+отдел|в\s+проект|в\s+нашу)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = {
    "corp", "inc", "ltd", "co", "llc", "jr", "sr", "st", "mr", "ms", "dr", "vs", "etc", "e.g",
    "i.e", "г", "м", "ул", "д", "т.д", "т.п", "им", "пр", "др", "ср", "тыс", "руб", "млн",
}  # fmt: skip
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s|$)")


def _first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence, the rest): "Corp." and "г." do not end one, nor a dot in ( )."""
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[: match.start()]
        word = re.search(r"[\w.]+$", before)
        if (
            match.group() == "."
            and word
            and (word.group().lower() in _ABBREVIATIONS or len(word.group()) == 1)
        ):
            continue
        if before.count("(") > before.count(")"):
            continue
        return before, text[match.end() :].strip()
    return text, ""


def _company_name(text: str) -> str | None:
    return _leading_name(text)[0]


def _leading_name(text: str) -> tuple[str | None, int]:
    """(the name at the start of `text`, how many characters it took): «quoted», or
    capitalized words up to a comma, a dash or a dot that ends a word ("Acme Corp. Hybrid, …"
    → "Acme Corp")."""
    quoted = re.match(r"\s*(?:«([^»]{1,60})»|\"([^\"]{1,60})\")", text)
    if quoted:
        return (quoted.group(1) or quoted.group(2)).strip(), quoted.end()
    taken: list[str] = []
    end = 0
    for token in re.finditer(r"\S+", text):
        word = token.group()
        bare = word.rstrip(".,;:!?)")
        joiner = word in ("&", "and", "и", "of", "de")
        capital = bare[:1].isupper() or bare[:1].isdigit()
        if word.startswith(("(", "—", "–", "|", "·")) or not (capital or (taken and joiner)):
            break
        taken.append(bare)
        end = token.start() + len(bare)
        if word != bare or len(taken) >= 4:
            break
    while taken and taken[-1] in ("&", "and", "и", "of", "de"):
        taken.pop()
    name = " ".join(taken).strip(" .")
    return (name, end) if name else (None, 0)


def _split_outside_parens(text: str, separator: str) -> tuple[str, str]:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith(separator, index):
            return text[:index], text[index + len(separator) :]
    return text, ""


_PREPOSITIONS = {
    "на", "в", "во", "для", "с", "со", "по", "к", "из", "от", "у", "без", "при", "под", "за",
    "о", "об", "и", "или",
}  # fmt: skip
_INDECLINABLE = {"бариста"}


def _nominative_word(word: str) -> tuple[str, bool]:
    """(the word in the nominative, whether it was a noun) for a word of «Ищем младшего
    аналитика»: accusative and genitive endings of job names back to the dictionary form."""
    lower = word.lower()
    if lower in _INDECLINABLE or len(lower) < 4:
        return word, True
    for ending, nominative, noun in (
        ("его", "ий", False),
        ("ого", "ый", False),
        ("ую", "ая", False),
        ("юю", "яя", False),
        ("ых", "ый", False),
        ("их", "ий", False),
        ("ца", "ец", True),
        ("ов", "", True),
    ):
        if lower.endswith(ending):
            stem = word[: -len(ending)]
            if ending == "ого" and stem[-1:].lower() in "гкхжшщч":
                nominative = "ий"
            return stem + nominative, noun
    consonant = "бвгджзйклмнпрстфхцчшщ"
    if lower.endswith("а") and lower[-2] in consonant:
        return word[:-1], True
    if lower.endswith("я") and lower[-2] in consonant:
        return word[:-1] + "ь", True
    if lower.endswith("у"):
        return word[:-1] + "а", True
    if lower.endswith("ю"):
        return word[:-1] + "я", True
    return word, True


def _nominative(phrase: str) -> str:
    """«младшего графического дизайнера в студию» → «младший графический дизайнер в студию»:
    adjectives and the first noun change; what follows the noun stays as written."""
    words = phrase.split(" ")
    for index, word in enumerate(words):
        if word.lower() in _PREPOSITIONS or word.startswith("("):
            break
        head, _, last = word.rpartition("-")
        if not re.search("[а-яё]", last, re.IGNORECASE):
            continue  # "Senior", "QA": as written
        changed, noun = _nominative_word(last.rstrip(","))
        words[index] = (head + "-" if head else "") + changed + ("," if last.endswith(",") else "")
        if noun or last.endswith(","):
            break
    return " ".join(words)


@dataclass(frozen=True)
class _Title:
    title: str | None
    company: str | None
    rest: str  # what follows the title's sentence on its line


def _read_title(line: str) -> _Title:
    whole = _strip(re.sub(r"(?<!\w)#\w+", "", line))
    body, accusative = whole, False
    while prefix := _PREFIX_RE.match(body):
        accusative = accusative or bool(prefix.group("acc"))
        body = body[prefix.end() :]
        article = _ARTICLE_RE.match(body)
        body = body[article.end() :] if article else body
    # A paragraph pasted whole: its title is the leading phrase, never the paragraph.
    sentence, more = _first_sentence(body)
    paragraph = len(body) > 90 or bool(more)
    start, end = 0, len(sentence)  # the title's span in `sentence`
    company, company_end = None, None
    first = _COMPANY_FIRST_RE.match(sentence)
    if first:
        number = "1" if first.group("c1") else "2"
        company = _company_name(first.group(f"c{number}"))
        accusative = first.group(f"v{number}").lower() in _ACCUSATIVE_VERBS
        start = first.start(f"r{number}")
        article = _ARTICLE_RE.match(sentence[start:])
        start += article.end() if article else 0
    at = _AT_RE.search(sentence, start)
    if at:
        name, taken = _leading_name(sentence[at.end() :])
        if name:
            company, company_end = company or name, at.end() + taken
        end = at.start()
    stop = _TITLE_STOP_RE.search(sentence, start, end)
    if stop:
        end = stop.start()
    text = re.split(r"\s+\|", sentence[start:end])[0]
    for dash in reversed(list(re.finditer(r"\s+[—–-]\s+", text))):
        if not _starts_with_fact(text[dash.end() :]):
            break
        text = text[: dash.start()]  # "— Remote (Europe)" is said on the card
    if paragraph:
        text = _split_outside_parens(text, ",")[0]
    rest = ""
    if paragraph:
        # What the paragraph says after its title (and company) is the start of the text;
        # a phrase that only continues the title's sentence keeps the sentence whole.
        after = body[company_end if company_end is not None else start + len(text) :]
        rest = _strip_start(after.lstrip('»"').lstrip())
        if rest[:1].islower():
            rest = _strip_start(re.sub(r"(?<!\w)#\w+", "", line).strip())
    text = re.sub(
        r"\s*\(([^()]*)\)",
        lambda m: "" if all(_starts_with_fact(p) for p in re.split(r"[,/]", m.group(1))) else m[0],
        text,
    )
    if accusative:
        text = _nominative(text)
    text = _strip(text)
    if not re.search(r"\w", text) or len(text) > TITLE_LIMIT:
        return _Title(None, company, rest)
    # "Бухгалтер" from «бухгалтера», but "iOS-разработчик" stays as its maker spells it.
    first_word = re.split(r"[\s-]", text, maxsplit=1)[0]
    if not any(char.isupper() for char in first_word[1:]):
        text = text[:1].upper() + text[1:]
    return _Title(text, company, rest)


# --- the company elsewhere in the text ---

_ORG_WORDS = (
    r"компани[яиюей]|студи[яиюей]|(?:[\w]+-)?школ[аыуе]|кофейн[яиюе]|ресторан[аеу]?|кафе"
    r"|агентств[оау]|банк[аеу]?|салон[аеу]?|магазин[аеу]?|клиник[аиуе]|фонд[аеу]?|сет[ьи]"
    r"|бар[аеу]?|пекарн[яиюе]|стартап[аеу]?|лаборатори[яиюей]"
)
_COMPANY_PATTERNS = (
    # ООО «Ромашка», АО «Т-Банк»: the legal form is part of the name people write.
    re.compile(r"(?P<full>\b(?:ООО|АО|ПАО|ЗАО|ОАО|НКО|АНО|ФГУП|ГК)\s+«[^»\n]{1,60}»)"),
    # в кофейню «Зерно», Онлайн-школа «Фоксфорд»
    re.compile(rf"(?<!\w)(?:{_ORG_WORDS})\s+(?P<name>«[^»\n]{{1,60}}»)", re.IGNORECASE),
    # в компанию Skyeng, компании X5 Tech
    re.compile(rf"(?<!\w)[Кк]омпани[яиюей]\s+(?P<name>{_NAME})"),
    # Toggl is a remote-first company
    re.compile(
        r"(?m)^(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,2})\s+is\s+an?\s+[^.\n]{0,60}?"
        r"\b(?:company|startup|studio|agency|platform|team)\b"
    ),
    # Docker Inc., Acme GmbH
    re.compile(
        r"(?P<full>\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s+(?:Inc|LLC|Ltd|GmbH|LLP|PLC|Corp"
        r"|AG|S\.A|B\.V)\b\.?)"
    ),
)
_ORG_PREFIX_RE = re.compile(rf"^(?:{_ORG_WORDS})\s+(?=[A-ZА-ЯЁ«])", re.IGNORECASE)


def _clean_company(name: str | None) -> str | None:
    if not name:
        return None
    name = _strip(name)
    quoted = re.fullmatch(r"«([^»]+)»|\"([^\"]+)\"", name)
    if quoted:
        name = (quoted.group(1) or quoted.group(2)).strip()
    name = re.sub(r"\s+", " ", name)
    if not re.search(r"\w", name) or len(name) > COMPANY_LIMIT:
        return None
    return name


def _company_in(text: str) -> str | None:
    for pattern in _COMPANY_PATTERNS:
        match = pattern.search(text)
        if match:
            found = match.groupdict().get("full") or _company_name(match.group("name"))
            if found:
                return found
    return None


def _company_line(line: str) -> str | None:
    """ "Shopify · Toronto, ON · Remote", "Stripe — New York (Hybrid)", "Кофейня Surf Coffee,
    Белград": the line under a title, a name first and then where the job is."""
    pieces = [p for p in re.split(r"\s+[·•|—–-]\s+|,\s*", _strip(line)) if p.strip()]
    if len(pieces) < 2 or _starts_with_fact(pieces[0]) or _LABEL_RE.match(pieces[0]):
        return None
    if not any(_starts_with_fact(p) or find_cities(p) for p in pieces[1:]):
        return None
    name = _ORG_PREFIX_RE.sub("", pieces[0].strip())
    if len(name) > 60 or not re.search(r"[A-ZА-ЯЁ]", name) or re.search(r"\d{3}", name):
        return None
    return name


# --- the city ---

_CITY_MARK_RE = re.compile(r"(?<!\w)(?:г\.|город)\s*(?P<name>[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?)")


def _city_in(text: str) -> str | None:
    cities = find_cities(text)
    marked = _CITY_MARK_RE.search(text)
    if marked and (not cities or marked.start() < cities[0].start):
        named = find_cities(marked.group("name"))
        return named[0].name if named else marked.group("name")
    return cities[0].name if cities else None


def _labelled_city(value: str | None) -> str | None:
    """ "Город: Подольск": the city as written when it is not one we know by name."""
    if not value:
        return None
    known = _city_in(value)
    if known:
        return known
    first = _strip(re.split(r"[,;(/]", value)[0])
    if not first or _starts_with_fact(first) or not first[:1].isupper():
        return None
    return first


def _level_in(title: str, labelled: str | None, text: str) -> str | None:
    for table, where in ((_TITLE_LEVEL_RE, title), (_TITLE_LEVEL_RE, labelled or ""),
                         (_TEXT_LEVEL_RE, text)):  # fmt: skip
        found = _earliest(table, where)
        if found is not None:
            return found
    return "senior" if _LEADING_RE.search(title) or _LEADING_RE.search(text) else None


def _default_currency(text: str) -> str:
    """What a bare "200-250k" means: roubles in a Russian text, dollars otherwise."""
    cyrillic = len(re.findall("[а-яё]", text, re.IGNORECASE))
    latin = len(re.findall("[a-z]", text, re.IGNORECASE))
    return "RUB" if cyrillic >= latin else "USD"


# A channel's own tags say it is a vacancy, not what the job needs.
_CHANNEL_TAGS = frozenset(
    {
        "#вакансия", "#вакансии", "#vacancy", "#vacancies", "#job", "#jobs", "#работа",
        "#hiring", "#ищем", "#ищу", "#резюме", "#hh", "#новая_вакансия", "#job_offer",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Prefill:
    """What a pasted vacancy text says, as far as we can tell; None where it does not."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    employment: str | None = None
    level: str | None = None
    salary: Salary | None = None
    link: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    description: str | None = None
    city: str | None = None


def _first_value(lines: Iterable[_Line], label: str) -> str | None:
    return next((line.value for line in lines if line.label == label), None)


def _link_in(text: str) -> str | None:
    for raw in _LINK_RE.findall(text):
        valid = valid_link(raw.rstrip(".,;:!?"))
        if valid is not None:
            return valid
    for raw in _USERNAME_RE.findall(text):
        valid = valid_link(raw)
        if valid is not None:
            return valid
    return None


_HASHTAG_RE = re.compile(r"(?<!\w)#\w+")


@dataclass
class _Head:
    """Where the title stands, what it says, the company, and the lines before the title that
    only announce the post (a header, a link, "X is hiring")."""

    title_index: int | None
    title: _Title | None
    company: str | None
    consumed: set[int]


def _head(text: str, lines: list[_Line], hashtag_only: list[bool]) -> _Head:
    # The title: a "Position:" line, or the first line that says something.
    company = _clean_company(_first_value(lines, "company"))
    title_index: int | None = None
    title: _Title | None = None
    labelled_title = _first_value(lines, "title")
    consumed: set[int] = set()
    for index, line in enumerate(lines):
        if hashtag_only[index] or line.label is not None:
            continue
        bare = _strip(_HASHTAG_RE.sub("", line.raw))
        if _LINK_RE.fullmatch(bare) or _USERNAME_RE.fullmatch(bare) or _HEADER_RE.match(bare):
            consumed.add(index)
            continue
        hiring = _HIRING_LINE_RE.match(bare)
        if hiring:
            company = company or _clean_company(hiring.group("company") or hiring.group("company2"))
            consumed.add(index)
            continue
        if labelled_title is None:
            title_index, title = index, _read_title(line.raw)
        break
    if labelled_title is not None:
        title = _Title(_read_title(labelled_title).title, None, "")
    company = company or _clean_company(title.company if title else None)
    company = company or _clean_company(_company_in(text))
    if company is None and title_index is not None and title_index + 1 < len(lines):
        after = lines[title_index + 1]
        if after.label is None:
            company = _clean_company(_company_line(after.raw))
    return _Head(title_index, title, company, consumed)


def _salary_of(text: str, lines: list[_Line]) -> Salary | None:
    currency = _default_currency(text)
    salary_line = _first_value(lines, "salary")
    salary = (parse_salary(salary_line, currency) if salary_line else None) or parse_salary(text)
    if salary is None:
        found = _THOUSANDS_RANGE.search(text)
        salary = parse_salary(found.group(), currency) if found else None
    return salary


def _description(
    text: str, lines: list[_Line], hashtag_only: list[bool], head: _Head, link: str | None
) -> str | None:
    """The text without its title, its hashtags and the lines that only repeat a field the
    card shows anyway; the author's paragraphs stay."""
    out: list[str] = []
    index = -1
    for raw in text.splitlines():
        if not raw.strip():
            if out and out[-1]:
                out.append("")
            continue
        index += 1
        line = lines[index]
        if index == head.title_index:
            if head.title is not None and head.title.rest:
                out.append(head.title.rest)
        elif not (
            index in head.consumed
            or hashtag_only[index]
            or line.label in ("title", "company", "salary")
            or (link is not None and (line.label == "link" or _only_link(line.raw)))
        ):
            out.append(raw.strip())
    description = "\n".join(out).strip() or None
    title_text = head.title.title if head.title else None
    if description and title_text and description.strip().lower() == title_text.lower():
        return None
    return description


def prefill(text: str) -> Prefill:
    text = text.strip()
    lines = [_read_line(raw) for raw in text.splitlines() if raw.strip()]
    hashtag_only = [not _strip(_HASHTAG_RE.sub("", line.raw)) for line in lines]
    head = _head(text, lines, hashtag_only)
    title_line = (
        lines[head.title_index].raw
        if head.title_index is not None
        else (_first_value(lines, "title") or "")
    )
    where = " ".join(v for v in (_first_value(lines, "where"), _first_value(lines, "format")) if v)
    city = _labelled_city(_first_value(lines, "city"))
    city = city or (_city_in(where) if where else None) or _city_in(text)
    employment_value = _first_value(lines, "employment")
    link_line = _first_value(lines, "link")
    link = (_link_in(link_line) if link_line else None) or _link_in(text)
    hashtags = tuple(
        tag for tag in tags_from(" ".join(_HASHTAG_RE.findall(text))) if tag not in _CHANNEL_TAGS
    )
    return Prefill(
        title=head.title.title if head.title else None,
        company=head.company,
        location=(location_in(where) if where else None) or location_in(text),
        employment=(employment_in(employment_value) if employment_value else None)
        or employment_in(text),
        level=_level_in(title_line, _first_value(lines, "level"), text),
        salary=_salary_of(text, lines),
        link=link,
        tags=hashtags,
        description=_description(text, lines, hashtag_only, head, link),
        city=city[:CITY_LIMIT] if city else None,
    )


def _only_link(raw: str) -> bool:
    rest = _USERNAME_RE.sub("", _LINK_RE.sub("", raw))
    rest = _strip(rest).lower().rstrip(" →:-")
    return not rest or _LABEL_OF.get(rest) == "link"
