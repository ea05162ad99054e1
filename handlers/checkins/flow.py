"""/checkin: how are you today? A mood, an optional note and tags, then a kind reflection and,
when it is hard, the ways to help; when it is good news, a way to share it with the group."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CheckinCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import sos_button, update_menu, with_sos
from bot.repos.communities import Community
from bot.services.checkin_community import GOOD_NEWS_LIMIT, CommunityCheckins, Shared
from bot.services.checkins import LOW_MOOD, MOODS, NOTE_LIMIT, TAGS, CheckinService, Reflection
from bot.services.communities import Choice, CommunityService
from bot.services.sos import SUPPORT_REQUEST
from bot.texts import escape, mention, utf16_len
from bot.views.checkins import contact_button
from handlers import sos
from handlers.community import acting_for, choices_keyboard
from handlers.forms import with_step
from handlers.requests import ask


class CheckinForm(StatesGroup):
    replace = State()
    mood = State()
    note = State()
    tags = State()


STEPS = ("mood", "note", "tags")  # "replace" asks whether to start at all: not a step


async def step(state: FSMContext, t: Texts, question: str, name: str) -> str:
    return await with_step(state, t, question, name, STEPS)


class GoodNewsForm(StatesGroup):
    text = State()
    confirm = State()


def router() -> Router:
    r = Router(name="checkin-flow")
    r.message.register(start, Command("checkin"), PRIVATE)
    r.message.register(skip_note, Command("skip"), StateFilter(CheckinForm.note), PRIVATE)
    r.message.register(
        typed_note, StateFilter(CheckinForm.note), PRIVATE, Inline(~F.text.startswith("/"))
    )
    r.message.register(
        typed_good_news,
        StateFilter(GoodNewsForm.text),
        PRIVATE,
        Inline(~F.text.startswith("/")),
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
    await message.answer(
        await step(state, t, t("checkin-ask"), "mood"), reply_markup=mood_keyboard(t)
    )


async def start(
    message: Message,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
    user_id: int | None = None,
) -> None:
    assert message.from_user is not None
    earlier = await checkin_service.existing(user_id or message.from_user.id)
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
    await ask_tags(message, state, t)


async def ask_tags(message: Message, state: FSMContext, t: Texts) -> None:
    await state.set_state(CheckinForm.tags)
    question = await step(state, t, t("checkin-tags-ask"), "tags")
    await message.answer(question, reply_markup=tags_keyboard(t, []))


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
    await ask_tags(message, state, t)


# Buttons that work whenever the presser presses them in their own chat (not tied to a form).
FREE_ACTIONS = ("start", "snooze", "crisis", "ask", "talk", "checkon", "share", "post", "unshare")


async def pressed(query: CallbackQuery, callback_data: CheckinCB, **data: Any) -> None:
    """Every press is checked against the presser's own chat and form: an old keyboard, a second
    press or somebody else's forwarded keyboard gets an alert and changes nothing."""
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    action = callback_data.action
    if action in FREE_ACTIONS:
        await free_action(query, message, callback_data, data)
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
        await update_menu(message, t("checkin-kept"), None)
    elif action == "replace":
        await query.answer()
        await state.set_state(CheckinForm.mood)
        question = await step(state, t, t("checkin-ask"), "mood")
        await update_menu(message, question, mood_keyboard(t))
    elif action == "mood" and callback_data.value in MOODS:
        await state.update_data(mood=callback_data.value)
        await state.set_state(CheckinForm.note)
        await query.answer()
        await update_menu(
            message, t("checkin-mood-chosen", mood=t(f"checkin-mood-{callback_data.value}")), None
        )
        await message.answer(await step(state, t, t("checkin-note-ask", limit=NOTE_LIMIT), "note"))
    elif action == "tag" and 0 <= callback_data.value < len(TAGS):
        chosen = list(form.get("tags", []))
        tag = TAGS[callback_data.value]
        chosen = [c for c in chosen if c != tag] if tag in chosen else [*chosen, tag]
        await state.update_data(tags=chosen)
        await query.answer()
        await message.edit_reply_markup(reply_markup=tags_keyboard(t, chosen))
    elif action == "done":
        await query.answer()
        await finish(message, query.from_user.id, state, t, service, data["community_checkins"])
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def finish(
    message: Message,
    user_id: int,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
    community_checkins: CommunityCheckins,
) -> None:
    form = await state.get_data()
    community = await community_checkins.current(user_id)
    chat_id = community.chat_id if community else None
    mood = int(form["mood"])
    tags = tuple(form.get("tags", []))
    reflection = await service.save(user_id, chat_id, mood, form.get("note"), tags)
    await state.clear()
    await update_menu(message, t("checkin-saved"), None)
    keyboard = await next_step(t, user_id, mood, tags, chat_id, community_checkins)
    await message.answer(reflect(t, mood, reflection), reply_markup=keyboard)
    if mood <= LOW_MOOD:
        await community_checkins.after_checkin(user_id, chat_id)


