"""/checkin: how are you today? A mood, an optional note and tags, then a kind reflection and,
when it is hard, the ways to help."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CheckinCB
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.services.checkins import LOW_MOOD, MOODS, NOTE_LIMIT, TAGS, CheckinService, Reflection
from bot.services.communities import Choice, CommunityService
from bot.texts import utf16_len


class CheckinForm(StatesGroup):
    replace = State()
    mood = State()
    note = State()
    tags = State()


def router() -> Router:
    r = Router(name="checkins")
    r.message.register(start, Command("checkin"), PRIVATE)
    r.message.register(skip_note, Command("skip"), StateFilter(CheckinForm.note), PRIVATE)
    r.message.register(
        typed_note, StateFilter(CheckinForm.note), PRIVATE, Inline(~F.text.startswith("/"))
    )
    r.callback_query.register(pressed, CheckinCB.filter())
    return r


def _button(text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=CheckinCB(action=action, value=value).pack()
    )


def mood_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(f"checkin-mood-{m}"), "mood", m)] for m in reversed(MOODS)]
    )


def tags_keyboard(t: Texts, chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button(("✓ " if tag in chosen else "") + t(f"checkin-tag-{tag}"), "tag", i)
        for i, tag in enumerate(TAGS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t("checkin-save"), "done")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def ask_mood(message: Message, state: FSMContext, t: Texts, service: CheckinService) -> None:
    assert message.chat is not None
    day = await service.today(message.chat.id)
    await state.set_state(CheckinForm.mood)
    await state.set_data({"day": day.isoformat()})
    await message.answer(t("checkin-ask"), reply_markup=mood_keyboard(t))


async def start(
    message: Message, state: FSMContext, t: Texts, checkin_service: CheckinService
) -> None:
    assert message.from_user is not None
    earlier = await checkin_service.existing(message.from_user.id)
    if earlier is None:
        await ask_mood(message, state, t, checkin_service)
        return
    await state.set_state(CheckinForm.replace)
    await state.set_data({"day": earlier.local_date.isoformat()})
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("checkin-replace-yes"), "replace"),
                _button(t("checkin-replace-no"), "keep"),
            ]
        ]
    )
    await message.answer(
        t("checkin-replace-ask", mood=t(f"checkin-mood-{earlier.mood}")), reply_markup=keyboard
    )


async def skip_note(message: Message, state: FSMContext, t: Texts) -> None:
    await state.set_state(CheckinForm.tags)
    await message.answer(t("checkin-tags-ask"), reply_markup=tags_keyboard(t, []))


async def typed_note(message: Message, state: FSMContext, t: Texts) -> None:
    note = (message.text or "").strip()
    if not note:
        await message.answer(t("checkin-note-text-only"))
        return
    if utf16_len(note) > NOTE_LIMIT:
        # Nothing is lost: the person shortens it and sends again.
        await message.answer(t("checkin-note-too-long", length=utf16_len(note), limit=NOTE_LIMIT))
        return
    await state.update_data(note=note)
    await state.set_state(CheckinForm.tags)
    await message.answer(t("checkin-tags-ask"), reply_markup=tags_keyboard(t, []))


async def pressed(query: CallbackQuery, callback_data: CheckinCB, **data: Any) -> None:
    """Every press is checked against the presser's own form: an old keyboard, a second press
    or somebody else's forwarded keyboard gets an alert and changes nothing."""
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    action = callback_data.action
    if action == "crisis":
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("checkin-crisis-lines"))
        return
    message = query.message
    if not isinstance(message, Message) or message.chat.id != query.from_user.id:
        await query.answer(t("not-allowed"), show_alert=True)
        return
    current = await state.get_state()
    form = await state.get_data()
    expected = {
        "replace": CheckinForm.replace.state,
        "keep": CheckinForm.replace.state,
        "mood": CheckinForm.mood.state,
        "tag": CheckinForm.tags.state,
        "done": CheckinForm.tags.state,
    }.get(action)
    today = (await service.today(query.from_user.id)).isoformat()
    if expected is None or current != expected or form.get("day") != today:
        await query.answer(t("checkin-stale"), show_alert=True)
        return
    if action == "keep":
        await state.clear()
        await query.answer()
        await message.edit_text(t("checkin-kept"))
    elif action == "replace":
        await query.answer()
        await state.set_state(CheckinForm.mood)
        await message.edit_text(t("checkin-ask"), reply_markup=mood_keyboard(t))
    elif action == "mood" and callback_data.value in MOODS:
        await state.update_data(mood=callback_data.value)
        await state.set_state(CheckinForm.note)
        await query.answer()
        await message.edit_text(
            t("checkin-mood-chosen", mood=t(f"checkin-mood-{callback_data.value}"))
        )
        await message.answer(t("checkin-note-ask", limit=NOTE_LIMIT))
    elif action == "tag" and 0 <= callback_data.value < len(TAGS):
        chosen = list(form.get("tags", []))
        tag = TAGS[callback_data.value]
        chosen = [c for c in chosen if c != tag] if tag in chosen else [*chosen, tag]
        await state.update_data(tags=chosen)
        await query.answer()
        await message.edit_reply_markup(reply_markup=tags_keyboard(t, chosen))
    elif action == "done":
        await query.answer()
        await finish(message, query.from_user.id, state, t, service, data["community_service"])
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def finish(
    message: Message,
    user_id: int,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
    community_service: CommunityService,
) -> None:
    form = await state.get_data()
    selection = await community_service.selection(user_id)
    community_id = (
        selection.community.chat_id
        if selection.outcome is Choice.SELECTED and selection.community
        else None
    )
    mood = int(form["mood"])
    reflection = await service.save(
        user_id, community_id, mood, form.get("note"), tuple(form.get("tags", []))
    )
    await state.clear()
    await message.edit_text(t("checkin-saved"))
    await message.answer(reflect(t, mood, reflection), reply_markup=next_step(t, mood))


def reflect(t: Texts, mood: int, reflection: Reflection) -> str:
    lines = [
        t("checkin-welcome-back")
        if reflection.welcome_back
        else t("checkin-streak", days=reflection.streak)
    ]
    if reflection.week_average is not None:
        difference = mood - reflection.week_average
        key = "up" if difference >= 0.5 else "down" if difference <= -0.5 else "same"
        lines.append(t(f"checkin-trend-{key}", average=round(reflection.week_average, 1)))
    if mood <= LOW_MOOD:
        lines.append(t("checkin-low-mood"))
    return "\n".join(lines)


def next_step(t: Texts, mood: int) -> InlineKeyboardMarkup | None:
    if mood > LOW_MOOD:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("checkin-crisis-button"), "crisis")]])
