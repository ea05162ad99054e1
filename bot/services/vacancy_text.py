"""Reading vacancy text the way people write it, in Russian and English: salaries ("from
150 000 ₽", "$3k–4k", "до 200к руб"), links, remote / hybrid / office, employment type, level,
and skills as hashtags. Pure functions: the form and paste-to-fill both use them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CURRENCIES = {
    "₽": "RUB", "руб": "RUB", "р": "RUB", "rub": "RUB", "rur": "RUB",
    "$": "USD", "usd": "USD", "долл": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "евро": "EUR",
    "£": "GBP", "gbp": "GBP",
    "₸": "KZT", "kzt": "KZT", "тенге": "KZT",
    "byn": "BYN", "₴": "UAH", "uah": "UAH", "грн": "UAH",
    "₾": "GEL", "gel": "GEL", "лари": "GEL",
    "amd": "AMD", "֏": "AMD", "драм": "AMD",
    "rsd": "RSD", "try": "TRY", "₺": "TRY",
}  # fmt: skip
SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "KZT": "₸", "UAH": "₴", "GEL": "₾"}
LOCATIONS = ("remote", "hybrid", "office")
EMPLOYMENT = ("full_time", "part_time", "contract", "internship")
LEVELS = ("intern", "junior", "middle", "senior", "lead")
MAX_TAGS = 12


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


_NUMBER = r"\d[\d\s\u00a0\u202f.,']*\d|\d"
_MULT = r"(?:k|к|тыс\.?|тысяч|thousand|m|млн|mln)?"
_CUR = "|".join(sorted((re.escape(k) for k in CURRENCIES), key=len, reverse=True))
_AMOUNT = (
    rf"(?:(?P<{{p}}cur1>{_CUR})\s*)?(?P<{{p}}num>{_NUMBER})\s*(?P<{{p}}mult>{_MULT})\.?\s*"
    rf"(?:(?P<{{p}}cur2>{_CUR})\.?)?"
)
_SALARY_RE = re.compile(
    r"(?P<from>от|from|starting at|от\s+)?\s*"
    + _AMOUNT.format(p="a")
    + r"(?:\s*(?:-|–|—|до|to|\.\.)\s*(?:до\s*)?"
    + _AMOUNT.format(p="b")
    + r")?",
    re.IGNORECASE,
)
_UPTO_RE = re.compile(r"(?:^|\s)(?:до|up to|to)\s+" + _AMOUNT.format(p="c"), re.IGNORECASE)


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


def parse_salary(text: str) -> Salary | None:
    """A salary range from how people write it; None when there is no money in the text.
    A number without a currency is not a salary (it could be an address or a year)."""
    for match in _SALARY_RE.finditer(text):
        groups = match.groupdict()
        if not groups.get("anum"):
            continue
        currency = _currency(
            groups.get("acur1"), groups.get("acur2"), groups.get("bcur1"), groups.get("bcur2")
        )
        if currency is None:
            continue
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
        before = text[: match.start()].lower()
        if re.search(r"(?:до|up to|to)\s*$", before) and high is None:
            return Salary(None, low, currency)
        if high is not None and high < low:
            low, high = high, low
        if groups.get("from") or high is None:
            return Salary(low, high, currency)
        return Salary(low, high, currency)
    for match in _UPTO_RE.finditer(text):
        groups = match.groupdict()
        currency = _currency(groups.get("ccur1"), groups.get("ccur2"))
        amount = _amount(groups["cnum"], groups.get("cmult")) if groups.get("cnum") else None
        if currency and amount:
            return Salary(None, amount, currency)
    return None


_LINK_RE = re.compile(r"(?:https?://|t\.me/)[^\s<>\"')\]]+", re.IGNORECASE)


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


_LOCATION_WORDS = {
    "remote": ("remote", "удалён", "удален", "удалёнка", "удаленка", "дистанц", "из дома", "wfh"),
    "hybrid": ("hybrid", "гибрид"),
    "office": ("office", "офис", "on-site", "onsite"),
}
_EMPLOYMENT_WORDS = {
    "full_time": ("full-time", "full time", "fulltime", "полная занятость", "полный день", "fte"),
    "part_time": ("part-time", "part time", "частичная занятость", "неполный день", "подработк"),
    "contract": ("contract", "контракт", "договор гпх", "гпх", "freelance", "фриланс", "проект"),
    "internship": ("internship", "intern ", "стажир", "стажёр", "стажер"),
}
_LEVEL_WORDS = {
    "lead": ("lead", "лид", "тимлид", "head of", "руководител"),
    "senior": ("senior", "сеньор", "синьор", "ведущ"),
    "middle": ("middle", "мидл", "миддл"),
    "junior": ("junior", "джун", "младш", "начинающ"),
    "intern": ("intern", "стажёр", "стажер", "trainee"),
}


def _first(table: dict[str, tuple[str, ...]], text: str) -> str | None:
    lowered = f" {text.lower()} "
    for key, words in table.items():
        if any(word in lowered for word in words):
            return key
    return None


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


_COMPANY_RE = re.compile(
    r"^\s*(?:компания|company|employer|работодатель)\s*[:\-—]\s*(?P<name>.+)$",
    re.IGNORECASE | re.MULTILINE,
)


def prefill(text: str) -> Prefill:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    title = None
    for line in lines:
        candidate = re.sub(r"#\w+", "", line).strip(" -—:*•🔥📢✅💼")
        if candidate and not _LINK_RE.fullmatch(candidate) and len(candidate) <= 120:
            title = candidate
            break
    company_match = _COMPANY_RE.search(text)
    links = _LINK_RE.findall(text)
    link = next(
        (valid for raw in links if (valid := valid_link(raw.rstrip(".,;"))) is not None), None
    )
    hashtags = tags_from(" ".join(re.findall(r"#\w+", text)))
    return Prefill(
        title=title,
        company=company_match.group("name").strip()[:80] if company_match else None,
        location=_first(_LOCATION_WORDS, text),
        employment=_first(_EMPLOYMENT_WORDS, text),
        level=_first(_LEVEL_WORDS, text),
        salary=parse_salary(text),
        link=link,
        tags=hashtags,
        description=text.strip(),
    )