def reflect(t: Texts, mood: int, reflection: Reflection) -> str:
    # A hard day is met with sympathy and the way to help first; the counting comes after.
    lines = [t("checkin-low-mood")] if mood <= LOW_MOOD else []
    if reflection.welcome_back:
        lines.append(t("checkin-welcome-back"))
    else:
        lines.append(t(f"checkin-streak-{reflection.period}", count=reflection.streak))
        if reflection.longest > reflection.streak:
            lines.append(t(f"checkin-longest-{reflection.period}", count=reflection.longest))
    if reflection.week_average is not None:
        difference = mood - reflection.week_average
        key = "up" if difference >= 0.5 else "down" if difference <= -0.5 else "same"
        lines.append(t(f"checkin-trend-{key}", average=round(reflection.week_average, 1)))
    return "\n".join(lines)


async def next_step(
    t: Texts,
    user_id: int,
    mood: int,
    tags: tuple[str, ...],
    chat_id: int | None,
    community_checkins: CommunityCheckins,
) -> InlineKeyboardMarkup:
    """The buttons under the reply: /sos under every one (first on a hard day)."""
    rows: list[list[InlineKeyboardButton]] = []
    if mood <= LOW_MOOD:
        rows.append([sos_button(t)])
        selection = await community_checkins.community_service.selection(user_id)
        if selection.outcome is Choice.SELECTED:
            rows.append([_button(t("checkin-ask-button"), "ask")])
        rows.append([_button(t("checkin-talk-button"), "talk")])
        if chat_id is not None and not await community_checkins.check_on(user_id, chat_id):
            rows.append([_button(t("checkin-checkon-button"), "checkon", 1)])
        return InlineKeyboardMarkup(inline_keyboard=rows)
    if mood == max(MOODS) and "good_news" in tags and chat_id is not None:
        rows.append([_button(t("checkin-share-button"), "share")])
    return with_sos(t, InlineKeyboardMarkup(inline_keyboard=rows))


async def free_action(
    query: CallbackQuery, message: Message, callback_data: CheckinCB, data: dict[str, Any]
) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    cc: CommunityCheckins = data["community_checkins"]
    user_id = query.from_user.id
    action, value = callback_data.action, callback_data.value
    if action == "start":  # the button under a reminder
        await query.answer()
        await start(message, state, t, service, user_id=user_id)
    elif action == "snooze" and value in (1, 24):
        await service.snooze(user_id, value)
        await query.answer(t("checkin-snoozed-hour" if value == 1 else "checkin-snoozed-tomorrow"))
        with suppress(TelegramBadRequest):  # already without buttons
            await message.edit_reply_markup(reply_markup=None)
    elif action == "crisis":  # "Where to get help" under an older reply: /sos now
        await query.answer()
        await sos.show(message, user_id, t, data["sos_service"])
    elif action == "ask":
        await query.answer()
        community = await acting_for(message, user_id, t, data["community_service"])
        if community is None:
            return
        await ask.begin(
            message,
            user_id,
            community.chat_id,
            state,
            t,
            data["help_service"],
            prefill=dict(SUPPORT_REQUEST),
        )
    elif action == "talk":
        await query.answer()
        await talk_to_someone(message, t, user_id, data["community_service"], cc)
    elif action == "checkon" and value in (0, 1):
        community = await cc.current(user_id)
        if community is None:
            await query.answer(t("checkins-off-here"), show_alert=True)
            return
        await cc.set_check_on(user_id, community.chat_id, bool(value))
        await query.answer()
        await message.answer(await consent_reply(t, community, bool(value), cc))
    elif action == "share":
        community = await cc.may_share(user_id)
        if community is None:
            await query.answer(t("button-outdated"), show_alert=True)
            return
        await query.answer()
        await state.set_state(GoodNewsForm.text)
        await state.set_data({"share_chat": community.chat_id})
        await message.answer(t("goodnews-ask", title=community.title, limit=GOOD_NEWS_LIMIT))
    elif action in ("post", "unshare"):
        await confirm_good_news(query, message, value, action == "unshare", data)
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def consent_reply(t: Texts, community: Community, on: bool, cc: CommunityCheckins) -> str:
    """What consent to be checked on means here — and when nobody could be told yet."""
    if not on:
        return t("checkon-disabled", title=community.title)
    text = t("checkon-enabled", title=community.title)
    if not await cc.listening_moderators(community.chat_id):
        text += "\n\n" + t("checkon-nobody-yet")
    return text


