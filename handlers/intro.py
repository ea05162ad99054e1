"""/intro: a member introduces themselves to their community — what brings them here, what they
can offer, what they need (each optional) — then posts the card to the group or keeps it to
themselves. "What I can offer" can then become their help offer (/offer) or their CV's "about"."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import IntroCB
from bot.filters import PRIVATE, TYPED, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.intros import ANSWERS
from bot.runtime import Runtime
from bot.services.cleanup import private_hint
from bot.services.communities import CommunityService
from bot.services.cv import CvService
from bot.services.intro import ANSWER_LIMIT, IntroOutcome, IntroService
from bot.services.requests import HelpService
from bot.texts import clip, utf16_len
from handlers import cv
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, enter_community, sender_id
from handlers.forms import remember, with_step
from handlers.requests import offer

DEEP_LINK_INTRO = "in"
CURRENT_SHOWN = 300  # of an answer quoted back when it is edited


class IntroForm(StatesGroup):
    field = State()
    preview = State()


FORM_STATES = (IntroForm.field.state, IntroForm.preview.state)
DONE = {
    IntroOutcome.POSTED: "intro-posted",
    IntroOutcome.UPDATED: "intro-updated",
    IntroOutcome.SAVED: "intro-saved",
    IntroOutcome.TAKEN_DOWN: "intro-taken-down",
}


def router() -> Router:
    r = Router(name="intro")
    r.message.register(intro_private, Command("intro"), PRIVATE)
    r.message.register(intro_in_group, Command("intro"))
    r.message.register(skip_typed, Command("skip"), StateFilter(IntroForm.field), PRIVATE)
    r.message.register(typed, StateFilter(IntroForm.field), PRIVATE, TYPED)
    # A photo or a sticker instead of an answer: said, not silently lost to the fallback.
    r.message.register(not_text, StateFilter(IntroForm.field), PRIVATE, Inline(~F.text))
    r.callback_query.register(pressed, IntroCB.filter())
    return r


def _button(text: str, step: str, field: str = "", chat_id: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=IntroCB(step=step, field=field, chat_id=chat_id).pack()
    )


def invitation(t: Texts, chat_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """After the rules a newcomer opened from the welcome: an invitation to introduce oneself."""
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("intro-invite-button"), "begin", chat_id=chat_id)]]
    )
    return t("intro-invite"), keyboard


# --- /intro ---


async def intro_in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
    """In the group: the form is private; a button takes the person there."""
    payload = f"{DEEP_LINK_INTRO}{message.chat.id}"
    await private_hint(message, runtime, group_t, "intro-open-private", payload)


async def intro_private(
    message: Message,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    intros: IntroService,
) -> None:
    assert message.from_user is not None
    if await state.get_state() in FORM_STATES and "chat" in await state.get_data():
        # /intro again mid-form (or after a restart) picks up where the person stopped.
        await message.answer(t("intro-resumed"))
        await ask_next(message, state, t, intros)
        return
    community = await acting_for(
        message, message.from_user.id, t, community_service, "intro-choose-community"
    )
    if community is None:
        return
    await begin(message, message.from_user.id, community.chat_id, state, t, intros)


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_INTRO, begin_link)


async def begin_link(message: Message, chat_id: int, context: dict[str, Any]) -> None:
    """/start in<chat id>: the button under /intro in the group."""
    if await enter_community(message, chat_id, context):
        user_id = sender_id(message)
        await begin(message, user_id, chat_id, context["state"], context["t"], context["intros"])


async def begin(
    message: Message,
    user_id: int,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
) -> None:
    """The form for a first introduction; a saved one is shown with its answers, ready to
    post, keep or edit."""
    community = await intros.communities.get(chat_id)
    if community is None or not await intros.may_use(chat_id, user_id):
        await state.clear()
        await message.answer(t("intro-not-member"))
        return
    saved = await intros.repo.get(chat_id, user_id)
    if saved is None:
        await state.set_data({"chat": chat_id, "values": {}, "skipped": []})
        await message.answer(t("intro-start", title=community.title, limit=ANSWER_LIMIT))
        await ask_next(message, state, t, intros)
        return
    values = {name: value for name, value in saved.answers.items() if value}
    await state.set_data({"chat": chat_id, "values": values, "skipped": [], "editing": True})
    await show_preview(message, state, t, intros)


async def ask_next(message: Message, state: FSMContext, t: Texts, intros: IntroService) -> None:
    form = await state.get_data()
    if form.get("editing"):
        await show_preview(message, state, t, intros)
        return
    ahead = pending(form)
    if ahead:
        await ask(message, state, t, ahead[0])
    else:
        await show_preview(message, state, t, intros)


def pending(form: dict[str, Any]) -> list[str]:
    """The questions still to be asked, in order."""
    return [n for n in ANSWERS if n not in form["values"] and n not in form["skipped"]]


async def ask(message: Message, state: FSMContext, t: Texts, name: str) -> None:
    await state.set_state(IntroForm.field)
    await state.update_data(current=name)
    form = await state.get_data()
    current = form["values"].get(name, "")
    lines = [await with_step(state, t, t(f"intro-ask-{name}"), name, pending(form))]
    rows = [[_button(t("intro-skip"), "skip", name)]]
    if current:
        lines.append(t("intro-current", text=clip(current, CURRENT_SHOWN)))
        rows = [[_button(t("intro-keep"), "keep", name)], [_button(t("intro-clear"), "skip", name)]]
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def typed(message: Message, state: FSMContext, t: Texts, intros: IntroService) -> None:
    name = (await state.get_data()).get("current", "")
    if name not in ANSWERS:
        await message.answer(t("intro-use-buttons"))
        return
    text = (message.text or "").strip()
    if utf16_len(text) > ANSWER_LIMIT:
        # Nothing is cut silently: the person shortens it (their text is still in their chat).
        await message.answer(t("intro-too-long", length=utf16_len(text), limit=ANSWER_LIMIT))
        return
    await store(message, state, t, intros, name, text or None)


async def skip_typed(message: Message, state: FSMContext, t: Texts, intros: IntroService) -> None:
    name = (await state.get_data()).get("current", "")
    if name not in ANSWERS:
        await message.answer(t("intro-use-buttons"))
        return
    await store(message, state, t, intros, name, None)


async def not_text(message: Message, t: Texts) -> None:
    await message.answer(t("intro-text-only"))


async def store(
    message: Message,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
    name: str,
    value: str | None,
) -> None:
    await remember(state, name, value)
    await ask_next(message, state, t, intros)


async def show_preview(message: Message, state: FSMContext, t: Texts, intros: IntroService) -> None:
    form = await state.get_data()
    await state.set_state(IntroForm.preview)
    await state.update_data(current="")
    values: dict[str, str] = form["values"]
    if not any(values.get(name) for name in ANSWERS):
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t("intro-edit"), "edit")],
                [_button(t("intro-cancel"), "cancel")],
            ]
        )
        await message.answer(t("intro-nothing"), reply_markup=keyboard)
        return
    chat_id, user_id = form["chat"], message.chat.id
    community = await intros.communities.get(chat_id)
    saved = await intros.repo.get(chat_id, user_id)
    posted = saved is not None and saved.posted_at is not None
    status = "intro-status-posted" if posted else "intro-status-private"
    text = "\n\n".join(
        [
            t("intro-preview", title=community.title if community else ""),
            await intros.card(t, user_id, values),
            t(status) if saved is not None else t("intro-choose"),
        ]
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("intro-update" if posted else "intro-post"), "post")],
            [_button(t("intro-keep-private"), "private")],
            [_button(t("intro-edit"), "edit")],
            [_button(t("intro-cancel"), "cancel")],
        ]
    )
    await message.answer(text, reply_markup=keyboard)


def use_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    """What "what I can offer" can become next."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("intro-to-offer"), "offer", chat_id=chat_id)],
            [_button(t("intro-to-cv"), "cv", chat_id=chat_id)],
        ]
    )


