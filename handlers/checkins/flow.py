"""/checkin: how are you today? A mood, an optional note and tags, then a kind reflection and,
when it is hard, the ways to help; when it is good news, a way to share it with the group."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CheckinAction, CheckinCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import sos_button, update_menu, with_sos
from bot.repos.communities import Community
from bot.services.checkin_community import GOOD_NEWS_LIMIT, CommunityCheckins, Shared
from bot.services.checkins import LOW_MOOD, MOODS, NOTE_LIMIT, TAGS, CheckinService, Reflection
from bot.services.communities import Choice, CommunityService
from bot.services.requests import HelpService
from bot.services.sos import SUPPORT_REQUEST, SosService
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
    for handler, actions in PRESSES.items():
        r.callback_query.register(handler, CheckinCB.filter(F.action.in_(actions)))
    return r


def _button(text: str, action: CheckinAction, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=CheckinCB(action=action, value=value).pack()
    )


def mood_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t(f"checkin-mood-{m}"), CheckinAction.MOOD, m)] for m in reversed(MOODS)
        ]
    )


def tags_keyboard(t: Texts, chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button(("✓ " if tag in chosen else "") + t(f"checkin-tag-{tag}"), CheckinAction.TAG, i)
        for i, tag in enumerate(TAGS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t("checkin-save"), CheckinAction.DONE)])
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
                _button(t("checkin-replace-yes"), CheckinAction.REPLACE),
                _button(t("checkin-replace-no"), CheckinAction.KEEP),
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


# The form's buttons and the step each belongs to.
FORM_STEP = {
    CheckinAction.REPLACE: CheckinForm.replace.state,
    CheckinAction.KEEP: CheckinForm.replace.state,
    CheckinAction.MOOD: CheckinForm.mood.state,
    CheckinAction.TAG: CheckinForm.tags.state,
    CheckinAction.DONE: CheckinForm.tags.state,
}


async def _form_press(
    query: CallbackQuery,
    action: CheckinAction,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
) -> Message | None:
    """A press in the form counts only in the presser's own chat, in the step it belongs to, on
    the day the form was begun: an old keyboard, a second press or somebody else's forwarded
    keyboard gets an alert and changes nothing."""
    message = await pressed_privately(query, t)
    if message is None:
        return None
    current = await state.get_state()
    form = await state.get_data()
    today = (await service.today(query.from_user.id)).isoformat()
    if current != FORM_STEP[action] or form.get("day") != today:
        await query.answer(t("checkin-stale"), show_alert=True)
        return None
    return message


async def _outdated(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("button-outdated"), show_alert=True)


async def keep_pressed(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _form_press(query, callback_data.action, state, t, checkin_service)
    if message is None:
        return
    await state.clear()
    await query.answer()
    await update_menu(message, t("checkin-kept"), None)


async def replace_pressed(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _form_press(query, callback_data.action, state, t, checkin_service)
    if message is None:
        return
    await query.answer()
    await state.set_state(CheckinForm.mood)
    question = await step(state, t, t("checkin-ask"), "mood")
    await update_menu(message, question, mood_keyboard(t))


async def mood_pressed(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _form_press(query, callback_data.action, state, t, checkin_service)
    if message is None:
        return
    chosen = callback_data.value
    if chosen not in MOODS:
        await _outdated(query, t)
        return
    await state.update_data(mood=chosen)
    await state.set_state(CheckinForm.note)
    await query.answer()
    await update_menu(message, t("checkin-mood-chosen", mood=t(f"checkin-mood-{chosen}")), None)
    await message.answer(await step(state, t, t("checkin-note-ask", limit=NOTE_LIMIT), "note"))


async def tag_pressed(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _form_press(query, callback_data.action, state, t, checkin_service)
    if message is None:
        return
    if not 0 <= callback_data.value < len(TAGS):
        await _outdated(query, t)
        return
    chosen = list((await state.get_data()).get("tags", []))
    pressed_tag = TAGS[callback_data.value]
    if pressed_tag in chosen:
        chosen = [c for c in chosen if c != pressed_tag]
    else:
        chosen = [*chosen, pressed_tag]
    await state.update_data(tags=chosen)
    await query.answer()
    await message.edit_reply_markup(reply_markup=tags_keyboard(t, chosen))


async def done_pressed(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
    community_service: CommunityService,
    community_checkins: CommunityCheckins,
) -> None:
    message = await _form_press(query, callback_data.action, state, t, checkin_service)
    if message is None:
        return
    await query.answer()
    await finish(
        message,
        query.from_user.id,
        state,
        t,
        checkin_service,
        community_service,
        community_checkins,
    )


async def finish(
    message: Message,
    user_id: int,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
    community_service: CommunityService,
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
    keyboard = await next_step(
        t, user_id, mood, tags, chat_id, community_service, community_checkins
    )
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
    community_service: CommunityService,
    community_checkins: CommunityCheckins,
) -> InlineKeyboardMarkup:
    """The buttons under the reply: /sos under every one (first on a hard day)."""
    rows: list[list[InlineKeyboardButton]] = []
    if mood <= LOW_MOOD:
        rows.append([sos_button(t)])
        selection = await community_service.selection(user_id)
        if selection.outcome is Choice.SELECTED:
            rows.append([_button(t("checkin-ask-button"), CheckinAction.ASK)])
        rows.append([_button(t("checkin-talk-button"), CheckinAction.TALK)])
        if chat_id is not None and not await community_checkins.check_on(user_id, chat_id):
            rows.append([_button(t("checkin-checkon-button"), CheckinAction.CHECKON, 1)])
        return InlineKeyboardMarkup(inline_keyboard=rows)
    if mood == max(MOODS) and "good_news" in tags and chat_id is not None:
        rows.append([_button(t("checkin-share-button"), CheckinAction.SHARE)])
    return with_sos(t, InlineKeyboardMarkup(inline_keyboard=rows))


# Buttons that work whenever the presser presses them in their own chat (not tied to a form).


async def start_pressed(
    query: CallbackQuery, state: FSMContext, t: Texts, checkin_service: CheckinService
) -> None:
    """The button under a reminder."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await start(message, state, t, checkin_service, user_id=query.from_user.id)


