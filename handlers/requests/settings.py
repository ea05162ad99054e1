"""/settings → Requests: pre-moderation, how many open requests a member may have, how many
helpers each request is offered to, when an unanswered request is raised again, and the
community's names for the categories (renamed, or its own added)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message
from magic_filter import MagicFilter

from bot.callbacks import SettingsCB
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import CommunitiesRepo
from bot.services.community_settings import (
    REQUESTS_BUMP_HOURS,
    REQUESTS_HELPERS_TOLD,
    REQUESTS_MAX_OPEN,
    REQUESTS_PREMODERATION,
    Option,
)
from bot.services.requests import CATEGORY_NAME_LIMIT, CUSTOM_CATEGORIES, HelpService
from bot.texts import utf16_len
from bot.views.requests import category_label
from handlers.settings import SectionPress, SectionStep, back_row, section_press, with_back

SECTION = "rq"


class RequestsAction(StrEnum):
    SHOW = "show"
    PREMODERATION = "premod"  # `value`: 1 on, 0 off
    WATCH = "watch"  # the presser hears of every new request (`value`: 1 on, 0 off)
    CATEGORIES = "cats"  # the categories' screen
    ADD = "add"  # a category of the community's own: its name typed next


RA = RequestsAction
# Actions naming a category by its code: "rn.<code>" renames it, "rs.<code>" resets its name.
RENAME, RESET = "rn.", "rs."
# Actions naming the setting they choose a value of (`value`: the value itself).
CHOICES: dict[str, tuple[Option, tuple[int, ...]]] = {
    "max": (REQUESTS_MAX_OPEN, (1, 3, 5, 10)),
    "told": (REQUESTS_HELPERS_TOLD, (0, 3, 5, 10)),
    "bump": (REQUESTS_BUMP_HOURS, (12, 24, 48)),
}


class CategoryForm(StatesGroup):
    name = State()


def router() -> Router:
    r = Router(name="requests-settings")
    here = F.section == SECTION
    for step, action in STEPS.items():
        r.callback_query.register(_press(step), SettingsCB.filter(here & action))
    # Anything else (a forged action): the rights are asked all the same, then "outdated".
    r.callback_query.register(_press(_nothing), SettingsCB.filter(here))
    r.message.register(
        typed_name, StateFilter(CategoryForm.name), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


def _button(chat_id: int, text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=SettingsCB(
            chat_id=chat_id, section=SECTION, action=action, value=value
        ).pack(),
    )


Press = SectionPress[SettingsCB]
Step = SectionStep[SettingsCB]


async def _show(p: Press) -> None:
    await update_menu(p.message, *await render(p))


def _press(step: Step) -> Callable[..., Awaitable[None]]:
    return section_press(step, _show)


async def opened(p: Press) -> bool:
    await p.query.answer()
    return True


async def premoderation(p: Press) -> bool:
    if p.cb.value not in (0, 1):
        return await p.outdated()
    await p.store.set(p.chat_id, REQUESTS_PREMODERATION, bool(p.cb.value), p.by)
    return await p.saved()


async def choose(p: Press) -> bool:
    option, options = CHOICES[p.cb.action]
    if p.cb.value not in options:
        return await p.outdated()
    await p.store.set(p.chat_id, option, p.cb.value, p.by)
    return await p.saved()


async def watch(p: Press) -> bool:
    if p.cb.value not in (0, 1):
        return await p.outdated()
    await p.runtime.help.set_watching(p.chat_id, p.by, bool(p.cb.value))
    return await p.saved()


async def categories(p: Press) -> bool:
    await p.query.answer()
    await update_menu(p.message, *await categories_menu(p.chat_id, p.t, p.runtime.help))
    return False


async def _known(p: Press) -> str | None:
    """The category a rename or reset button is about, if the community still has it."""
    code = p.cb.action[len(RENAME) :]  # RESET is as long
    if code in {c.code for c in await p.runtime.help.categories(p.chat_id)}:
        return code
    await p.outdated()
    return None


async def ask_name(p: Press) -> bool:
    """A new category's name, or a new name for one (`rn.<code>`), typed next."""
    code = None
    if p.cb.action != RA.ADD:
        code = await _known(p)
        if code is None:
            return False
    await p.query.answer()
    await p.state.set_state(CategoryForm.name)
    await p.state.set_data({"chat": p.chat_id, "code": code})
    await p.message.answer(
        p.t("settings-rq-ask-name", limit=CATEGORY_NAME_LIMIT),
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[back_row(p.t, p.chat_id, SECTION, RA.CATEGORIES)]
        ),
    )
    return False