# --- buttons ---


async def pressed(query: CallbackQuery, callback_data: IntroCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    intros: IntroService = data["intros"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    step, name = callback_data.step, callback_data.field
    current = await state.get_state()
    form = await state.get_data()
    in_form = current in FORM_STATES and "chat" in form and "values" in form
    asking = in_form and current == IntroForm.field.state and form.get("current") == name
    previewing = in_form and current == IntroForm.preview.state
    if step == "begin":
        await query.answer()
        await update_menu(message, message.html_text, None)
        community_service: CommunityService = data["community_service"]
        if await community_service.select(user_id, callback_data.chat_id) is None:
            await message.answer(t("intro-not-member"))
            return
        await begin(message, user_id, callback_data.chat_id, state, t, intros)
    elif step == "skip" and asking and name in ANSWERS:
        await query.answer()
        await update_menu(message, message.html_text, None)
        await store(message, state, t, intros, name, None)
    elif step == "keep" and asking and name in ANSWERS:
        await query.answer()
        await update_menu(message, message.html_text, None)
        await show_preview(message, state, t, intros)
    elif step == "edit" and previewing:
        await query.answer()
        await state.update_data(editing=True)
        rows = [[_button(t(f"intro-field-{n}"), "field", n)] for n in ANSWERS]
        await update_menu(
            message, t("intro-edit-which"), InlineKeyboardMarkup(inline_keyboard=rows)
        )
    elif step == "field" and previewing and form.get("editing") and name in ANSWERS:
        await query.answer()
        await update_menu(message, message.html_text, None)
        await ask(message, state, t, name)
    elif step == "cancel" and in_form:
        await query.answer()
        await state.clear()
        await update_menu(message, t("intro-cancelled"), None)
    elif step in ("post", "private") and previewing:
        await finish(query, message, state, t, intros, form, post=step == "post")
    elif step in ("offer", "cv"):
        await use_offer(query, message, state, t, step, callback_data.chat_id, data)
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def finish(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
    form: dict[str, Any],
    *,
    post: bool,
) -> None:
    chat_id: int = form["chat"]
    user_id = query.from_user.id
    outcome = await intros.save(chat_id, user_id, form["values"], post=post)
    if outcome is IntroOutcome.SILENCED:
        # The preview stays: keeping it private is still possible.
        await query.answer(t("intro-silenced"), show_alert=True)
        return
    if outcome in (IntroOutcome.EMPTY, IntroOutcome.NOT_MEMBER):
        key = "intro-not-member" if outcome is IntroOutcome.NOT_MEMBER else "button-outdated"
        await query.answer(t(key), show_alert=True)
        return
    await query.answer()
    await state.clear()
    await update_menu(message, message.html_text, None)
    community = await intros.communities.get(chat_id)
    text = t(DONE[outcome], title=community.title if community else "")
    keyboard = None
    if form["values"].get("offers"):
        text += "\n\n" + t("intro-use-offer")
        keyboard = use_keyboard(t, chat_id)
    await message.answer(text, reply_markup=keyboard)


async def use_offer(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    t: Texts,
    step: str,
    chat_id: int,
    data: dict[str, Any],
) -> None:
    """ "What I can offer" of the presser's own saved introduction becomes their help offer's
    skills, or their CV's "about" (only if it has none): through those features' own code."""
    user_id = query.from_user.id
    intros: IntroService = data["intros"]
    intro = await intros.repo.get(chat_id, user_id)
    if intro is None or not intro.offers:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    if step == "offer":
        help_service: HelpService = data["help_service"]
        profile = await offer.put_skills(
            help_service, user_id, clip(intro.offers, offer.SKILLS_LIMIT)
        )
        text, keyboard = offer.render(t, profile)
        await message.answer(t("intro-offer-filled") + "\n\n" + text, reply_markup=keyboard)
        return
    cv_service: CvService = data["cv_service"]
    if await cv_service.repo.get(user_id) is None:
        await state.clear()
        await message.answer(t("intro-cv-new"))
        await cv.begin(message, state, t, cv_service, {"about": intro.offers})
    elif await cv_service.fill_about(user_id, intro.offers):
        await message.answer(t("intro-cv-filled"))
    else:
        await message.answer(t("intro-cv-kept"))
