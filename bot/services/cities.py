"""Cities named in free text, in Russian (any grammatical case: «в Москве», «из Казани») and in
English: where members' vacancies and profiles usually are — Russia, the CIS, Europe and the
big cities of the world. A city is returned in the script it was written in, in its usual form
(«Санкт-Петербург» for «в Питере», "Saint Petersburg" for "St. Petersburg")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One city a line: Russian spellings | English spellings; the first of each is the usual form.
# Left out on purpose: names that are also common words or first names (Nice, Reading, Split,
# Bar, Milan, Sofia/София, Владимир, Киров, Орёл), and «мск» (also "Moscow time").
_TABLE = """
Москва | Moscow
Санкт-Петербург, Петербург, СПб, Спб, Питер | Saint Petersburg, St. Petersburg, St Petersburg
Новосибирск | Novosibirsk
Екатеринбург, Екб | Yekaterinburg, Ekaterinburg
Казань | Kazan
Нижний Новгород | Nizhny Novgorod
Челябинск | Chelyabinsk
Самара | Samara
Омск | Omsk
Ростов-на-Дону | Rostov-on-Don
Уфа | Ufa
Красноярск | Krasnoyarsk
Воронеж | Voronezh
Пермь | Perm
Волгоград | Volgograd
Краснодар | Krasnodar
Саратов | Saratov
Тюмень | Tyumen
Тольятти | Tolyatti
Ижевск | Izhevsk
Барнаул | Barnaul
Ульяновск | Ulyanovsk
Иркутск | Irkutsk
Хабаровск | Khabarovsk
Ярославль | Yaroslavl
Владивосток | Vladivostok
Махачкала | Makhachkala
Томск | Tomsk
Оренбург | Orenburg
Кемерово | Kemerovo
Рязань | Ryazan
Астрахань | Astrakhan
Пенза | Penza
Липецк | Lipetsk
Тула | Tula
Калининград | Kaliningrad
Сочи | Sochi
Ставрополь | Stavropol
Курск | Kursk
Тверь | Tver
Белгород | Belgorod
Архангельск | Arkhangelsk
Мурманск | Murmansk
Сургут | Surgut
Якутск | Yakutsk
Петрозаводск | Petrozavodsk
Великий Новгород | Veliky Novgorod
Псков | Pskov
Смоленск | Smolensk
Калуга | Kaluga
Чебоксары | Cheboksary
Иннополис | Innopolis
Зеленоград | Zelenograd
Химки | Khimki
Минск | Minsk
Гомель | Gomel, Homel
Брест | Brest
Гродно | Grodno, Hrodna
Витебск | Vitebsk
Киев, Київ | Kyiv, Kiev
Харьков | Kharkiv, Kharkov
Одесса | Odesa, Odessa
Львов | Lviv
Днепр | Dnipro
Алматы, Алма-Ата | Almaty
Астана | Astana
Шымкент | Shymkent
Караганда | Karaganda
Ташкент | Tashkent
Самарканд | Samarkand
Бишкек | Bishkek
Душанбе | Dushanbe
Баку | Baku
Тбилиси | Tbilisi
Батуми | Batumi
Ереван | Yerevan
Кишинёв | Chisinau, Chișinău
Белград | Belgrade
Нови-Сад | Novi Sad
Подгорица | Podgorica
Будва | Budva
Загреб | Zagreb
Любляна | Ljubljana
Сараево | Sarajevo
Варна | Varna
Бухарест | Bucharest
Будапешт | Budapest
Прага | Prague, Praha
Брно | Brno
Вена | Vienna, Wien
Варшава | Warsaw
Краков | Krakow, Kraków
Вроцлав | Wroclaw, Wrocław
Гданьск | Gdansk, Gdańsk
Рига | Riga
Вильнюс | Vilnius
Таллин, Таллинн | Tallinn
Хельсинки | Helsinki
Стокгольм | Stockholm
Копенгаген | Copenhagen
Осло | Oslo
Берлин | Berlin
Мюнхен | Munich, München
Гамбург | Hamburg
Франкфурт | Frankfurt
Кёльн | Cologne, Köln
Дюссельдорф | Dusseldorf, Düsseldorf
Лейпциг | Leipzig
Амстердам | Amsterdam
Роттердам | Rotterdam
Эйндховен | Eindhoven
Брюссель | Brussels
Люксембург | Luxembourg
Париж | Paris
Лион | Lyon
Лондон | London
Манчестер | Manchester
Эдинбург | Edinburgh
Дублин | Dublin
Цюрих | Zurich, Zürich
Женева | Geneva
Рим | Rome
Мадрид | Madrid
Барселона | Barcelona
Валенсия | Valencia
Малага | Malaga, Málaga
Лиссабон | Lisbon
Порту | Porto
Афины | Athens
Лимасол | Limassol
Никосия | Nicosia
Ларнака | Larnaca
Стамбул | Istanbul
Анталья | Antalya
Дубай | Dubai
Абу-Даби | Abu Dhabi
Доха | Doha
Тель-Авив | Tel Aviv
Хайфа | Haifa
Бангкок | Bangkok
Пхукет | Phuket
Сингапур | Singapore
Гонконг | Hong Kong
Токио | Tokyo
Сеул | Seoul
Шанхай | Shanghai
Пекин | Beijing
Сидней | Sydney
Нью-Йорк | New York, NYC
Сан-Франциско | San Francisco
Лос-Анджелес | Los Angeles
Сиэтл | Seattle
Бостон | Boston
Остин | Austin
Чикаго | Chicago
Майами | Miami
Торонто | Toronto
Ванкувер | Vancouver
Монреаль | Montreal
"""


@dataclass(frozen=True)
class _City:
    russian: str
    english: str


def _declined(word: str) -> str:
    """A Russian word of a city's name in any case: «Москв(а|ы|е|у|ой)», «Казан(ь|и|ью)»."""
    stem_pattern = re.escape(word).replace("ё", "[её]").replace("Ё", "[ЕЁ]")
    if len(word) < 3 or not re.search("[а-яё]", word, re.IGNORECASE):
        return stem_pattern
    last = word[-1].lower()
    stem = re.escape(word[:-1]).replace("ё", "[её]")
    if word.lower().endswith(("ий", "ый")):
        return re.escape(word[:-2]) + "(?:ий|ый|ого|его|ому|ему|им|ым|ом|ем)"
    if last == "а":
        return stem + "(?:а|ы|и|е|у|ой|ою)"
    if last == "я":
        return stem + "(?:я|и|ю|ей|е)"
    if last == "ь":
        return stem + "(?:ь|и|ю|ью|ем|е|я)"
    if last == "й":
        return stem + "(?:й|я|ю|е|ем)"
    if last in "оиуеэыю":  # Осло, Сочи, Баку: not declined
        return stem_pattern
    return stem_pattern + "(?:а|у|е|ом|ам)?"


