"""Texts: every key in every locale with the same variables, plurals right, no key unknown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n import LOCALES_DIR, MissingText, Translator, pick_language
from bot.services.audit import FILTERS
from bot.services.community_settings import (
    CHECKINS_SUMMARY_NEXT_AT,
    OPTIONS,
    REQUESTS_DIGEST_NEXT_AT,
)

ROOT = Path(__file__).resolve().parent.parent
PLURAL_NUMBERS = (0, 1, 2, 5, 11, 21, 101)


def parse(lang: str) -> dict[str, ast.Message]:
    messages: dict[str, ast.Message] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, ast.Junk)]
        assert not junk, f"{path}: {junk[0].annotations}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in messages, f"{lang}: {entry.id.name} twice"
                messages[entry.id.name] = entry
    return messages


PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many"}


class _Vars(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.selectors: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        # A plural selector names CLDR categories; one over exact values (a weekday's number,
        # 30/60 minutes) is not a plural and needs no number in every form.
        plural = any(
            isinstance(v.key, ast.Identifier) and v.key.name in PLURAL_CATEGORIES
            for v in node.variants
        )
        if isinstance(node.selector, ast.VariableReference) and plural:
            self.selectors.add(node.selector.id.name)
        self.generic_visit(node)


def variables(message: ast.Message) -> _Vars:
    visitor = _Vars()
    visitor.visit(message)
    return visitor


LOCALES = {lang: parse(lang) for lang in ("ru", "en")}


def test_every_key_in_every_locale_with_the_same_variables() -> None:
    ru, en = LOCALES["ru"], LOCALES["en"]
    assert set(ru) == set(en), f"only ru: {set(ru) - set(en)}; only en: {set(en) - set(ru)}"
    for key in ru:
        assert variables(ru[key]).names == variables(en[key]).names, key


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_text_renders_and_is_valid_html(lang: str) -> None:
    translator = Translator("ru", strict=True)
    for key, message in LOCALES[lang].items():
        names = variables(message).names
        for n in PLURAL_NUMBERS:
            text = translator.get(lang, key, **{name: n for name in names})
            assert text.strip(), key
            # {first} and {chatname} are shown to moderators as what they may write.
            shown = text.replace("{first}", "").replace("{chatname}", "")
            assert "{" not in shown and "$" not in shown, (key, text)
            # Only Telegram's tags, balanced.
            tags = re.findall(r"</?([a-z-]+)[^>]*>", text)
            assert set(tags) <= {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}, key
            assert text.count("<b>") == text.count("</b>"), key


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_text_takes_the_longest_user_text_whole(lang: str) -> None:
    # Fluent refuses a placeable over 2,500 characters and prints "{???}"; people's texts (rules,
    # a mission, a vacancy) escaped for HTML grow past that well within the bot's own limits.
    translator = Translator("ru", strict=True)
    hostile = ("<&> правило " * 400)[:4096]
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for key, message in LOCALES[lang].items():
        found = variables(message)
        values: dict[str, object] = {name: hostile for name in found.names}
        values.update({name: 2 for name in found.selectors | _numeric(message)})
        text = translator.get(lang, key, **values)
        assert "???" not in text, key
        if set(values) - found.selectors - _numeric(message):
            assert escaped in text, key


def _numeric(message: ast.Message) -> set[str]:
    """Variables a text formats as numbers (NUMBER(), or compared with numeric variants)."""
    names: set[str] = set()

    class Numbers(Visitor):
        def visit_FunctionReference(self, node: ast.FunctionReference) -> None:
            for arg in node.arguments.positional:
                if isinstance(arg, ast.VariableReference):
                    names.add(arg.id.name)
            self.generic_visit(node)

        def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
            if isinstance(node.selector, ast.VariableReference):
                names.add(node.selector.id.name)
            self.generic_visit(node)

    Numbers().visit(message)
    return names


def test_russian_plurals() -> None:
    translator = Translator("ru", strict=True)
    forms = {
        n: translator.get("ru", "forget-done", count=n).split(" о вас")[0] for n in PLURAL_NUMBERS
    }
    assert forms[1].endswith("1 запись")
    assert forms[2].endswith("2 записи")
    assert forms[5].endswith("5 записей")
    assert forms[11].endswith("11 записей")
    assert forms[21].endswith("21 запись")
    assert forms[101].endswith("101 запись")
    assert "не было" in forms[0]
    hint = {n: translator.get("ru", "community-choose-hint", count=n) for n in (1, 2, 21)}
    assert "1 сообществе" in hint[1] and "2 сообществах" in hint[2] and "21 сообществе" in hint[21]
    too_long = {
        n: translator.get("ru", "checkin-note-too-long", length=n, limit=500)
        for n in (501, 502, 505)
    }
    assert too_long[501].startswith("Получился 501 символ,")
    assert too_long[502].startswith("Получилось 502 символа,")
    assert too_long[505].startswith("Получилось 505 символов,")
    assert "1 community" in translator.get("en", "community-choose-hint", count=1)
    assert "2 communities" in translator.get("en", "community-choose-hint", count=2)


def test_plural_keys_have_a_form_for_every_number() -> None:
    translator = Translator("ru", strict=True)
    for lang, messages in LOCALES.items():
        for key, message in messages.items():
            found = variables(message)
            for selector in found.selectors:
                for n in PLURAL_NUMBERS:
                    text = translator.get(lang, key, **{name: n for name in found.names})
                    assert str(n) in text or n == 0, (key, selector, n)


def test_user_values_are_escaped() -> None:
    translator = Translator("ru", strict=True)
    text = translator.get("en", "start-welcome", name='<b>"Eve" & co</b>')
    assert "&lt;b&gt;&quot;Eve&quot; &amp; co&lt;/b&gt;" in text


def test_missing_key_fails_in_strict_mode_and_falls_back_otherwise() -> None:
    with pytest.raises(MissingText):
        Translator("ru", strict=True).get("en", "no-such-key")
    assert Translator("ru").get("en", "no-such-key") == "no-such-key"


def test_every_key_used_in_code_exists() -> None:
    """Keys appear in code as t("key"), group_t("key"), new_t("key") or texts(f"cmd-…")."""
    used: set[str] = set()
    pattern = re.compile(r"""\b(?:t|group_t|new_t|texts)\(\s*["']([a-z][a-z0-9-]+)["']""")
    dynamic = re.compile(r"""\b(?:t|group_t|new_t|texts)\(\s*f["']([a-z][a-z0-9-]*-)\{""")
    prefixes: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            used |= set(pattern.findall(source))
            prefixes |= set(dynamic.findall(source))
            used |= set(re.findall(r'"((?:group|mod|forget|tz|lang)-[a-z0-9-]+)"', source))
    missing = {k for k in used if k not in LOCALES["ru"]}
    assert not missing, missing
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in LOCALES["ru"]), prefix


@pytest.mark.parametrize(
    ("stored", "telegram", "expected"),
    [
        ("en", "ru", "en"),
        (None, "en-US", "en"),
        (None, "uk", "ru"),
        (None, "de", "ru"),
        (None, None, "ru"),
        ("xx", "en", "en"),
    ],
)
def test_language_choice(stored: str | None, telegram: str | None, expected: str) -> None:
    assert pick_language(stored, telegram, "ru") == expected


def test_every_setting_and_audit_action_has_a_human_label() -> None:
    """The audit log never shows "moderation.log_chat = -100…" or a raw action name."""
    translator = Translator("ru", strict=True)
    bookkeeping = {CHECKINS_SUMMARY_NEXT_AT.key, REQUESTS_DIGEST_NEXT_AT.key}  # never by a person
    keys = (set(OPTIONS) - bookkeeping) | {"language", "timezone"}
    actions = {action for group in FILTERS.values() for action in group}
    for lang in ("ru", "en"):
        for key in keys:
            assert translator.has(lang, "setting-" + key.replace(".", "-").replace("_", "-")), key
        for action in actions:
            assert translator.has(lang, f"modlog-action-{action}"), action


def test_no_russian_text_guesses_a_gender_with_brackets() -> None:
    """ "согласился(-ась)", "исключён(а)": texts are phrased so that no name needs a gender."""
    bracket = re.compile(r"[а-яё]\((?:-?[а-яё]{1,3})\)")
    for path in sorted((LOCALES_DIR / "ru").glob("*.ftl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not bracket.search(line), f"{path.name}:{number}: {line}"


# Words after which a Russian name would have to change its case ("у Бориса", "от Дарьи",
# "благодарит Бориса", "сообщение Дарьи"): a person's name never follows one of them.
CASE_GOVERNING = {
    "у", "от", "для", "с", "со", "к", "ко", "о", "об", "про", "на", "без", "при", "по", "за",
    "над", "под", "перед", "из", "до", "после", "через", "вас", "благодарит", "поблагодарить",
    "напишите", "сообщение", "предупреждение", "новость", "жалоба", "заявка", "профиль",
}  # fmt: skip
PERSON_VARIABLES = {"name", "names", "author", "helpers", "by", "who"}
NOT_A_PERSON = ("setting-change", "settings-gn-")  # there $name is a setting's or a section's


def test_russian_texts_never_decline_or_gender_a_name() -> None:
    """Every Russian text with a person's name, rendered for Борис and for Дарья: the name stands
    as written (no ending added), nothing else in the text changes with it, and no word before
    it would need it in another case."""
    translator = Translator("ru", strict=True)
    for key, message in LOCALES["ru"].items():
        names = variables(message).names
        people = names & PERSON_VARIABLES
        if not people or key.startswith(NOT_A_PERSON):
            continue
        rendered = {}
        for person in ("Борис", "Дарья"):
            values = {n: (person if n in people else 3) for n in names}
            text = translator.get("ru", key, **values)
            for match in re.finditer(person, text):
                after = text[match.end() : match.end() + 1]
                assert not after.isalpha(), f"{key}: «{person}» declined in {text!r}"
                before = re.findall(r"[а-яё]+", text[: match.start()].lower())
                assert (
                    not before
                    or before[-1] not in CASE_GOVERNING
                    or text[: match.start()].rstrip().endswith((":", "—", "·"))
                ), f"{key}: «{before[-1]} {person}» in {text!r}"
            rendered[person] = text.replace(person, "…")
        assert rendered["Борис"] == rendered["Дарья"], key