async def reset_name(p: Press) -> bool:
    """A built-in category gets its name back; one of the community's own is removed."""
    code = await _known(p)
    if code is None:
        return False
    await p.query.answer()
    await p.runtime.help.name_category(p.chat_id, code, None, p.by)
    await update_menu(p.message, *await categories_menu(p.chat_id, p.t, p.runtime.help))
    return False


async def _nothing(p: Press) -> bool:
    return await p.outdated()


STEPS: dict[Step, MagicFilter] = {
    opened: F.action == RA.SHOW,
    premoderation: F.action == RA.PREMODERATION,
    choose: F.action.in_(CHOICES),
    watch: F.action == RA.WATCH,
    categories: F.action == RA.CATEGORIES,
    ask_name: (F.action == RA.ADD) | F.action.startswith(RENAME),
    reset_name: F.action.startswith(RESET),
}


async def render(p: Press) -> tuple[str, InlineKeyboardMarkup]:
    t, chat_id = p.t, p.chat_id
    values = await p.store.values(chat_id)
    premod = values[REQUESTS_PREMODERATION.key]
    lines = [
        t("settings-rq-title", title=p.community.title),
        t("settings-rq-premod-on" if premod else "settings-rq-premod-off"),
        t("settings-rq-max", count=values[REQUESTS_MAX_OPEN.key]),
        t("settings-rq-told", count=values[REQUESTS_HELPERS_TOLD.key]),
        t("settings-rq-bump", count=values[REQUESTS_BUMP_HOURS.key]),
    ]
    rows = [
        [
            _button(
                chat_id,
                t("settings-rq-premod-turn-off" if premod else "settings-rq-premod-turn-on"),
                RA.PREMODERATION,
                0 if premod else 1,
            )
        ]
    ]
    for action_name, (option, options) in CHOICES.items():
        current = values[option.key]
        rows.append(
            [
                _button(
                    chat_id,
                    ("✓ " if n == current else "")
                    + t(f"settings-rq-{action_name}-button", count=n),
                    action_name,
                    n,
                )
                for n in options
            ]
        )
    watching = await p.runtime.help.is_watching(chat_id, p.by)
    lines.append(t("settings-rq-watching" if watching else "settings-rq-not-watching"))
    rows.append(
        [
            _button(
                chat_id,
                t("settings-rq-unwatch" if watching else "settings-rq-watch"),
                RA.WATCH,
                0 if watching else 1,
            )
        ]
    )
    rows.append([_button(chat_id, t("settings-rq-categories"), RA.CATEGORIES)])
    return "\n".join(lines), with_back(t, chat_id, rows)


async def categories_menu(
    chat_id: int, t: Texts, service: HelpService
) -> tuple[str, InlineKeyboardMarkup]:
    categories = await service.categories(chat_id)
    # Codes, not positions: a category added meanwhile must not shift what a button means.
    rows = [
        [_button(chat_id, "✏️ " + category_label(t, c), f"{RENAME}{c.code}")]
        + ([_button(chat_id, "↩️", f"{RESET}{c.code}")] if c.name else [])
        for c in categories
    ]
    rows.append([_button(chat_id, t("settings-rq-add-category"), RA.ADD)])
    return t("settings-rq-categories-title"), with_back(t, chat_id, rows, SECTION)


async def typed_name(
    message: Message,
    state: FSMContext,
    t: Texts,
    communities: CommunitiesRepo,
    help_service: HelpService,
) -> None:
    service = help_service
    assert message.from_user is not None
    name = " ".join((message.text or "").split())
    if not name:
        await message.answer(t("help-text-only"))
        return
    if utf16_len(name) > CATEGORY_NAME_LIMIT:  # as Telegram counts: an emoji is two
        await message.answer(t("help-too-long", length=utf16_len(name), limit=CATEGORY_NAME_LIMIT))
        return
    form = await state.get_data()
    chat_id = int(form.get("chat", 0))
    community = await communities.get(chat_id)
    # Rights asked again when the name arrives, not only when the form was opened.
    if community is None or not await service.is_moderator(chat_id, message.from_user.id):
        await state.clear()
        await message.answer(t("not-allowed-moderators"))
        return
    await state.clear()
    if not await service.name_category(chat_id, form.get("code"), name, message.from_user.id):
        await message.answer(t("settings-rq-too-many-categories", count=CUSTOM_CATEGORIES))
        return
    text, keyboard = await categories_menu(chat_id, t, service)
    await message.answer(t("settings-saved") + "\n\n" + text, reply_markup=keyboard)
