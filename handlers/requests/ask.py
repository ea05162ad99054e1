"""/ask: a request for help, in private (from the group, a button leads here so personal
details never have to be typed in the group). Category, title, details, urgency, visibility,
then a preview to post, edit or cancel."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import AskCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu, with_sos
from bot.repos.requests import HelpRequest
from bot.runtime import Runtime
from bot.services.cleanup import private_hint
from bot.services.communities import CommunityService
from bot.services.requests import (
    DETAILS_LIMIT,
    TITLE_LIMIT,
    URGENCIES,
    VISIBILITIES,
    Category,
    Draft,
    HelpService,
    Outcome,
)
from bot.texts import utf16_len
from bot.views.requests import card, category_label
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, enter_community, sender_id
from handlers.forms import with_step

DEEP_LINK_ASK = "a"


class AskForm(StatesGroup):
    category = State()
    title = State()
    details = State()
    urgency = State()
    visibility = State()
    preview = State()


def router() -> Router:
    r = Router(name="requests-ask")
    r.message.register(ask_private, Command("ask"), PRIVATE)
    r.message.register(ask_in_group, Command("ask"))
    not_command = Inline(~F.text.startswith("/"))
    r.message.register(typed_title, StateFilter(AskForm.title), PRIVATE, not_command)
    r.message.register(skip_details, Command("skip"), StateFilter(AskForm.details), PRIVATE)
    r.message.register(typed_details, StateFilter(AskForm.details), PRIVATE, not_command)
    r.callback_query.register(pressed, AskCB.filter())
    return r


def _button(text: str, step: str, value: int = 0, code: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=AskCB(step=step, value=value, code=code).pack()
    )


def _grid(buttons: list[InlineKeyboardButton], width: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[buttons[i : i + width] for i in range(0, len(buttons), width)]
    )


def categories_keyboard(t: Texts, categories: list[Category]) -> InlineKeyboardMarkup:
    # A request can take days to be answered: the help for right now is one tap away.
    buttons = [_button(category_label(t, c), "cat", code=c.code) for c in categories]
    return with_sos(t, _grid(buttons, 2))


async def ask_in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
    # The command itself is removed where the bot may: an anonymous request must not follow
    # a visible "/ask" from its author.
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()
    payload = f"{DEEP_LINK_ASK}{message.chat.id}"
    await private_hint(message, runtime, group_t, "help-ask-private", payload)


async def ask_private(
    message: Message,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    help_service: HelpService,
) -> None:
    assert message.from_user is not None
    community = await acting_for(message, message.from_user.id, t, community_service)
    if community is None:
        return
    await begin(message, message.from_user.id, community.chat_id, state, t, help_service)


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_ASK, begin_link)


async def begin_link(message: Message, chat_id: int, context: dict[str, Any]) -> None:
    """/start a<chat id>: the button under /ask in the group."""
    if await enter_community(message, chat_id, context):
        user_id = sender_id(message)
        state, t = context["state"], context["t"]
        await begin(message, user_id, chat_id, state, t, context["help_service"])


async def begin(
    message: Message,
    user_id: int,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    help_service: HelpService,
    *,
    prefill: dict[str, str] | None = None,
) -> None:
    """The form from its start, or with some answers given (a hard day's check-in opens it
    with "health & support", anonymous): those steps are skipped and stay editable."""
    if not await help_service.may_use(chat_id, user_id):
        await message.answer(t("help-not-member"))
        return
    await state.set_data({"chat": chat_id, **(prefill or {})})
    await ask_step(message, state, t, "title" if prefill else "category", help_service)


def draft_of(form: dict[str, Any]) -> Draft:
    return Draft(
        category=form["category"],
        title=form["title"],
        details=form.get("details", ""),
        urgency=form["urgency"],
        visibility=form["visibility"],
    )


async def show_preview(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    form = await state.get_data()
    draft = draft_of(form)
    await state.set_state(AskForm.preview)
    sample = HelpRequest(
        0, form["chat"], None, draft.category, draft.title, draft.details, draft.urgency,
        draft.visibility, t.lang, "open", None, None, 0.0, None, 0.0, None, None,
    )  # fmt: skip
    text = "\n\n".join(
        [
            t("help-preview"),
            card(t, sample, await help_service.category(sample.chat_id, sample.category)),
            t(f"help-visibility-{draft.visibility}-note"),
        ]
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("help-post"), "post")],
            [
                _button(t("help-edit-title"), "edit", EDITABLE.index("title")),
                _button(t("help-edit-details"), "edit", EDITABLE.index("details")),
            ],
            [
                _button(t("help-edit-category"), "edit", EDITABLE.index("category")),
                _button(t("help-edit-visibility"), "edit", EDITABLE.index("visibility")),
            ],
            [
                _button(t("help-edit-urgency"), "edit", EDITABLE.index("urgency")),
                _button(t("help-cancel"), "cancel"),
            ],
        ]
    )
    await message.answer(text, reply_markup=keyboard)


async def next_after(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService, then: str
) -> None:
    """After a step: the next one, or back to the preview when a field was being edited."""
    form = await state.get_data()
    if form.get("editing") or (then == "visibility" and form.get("visibility")):
        await show_preview(message, state, t, help_service)
    else:
        await ask_step(message, state, t, then, help_service)


EDITABLE = ("category", "title", "details", "urgency", "visibility")  # in the order asked


async def ask_step(
    message: Message, state: FSMContext, t: Texts, step: str, service: HelpService
) -> None:
    form = await state.get_data()
    ahead = [name for name in EDITABLE if name not in form]  # not given in advance, not answered

    async def question(text: str) -> str:
        return await with_step(state, t, text, step, ahead)

    if step == "category":
        await state.set_state(AskForm.category)
        categories = await service.categories(int(form["chat"]))
        await message.answer(
            await question(t("help-ask-category")),
            reply_markup=categories_keyboard(t, categories),
        )
    elif step == "title":
        await state.set_state(AskForm.title)
        await message.answer(await question(t("help-ask-title", limit=TITLE_LIMIT)))
    elif step == "details":
        await state.set_state(AskForm.details)
        await message.answer(await question(t("help-ask-details", limit=DETAILS_LIMIT)))
    elif step == "urgency":
        await state.set_state(AskForm.urgency)
        buttons = [_button(t(f"help-urgency-{u}"), "urg", i) for i, u in enumerate(URGENCIES)]
        await message.answer(await question(t("help-ask-urgency")), reply_markup=_grid(buttons, 3))
    else:
        await state.set_state(AskForm.visibility)
        buttons = [_button(t(f"help-visibility-{v}"), "vis", i) for i, v in enumerate(VISIBILITIES)]
        await message.answer(
            await question(t("help-ask-visibility")), reply_markup=_grid(buttons, 1)
        )


async def typed_title(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    title = " ".join((message.text or "").split())
    if not title:
        await message.answer(t("help-text-only"))
        return
    if utf16_len(title) > TITLE_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(title), limit=TITLE_LIMIT))
        return
    await state.update_data(title=title)
    await next_after(message, state, t, help_service, "details")


async def skip_details(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    await state.update_data(details="")
    await next_after(message, state, t, help_service, "urgency")


async def typed_details(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    details = (message.text or "").strip()
    if not details:
        await message.answer(t("help-text-only"))
        return
    if utf16_len(details) > DETAILS_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(details), limit=DETAILS_LIMIT))
        return
    await state.update_data(details=details)
    await next_after(message, state, t, help_service, "urgency")


STEP_STATE = {
    "cat": AskForm.category,
    "urg": AskForm.urgency,
    "vis": AskForm.visibility,
    "post": AskForm.preview,
    "edit": AskForm.preview,
    "cancel": AskForm.preview,
}


async def pressed(query: CallbackQuery, callback_data: AskCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: HelpService = data["help_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    step, value = callback_data.step, callback_data.value
    expected = STEP_STATE.get(step)
    if expected is None or await state.get_state() != expected.state:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    categories = await service.categories(int((await state.get_data()).get("chat", 0)))
    picked = next((c for c in categories if c.code == callback_data.code), None)
    if step == "cat" and picked is not None:
        await state.update_data(category=picked.code)
        chosen = category_label(t, picked)
        await update_menu(message, t("help-chosen", value=chosen), None)
        await next_after(message, state, t, service, "title")
    elif step == "urg" and 0 <= value < len(URGENCIES):
        await state.update_data(urgency=URGENCIES[value])
        chosen = t(f"help-urgency-{URGENCIES[value]}")
        await update_menu(message, t("help-chosen", value=chosen), None)
        await next_after(message, state, t, service, "visibility")
    elif step == "vis" and 0 <= value < len(VISIBILITIES):
        await state.update_data(visibility=VISIBILITIES[value])
        chosen = t(f"help-visibility-{VISIBILITIES[value]}")
        await update_menu(message, t("help-chosen", value=chosen), None)
        await show_preview(message, state, t, service)
    elif step == "edit" and 0 <= value < len(EDITABLE):
        await state.update_data(editing=True)
        await update_menu(message, message.html_text, None)  # the old preview loses its buttons
        await ask_step(message, state, t, EDITABLE[value], service)
    elif step == "cancel":
        await state.clear()
        await update_menu(message, t("help-cancelled"), None)
    elif step == "post":
        await post(message, query.from_user.id, state, t, service)
    else:
        await message.answer(t("button-outdated"))


async def post(
    message: Message, user_id: int, state: FSMContext, t: Texts, service: HelpService
) -> None:
    form = await state.get_data()
    submitted = await service.submit(user_id, int(form["chat"]), draft_of(form))
    if submitted.outcome is Outcome.SILENCED:
        # The form stays, preview and all: it can go once they may write again.
        await message.answer(t("silenced-post"))
        return
    await state.clear()
    if submitted.outcome is Outcome.TOO_MANY:
        await update_menu(message, t("help-too-many"), None)
    elif submitted.outcome is not Outcome.DONE or submitted.request is None:
        await update_menu(message, t("help-not-member"), None)
    elif submitted.request.status == "review":
        await update_menu(message, t("help-sent-for-review"), None)
    elif submitted.request.visibility == "helpers":
        key = "help-posted-helpers" if submitted.reached else "help-posted-nobody"
        await update_menu(message, t(key), None)
    else:
        await update_menu(message, t("help-posted"), None)