def _pattern(spelling: str, russian: bool) -> str:
    if not russian:
        return re.escape(spelling).replace(r"\ ", r"\s+")
    parts = re.split(r"([ -])", spelling)
    return "".join(
        r"\s+" if part == " " else "-" if part == "-" else _declined(part) for part in parts
    )


def _build() -> tuple[list[_City], re.Pattern[str], re.Pattern[str]]:
    cities: list[_City] = []
    russian: list[str] = []
    english: list[str] = []
    for line in _TABLE.strip().splitlines():
        ru, en = (side.split(",") for side in line.split("|"))
        ru_names, en_names = [n.strip() for n in ru], [n.strip() for n in en]
        index = len(cities)
        cities.append(_City(ru_names[0], en_names[0]))
        names = sorted(ru_names, key=len, reverse=True)
        russian.append(f"(?P<r{index}>{'|'.join(_pattern(n, True) for n in names)})")
        names = sorted(en_names, key=len, reverse=True)
        english.append(f"(?P<e{index}>{'|'.join(_pattern(n, False) for n in names)})")
    edge_before, edge_after = r"(?<![\w-])", r"(?![\w])"
    return (
        cities,
        # Capitalized as names are («в порту» is not Porto); hashtags are capitalized first.
        re.compile(edge_before + "(?:" + "|".join(russian) + ")" + edge_after),
        re.compile(edge_before + "(?:" + "|".join(english) + ")" + edge_after),
    )


_CITIES, _RUSSIAN, _ENGLISH = _build()


@dataclass(frozen=True)
class FoundCity:
    name: str  # the usual form, in the script of the text
    start: int
    end: int


def find_cities(text: str) -> list[FoundCity]:
    """Every city named in the text, in the order they appear."""
    # "#москва" is a city too: capitalize hashtags (same length, so positions hold).
    text = re.sub(r"(?<=#)\w", lambda m: m.group().upper(), text)
    found: list[FoundCity] = []
    for pattern, russian in ((_RUSSIAN, True), (_ENGLISH, False)):
        for match in pattern.finditer(text):
            city = _CITIES[int((match.lastgroup or "x0")[1:])]
            name = city.russian if russian else city.english
            found.append(FoundCity(name, match.start(), match.end()))
    return sorted(found, key=lambda c: c.start)


def first_city(text: str) -> str | None:
    found = find_cities(text)
    return found[0].name if found else None
