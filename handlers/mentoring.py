"""/mentor: find a mentor by topic in my communities and write them a short request, or offer
mentoring myself (topics, how many new mentees a month, pause). The mentor answers from the
request itself; an accepted pair is introduced and asked two weeks later if they met."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MentorAction, MentorCB
from bot.filters import PRIVATE, TYPED, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.mentoring import Mentor
from bot.services.mentoring import (
    CAPACITIES,
    MESSAGE_LIMIT,
    PENDING_LIMIT,
    TOPICS_LIMIT,
    Mentoring,
    MentoringService,
)
from bot.texts import clip, utf16_len

SHOWN = 10  # mentors listed at once: the best few, not a directory


class MentorForm(StatesGroup):
    topic = State()  # what the mentee wants help with
    message = State()  # the mentee's request to the chosen mentor
    topics = State()  # what the mentor offers


def router() -> Router:
    r = Router(name="mentoring")
    r.message.register(mentor_command, Command("mentor"), PRIVATE)
    text = TYPED
    r.message.register(typed_topic, StateFilter(MentorForm.topic), PRIVATE, text)
    r.message.register(typed_message, StateFilter(MentorForm.message), PRIVATE, text)
    r.message.register(typed_topics, StateFilter(MentorForm.topics), PRIVATE, text)
    steps: dict[Callable[..., Awaitable[None]], tuple[MentorAction, ...]] = {
        decide: (MA.ACCEPT, MA.DECLINE),
        met: (MA.MET,),
        find: (MA.FIND,),
        pick: (MA.PICK,),
        offer: (MA.OFFER,),
        change: (MA.CHANGE,),
        capacity: (MA.CAPACITY,),
        pause: (MA.PAUSE, MA.RESUME),
        stop: (MA.STOP,),
    }
    for step, actions in steps.items():
        r.callback_query.register(step, MentorCB.filter(F.action.in_(actions)))
    return r


MA = MentorAction


def _button(text: str, action: MentorAction, item: int = 0, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MentorCB(action=action, id=item, value=value).pack()
    )


async def mentor_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    assert message.from_user is not None
    await state.clear()
    topic = " ".join((command.args or "").split())
    if topic:
        await show_mentors(message, message.from_user.id, topic, state, t, mentoring)
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("mentor-find"), MA.FIND)],
            [_button(t("mentor-offer"), MA.OFFER)],
        ]
    )
    await message.answer(t("mentor-menu"), reply_markup=keyboard)


def _read(t: Texts, text: str, limit: int) -> tuple[str | None, str | None]:
    text = " ".join(text.split())
    if not text:
        return None, t("help-text-only")
    if utf16_len(text) > limit:
        return None, t("help-too-long", length=utf16_len(text), limit=limit)
    return text, None


async def show_mentors(
    message: Message,
    user_id: int,
    topic: str,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    topic = topic[:TOPICS_LIMIT]
    await state.update_data(mentor_topic=topic)
    found = await mentoring.find(user_id, topic)
    if not found:
        await message.answer(t("mentor-none", topic=topic))
        return
    rows = [
        [_button(clip(f"{name or t('someone')} — {mentor.topics}", 60), MA.PICK, mentor.user_id)]
        for mentor, name in found[:SHOWN]
    ]
    await message.answer(
        t("mentor-found", count=len(found), topic=topic),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


async def typed_topic(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    assert message.from_user is not None
    topic, problem = _read(t, message.text or "", TOPICS_LIMIT)
    if topic is None:
        await message.answer(problem or "")
        return
    await state.set_state(None)
    await show_mentors(message, message.from_user.id, topic, state, t, mentoring)


async def typed_message(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    assert message.from_user is not None
    text, problem = _read(t, message.text or "", MESSAGE_LIMIT)
    if text is None:
        await message.answer(problem or "")
        return
    form = await state.get_data()
    mentor_id, topic = int(form.get("mentor_id", 0)), str(form.get("mentor_topic") or "")
    outcome = await mentoring.ask(message.from_user.id, mentor_id, topic or "—", text)
    await state.clear()
    key = {
        Mentoring.DONE: "mentor-sent",
        Mentoring.ALREADY: "mentor-already",
        Mentoring.TOO_MANY: "mentor-too-many",
        Mentoring.FULL: "mentor-full",
    }.get(outcome, "mentor-not-available")
    answer = t(key, count=PENDING_LIMIT)
    if outcome is not Mentoring.DONE:
        # Not sent: the words the person wrote come back, ready to send to someone else.
        answer = f"{answer}\n\n{t('mentor-message-kept', text=text)}"
    await message.answer(answer)


async def typed_topics(
    message: Message, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    topics, problem = _read(t, message.text or "", TOPICS_LIMIT)
    if topics is None:
        await message.answer(problem or "")
        return
    await state.update_data(offer_topics=topics)
    rows = [[_button(str(n), MA.CAPACITY, value=n) for n in CAPACITIES]]
    await message.answer(
        t("mentor-ask-capacity"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def offer_view(t: Texts, mentor: Mentor) -> tuple[str, InlineKeyboardMarkup]:
    state = t("mentor-active") if mentor.active else t("mentor-paused")
    text = t("mentor-yours", topics=mentor.topics, capacity=mentor.capacity, state=state)
    pause = (
        _button(t("mentor-pause"), MA.PAUSE)
        if mentor.active
        else _button(t("mentor-resume"), MA.RESUME)
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("mentor-change"), MA.CHANGE)],
            [pause, _button(t("mentor-stop"), MA.STOP)],
        ]
    )
    return text, keyboard


async def _pressed(query: CallbackQuery, t: Texts) -> Message | None:
    """A press in the presser's own private chat, answered at once (what follows is a new
    message or an edit)."""
    message = await pressed_privately(query, t)
    if message is not None:
        await query.answer()
    return message


async def decide(
    query: CallbackQuery, callback_data: MentorCB, t: Texts, mentoring: MentoringService
) -> None:
    """The mentor's Accept / Decline under a request (the service re-checks it is theirs)."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    accept = callback_data.action == MentorAction.ACCEPT
    outcome = await mentoring.decide(callback_data.id, query.from_user.id, accept)
    if outcome is not Mentoring.DONE:
        key = {
            Mentoring.FULL: "mentor-you-are-full",
            Mentoring.ALREADY: "mentor-decided-already",
        }.get(outcome, "button-outdated")
        await query.answer(t(key), show_alert=True)
        return
    await query.answer()
    done = t("mentor-accepted-done" if accept else "mentor-declined-done")
    await update_menu(message, message.html_text + "\n\n" + done, None)


