"""/start deep links: every link the code builds opens its own feature, whatever the order of
registration; unknown and malformed ones open the menu; clashing prefixes fail at start-up."""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import handlers
from handlers import cv, fallback, intro, leadership, settings, setup, sos, start, vacancies
from handlers.checkins import reminders
from handlers.deeplinks import DeepLinks
from handlers.meetings import answers, form
from handlers.requests import ask, helping
from tests.harness import BotUnderTest

ROOT = Path(__file__).resolve().parent.parent
CHAT = -1001000000123  # any id: resolving a link does not look it up

# Where each link a builder makes must lead.
EXPECTED = {
    "a": ask.begin_link,
    "c": start.community_link,
    "ci": reminders.join_link,
    "ct": cv.contact_link,
    "go_": fallback.run_in_private,
    "h": helping.open_link,
    "ics": answers.ics_link,
    "in": intro.begin_link,
    "meet": form.begin_link,
    "rf": vacancies.referral_link,
    "rl": leadership.rules_link,
    "s": settings.open_link,
    "sos": sos.sos_link,
    "su": setup.open_link,
    "v": vacancies.begin_link,
}
# Fixed payloads that lead to the menu on purpose: /mydata and /forget are one tap from it.
MENU_PAYLOADS = {"privacy"}

# Builder → the position of its payload argument.
BUILDERS = {"deep_link": 1, "open_private": 2, "private_hint": 4}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _called(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _sample(expr: ast.expr, namespace: dict[str, Any]) -> str:
    """The payload a builder's argument makes, with an id where the code puts one."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr):
        head = expr.values[0]
        assert isinstance(head, ast.FormattedValue), ast.unparse(expr)
        return str(eval(ast.unparse(head.value), namespace)) + str(CHAT)
    if isinstance(expr, ast.Call) and _called(expr) == "run_link":
        return fallback.run_link("jobs", CHAT, "python")
    raise AssertionError(f"a payload this test cannot read: {ast.unparse(expr)}")


def _entry_link(call: ast.Call) -> ast.expr:
    """The `link` of a form's Entry(command, link, …) declaration."""
    named = {k.arg: k.value for k in call.keywords}
    return named.get("link") or call.args[1]


def built_payloads() -> list[tuple[str, str]]:
    """(where, payload) for every link builder call in bot/ and handlers/: the payload is an
    expression at the call, or a local variable assigned in the same function; a payload made
    of a parameter (of the function or one around it) is passed through, and counted where it
    is made — for the form engine's group hint, at each form's Entry declaration."""
    found = []
    for package in ("bot", "handlers"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            namespace: dict[str, Any] | None = None
            file_params = {
                a.arg
                for function in _functions(tree)
                for a in [*function.args.args, *function.args.kwonlyargs]
            }
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and _called(call) == "Entry":
                    if namespace is None:
                        namespace = vars(importlib.import_module(_module(path)))
                    link = eval(ast.unparse(_entry_link(call)), namespace)
                    found.append((f"{path.relative_to(ROOT)}:{call.lineno}", f"{link}{CHAT}"))
            for function in _functions(tree):
                params = {a.arg for a in [*function.args.args, *function.args.kwonlyargs]}
                assigned = {
                    target.id: node.value
                    for node in ast.walk(function)
                    if isinstance(node, ast.Assign)
                    for target in node.targets
                    if isinstance(target, ast.Name)
                }
                for call in ast.walk(function):
                    if not isinstance(call, ast.Call) or _called(call) not in BUILDERS:
                        continue
                    expr = call.args[BUILDERS[_called(call) or ""]]
                    if isinstance(expr, ast.Name):
                        if expr.id in params:
                            continue
                        expr = assigned[expr.id]
                    if (
                        isinstance(expr, ast.JoinedStr)
                        and {n.id for n in ast.walk(expr.values[0]) if isinstance(n, ast.Name)}
                        & file_params
                    ):
                        continue
                    if namespace is None:
                        namespace = vars(importlib.import_module(_module(path)))
                    where = f"{path.relative_to(ROOT)}:{call.lineno}"
                    found.append((where, _sample(expr, namespace)))
    return found


def test_every_built_link_opens_its_own_feature() -> None:
    links = handlers.deep_links()
    built = built_payloads()
    assert len(built) >= len(EXPECTED)  # the walk found the builders at all
    reached = set()
    for where, payload in built:
        found = links.resolve(payload)
        if payload in MENU_PAYLOADS:
            assert found is None, where
            continue
        assert found is not None, f"{where}: {payload!r} opens nothing"
        assert found.link.handler is EXPECTED[found.link.prefix], f"{where}: {payload!r}"
        reached.add(found.link.prefix)
    # Every registered link is built somewhere, and every expected one is registered.
    assert reached == links.prefixes == set(EXPECTED)


def test_the_order_of_registration_does_not_matter() -> None:
    async def handler(*_: Any) -> None:
        return None

    forward, backward = DeepLinks(), DeepLinks()
    for prefix in ("s", "su", "sos", "c", "ct", "ci"):
        forward.add(prefix, handler)
    for prefix in ("ci", "ct", "c", "sos", "su", "s"):
        backward.add(prefix, handler)
    for payload in ("s5", "su5", "sos5", "c-5", "ct5", "ci-5", "sosx", "setup", "cx", "c"):
        one, other = forward.resolve(payload), backward.resolve(payload)
        assert (one and (one.link.prefix, one.arg)) == (other and (other.link.prefix, other.arg))
    found = forward.resolve("su-100")
    assert found is not None and (found.link.prefix, found.arg) == ("su", -100)


def test_malformed_ids_and_unknown_payloads_resolve_to_nothing() -> None:
    links = handlers.deep_links()
    for payload in ("", "zzz", "s", "s12x", "ics", "meet", "c", "a0", "h-", "rf1.5", "setup"):
        assert links.resolve(payload) is None, payload
    assert links.resolve("v" + "9" * 17) is None  # longer than any Telegram id
    found = links.resolve("sosjunk")  # the id is optional there: the screen still opens
    assert found is not None and (found.link.prefix, found.arg) == ("sos", "junk")


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("s", "s", "id"),  # twice
        ("c", "c1", "id"),  # a payload of "c<chat id>" itself
        ("c", "c-", "id"),
        ("c1", "c", "id"),  # the same clash, registered the other way round
        ("go_", "go_x", "raw"),  # a raw link reads its whole rest
    ],
)
def test_clashing_prefixes_fail_at_start_up(first: str, second: str, kind: str) -> None:
    async def handler(*_: Any) -> None:
        return None

    links = DeepLinks()
    if kind == "raw":
        links.add_raw(first, handler)
    else:
        links.add(first, handler)
    with pytest.raises(ValueError, match="deep link prefix"):
        links.add(second, handler)