async def snooze(
    query: CallbackQuery, callback_data: CheckinCB, t: Texts, checkin_service: CheckinService
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    hours = callback_data.value
    if hours not in (1, 24):
        await _outdated(query, t)
        return
    await checkin_service.snooze(query.from_user.id, hours)
    await query.answer(t("checkin-snoozed-hour" if hours == 1 else "checkin-snoozed-tomorrow"))
    with suppress(TelegramBadRequest):  # already without buttons
        await message.edit_reply_markup(reply_markup=None)


async def crisis(query: CallbackQuery, t: Texts, sos_service: SosService) -> None:
    """ "Where to get help" under an older reply: /sos now."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await sos.show(message, query.from_user.id, t, sos_service)


async def ask_support(
    query: CallbackQuery,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    user_id = query.from_user.id
    community = await acting_for(message, user_id, t, community_service)
    if community is None:
        return
    await ask.begin(
        message,
        user_id,
        community.chat_id,
        state,
        t,
        help_service,
        prefill=dict(SUPPORT_REQUEST),
    )


async def talk(
    query: CallbackQuery,
    t: Texts,
    community_service: CommunityService,
    community_checkins: CommunityCheckins,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await talk_to_someone(message, t, query.from_user.id, community_service, community_checkins)


async def check_on(
    query: CallbackQuery,
    callback_data: CheckinCB,
    t: Texts,
    community_checkins: CommunityCheckins,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    if callback_data.value not in (0, 1):
        await _outdated(query, t)
        return
    on = bool(callback_data.value)
    community = await community_checkins.current(query.from_user.id)
    if community is None:
        await query.answer(t("checkins-off-here"), show_alert=True)
        return
    await community_checkins.set_check_on(query.from_user.id, community.chat_id, on)
    await query.answer()
    await message.answer(await consent_reply(t, community, on, community_checkins))


async def share(
    query: CallbackQuery, state: FSMContext, t: Texts, community_checkins: CommunityCheckins
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    community = await community_checkins.may_share(query.from_user.id)
    if community is None:
        await _outdated(query, t)
        return
    await query.answer()
    await state.set_state(GoodNewsForm.text)
    await state.set_data({"share_chat": community.chat_id})
    await message.answer(t("goodnews-ask", title=community.title, limit=GOOD_NEWS_LIMIT))


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
            [_button(t("goodnews-post-named"), CheckinAction.POST, 0)],
            [_button(t("goodnews-post-anon"), CheckinAction.POST, 1)],
            [_button(t("goodnews-cancel"), CheckinAction.UNSHARE)],
        ]
    )
    preview = t("goodnews-preview") + "\n\n" + escape(text)
    await message.answer(preview, reply_markup=keyboard)


async def confirm_good_news(
    query: CallbackQuery,
    callback_data: CheckinCB,
    state: FSMContext,
    t: Texts,
    community_checkins: CommunityCheckins,
) -> None:
    """ "Post" (named or anonymous) or "Cancel" under the good news' preview."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    if await state.get_state() != GoodNewsForm.confirm.state or "share_text" not in form:
        await _outdated(query, t)
        return
    await state.clear()
    await query.answer()
    if callback_data.action is CheckinAction.UNSHARE:
        await update_menu(message, t("goodnews-cancelled"), None)
        return
    # Checked again now: still today's good news, the same community the form was for.
    user_id = query.from_user.id
    community = await community_checkins.may_share(user_id)
    if community is None or community.chat_id != form.get("share_chat"):
        await update_menu(message, t("button-outdated"), None)
        return
    anonymous = callback_data.value == 1
    shared = await community_checkins.share(
        user_id, community.chat_id, form["share_text"], anonymous
    )
    key = {
        Shared.POSTED: "goodnews-posted",
        Shared.ALREADY: "goodnews-already",
        Shared.NOT_ALLOWED: "goodnews-not-allowed",
    }[shared]
    await update_menu(message, t(key, title=community.title), None)


CA = CheckinAction
PRESSES: dict[Callable[..., Awaitable[None]], tuple[CheckinAction, ...]] = {
    replace_pressed: (CA.REPLACE,),
    keep_pressed: (CA.KEEP,),
    mood_pressed: (CA.MOOD,),
    tag_pressed: (CA.TAG,),
    done_pressed: (CA.DONE,),
    start_pressed: (CA.START,),
    snooze: (CA.SNOOZE,),
    crisis: (CA.CRISIS,),
    ask_support: (CA.ASK,),
    talk: (CA.TALK,),
    check_on: (CA.CHECKON,),
    share: (CA.SHARE,),
    confirm_good_news: (CA.POST, CA.UNSHARE),
}