async def met(
    query: CallbackQuery, callback_data: MentorCB, t: Texts, mentoring: MentoringService
) -> None:
    """Either side's answer, two weeks after an accepted request: did you meet?"""
    message = await pressed_privately(query, t)
    if message is None:
        return
    said = bool(callback_data.value)
    outcome = await mentoring.answer_met(callback_data.id, query.from_user.id, said)
    if outcome is not Mentoring.DONE:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    answer = t("mentor-met-thanks" if said else "mentor-met-nudge")
    await update_menu(message, message.html_text + "\n\n" + answer, None)


async def find(query: CallbackQuery, state: FSMContext, t: Texts) -> None:
    if (message := await _pressed(query, t)) is None:
        return
    await state.set_state(MentorForm.topic)
    await message.answer(t("mentor-ask-topic"))


async def pick(
    query: CallbackQuery,
    callback_data: MentorCB,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    if (message := await _pressed(query, t)) is None:
        return
    # Re-checked: a mentor of the presser's communities, with room this month.
    found = {m.user_id: name for m, name in await mentoring.find(query.from_user.id, "")}
    if callback_data.id not in found:
        await message.answer(t("mentor-not-available"))
        return
    await state.set_state(MentorForm.message)
    await state.update_data(mentor_id=callback_data.id)
    name = found[callback_data.id] or t("someone")
    await message.answer(t("mentor-ask-message", name=name, limit=MESSAGE_LIMIT))


async def offer(
    query: CallbackQuery, state: FSMContext, t: Texts, mentoring: MentoringService
) -> None:
    """The presser's offer as it is, or the first question of a new one."""
    if (message := await _pressed(query, t)) is None:
        return
    mentor = await mentoring.mentor(query.from_user.id)
    if mentor is not None:
        text, keyboard = offer_view(t, mentor)
        await message.answer(text, reply_markup=keyboard)
        return
    await state.set_state(MentorForm.topics)
    await message.answer(t("mentor-ask-topics"))


async def change(query: CallbackQuery, state: FSMContext, t: Texts) -> None:
    if (message := await _pressed(query, t)) is None:
        return
    await state.set_state(MentorForm.topics)
    await message.answer(t("mentor-ask-topics"))


async def capacity(
    query: CallbackQuery,
    callback_data: MentorCB,
    state: FSMContext,
    t: Texts,
    mentoring: MentoringService,
) -> None:
    """How many new mentees a month: the offer (with the topics typed before) is saved."""
    if (message := await _pressed(query, t)) is None:
        return
    chosen = callback_data.value
    topics = (await state.get_data()).get("offer_topics")
    if chosen not in CAPACITIES or not topics or await state.get_state() != MentorForm.topics.state:
        await message.answer(t("button-outdated"))
        return
    await mentoring.offer(query.from_user.id, topics, chosen)
    await state.clear()
    await update_menu(message, t("help-chosen", value=str(chosen)), None)
    await message.answer(t("mentor-offer-saved", topics=topics, capacity=chosen))


async def pause(
    query: CallbackQuery, callback_data: MentorCB, t: Texts, mentoring: MentoringService
) -> None:
    """Pause or resume the presser's own offer."""
    if (message := await _pressed(query, t)) is None:
        return
    resume = callback_data.action == MentorAction.RESUME
    mentor = await mentoring.set_active(query.from_user.id, resume)
    if mentor is None:
        await message.answer(t("button-outdated"))
        return
    await update_menu(message, *offer_view(t, mentor))


async def stop(query: CallbackQuery, t: Texts, mentoring: MentoringService) -> None:
    if (message := await _pressed(query, t)) is None:
        return
    if await mentoring.mentor(query.from_user.id) is None:
        await message.answer(t("button-outdated"))
        return
    await mentoring.stop(query.from_user.id)
    await update_menu(message, t("mentor-stopped"), None)