def test_an_empty_prefix_is_refused() -> None:
    async def handler(*_: Any) -> None:
        return None

    with pytest.raises(ValueError):
        DeepLinks().add("", handler)


async def test_unknown_or_malformed_links_open_the_menu(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    # Unknown, an id that is no id, a run link for no command, a link without its id, and the
    # rules of a group the person is not in.
    for payload in ("zzz", "s12x", "go_nosuch_-100", "ics", f"rl{CHAT}"):
        fake.send_message(44, f"/start {payload}")
        await bot.settle()
        menu = fake.last_message(44)
        assert menu["text"].startswith("Hello, Bob!"), payload
        assert "🌐 Language" in [b["text"] for b in fake.buttons(menu)], payload


async def test_a_form_in_progress_stays_only_under_the_links_that_keep_it(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/timezone")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Type it in")
    await bot.settle()
    fake.send_message(44, "/start sos")  # the crisis screen, and the form waits
    await bot.settle()
    assert "Help right now" in fake.last_message(44)["text"]
    fake.send_message(44, "Berlin")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("Time zone: Berlin (UTC+")

    fake.send_message(44, "/timezone")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Type it in")
    await bot.settle()
    fake.send_message(44, "/start zzz")  # the menu: the form is left
    await bot.settle()
    fake.send_message(44, "Berlin")
    await bot.settle()
    assert fake.last_message(44)["text"] == (
        "I answer commands and buttons. Open the menu with /start, or see /help."
    )