async def talk_to_someone(
    message: Message,
    t: Texts,
    user_id: int,
    community_service: CommunityService,
    cc: CommunityCheckins,
) -> None:
    selection = await community_service.selection(user_id)
    community = selection.community if selection.outcome is Choice.SELECTED else None
    listeners = (
        [u for u in await cc.listeners(community.chat_id) if u.id != user_id] if community else []
    )
    if community is None or not listeners:
        choices = None
        if community is not None:
            text = t("talk-none", title=community.title)
        elif selection.outcome is Choice.NEEDS_CHOICE:
            text = t("talk-no-community")
            choices = choices_keyboard(t, selection.options, None)
        else:
            # Not even Telegram knows a group of theirs with Opora: say so, never "choose".
            text = t("talk-unknown-community")
        own = await cc.crisis_text(community.chat_id if community else None)
        lines_text = sos.crisis_lines(t, own, community.title if community else None)
        await message.answer(text + "\n\n" + lines_text, reply_markup=choices)
        return
    lines = [t("talk-listeners", title=community.title)]
    rows = []
    for user in listeners[:10]:
        lines.append("• " + mention(user.id, user.first_name or t("someone")))
        button = contact_button(t, user)
        if button is not None:
            rows.append([button])
    lines.append("")
    lines.append(t("talk-hint"))
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    await message.answer("\n".join(lines), reply_markup=keyboard)


async def typed_good_news(message: Message, state: FSMContext, t: Texts) -> None:
    text = (message.text or "").strip()
    if not text:
        await message.answer(t("goodnews-text-only"))
        return
    if utf16_len(text) > GOOD_NEWS_LIMIT:
        await message.answer(t("goodnews-too-long", length=utf16_len(text), limit=GOOD_NEWS_LIMIT))
        return
    await state.update_data(share_text=text)
    await state.set_state(GoodNewsForm.confirm)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("goodnews-post-named"), "post", 0)],
            [_button(t("goodnews-post-anon"), "post", 1)],
            [_button(t("goodnews-cancel"), "unshare")],
        ]
    )
    preview = t("goodnews-preview") + "\n\n" + escape(text)
    await message.answer(preview, reply_markup=keyboard)


async def confirm_good_news(
    query: CallbackQuery, message: Message, value: int, cancel: bool, data: dict[str, Any]
) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    cc: CommunityCheckins = data["community_checkins"]
    form = await state.get_data()
    if await state.get_state() != GoodNewsForm.confirm.state or "share_text" not in form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await state.clear()
    await query.answer()
    if cancel:
        await update_menu(message, t("goodnews-cancelled"), None)
        return
    # Checked again now: still today's good news, the same community the form was for.
    community = await cc.may_share(query.from_user.id)
    if community is None or community.chat_id != form.get("share_chat"):
        await update_menu(message, t("button-outdated"), None)
        return
    shared = await cc.share(query.from_user.id, community.chat_id, form["share_text"], value == 1)
    key = {
        Shared.POSTED: "goodnews-posted",
        Shared.ALREADY: "goodnews-already",
        Shared.NOT_ALLOWED: "goodnews-not-allowed",
    }[shared]
    await update_menu(message, t(key, title=community.title), None)
