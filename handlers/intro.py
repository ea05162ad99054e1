"""/intro: a member introduces themselves to their community — what brings them here, what they
can offer, what they need (each optional) — then posts the card to the group or keeps it to
themselves. "What I can offer" can then become their help offer (/offer) or their CV's "about"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import IntroAction, IntroCB
from bot.filters import pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.intros import ANSWERS
from bot.runtime import Runtime
from bot.services.communities import CommunityService
from bot.services.cv import CvService
from bot.services.intro import ANSWER_LIMIT, IntroOutcome, IntroService
from bot.services.requests import HelpService
from bot.texts import clip
from bot.views.intro import card
from handlers import cv, forms
from handlers.deeplinks import DeepLinks
from handlers.forms import CommunityForm, Field, FormRun, FormTexts, Rows, preview_rows
from handlers.requests import offer

DEEP_LINK_INTRO = "in"
DONE = {
    IntroOutcome.POSTED: "intro-posted",
    IntroOutcome.UPDATED: "intro-updated",
    IntroOutcome.SAVED: "intro-saved",
    IntroOutcome.TAKEN_DOWN: "intro-taken-down",
}


class IntroForm(CommunityForm):
    key = "in"
    group = "IntroForm"  # as before the engine: a form saved then resumes
    texts = FormTexts(
        resumed="intro-resumed",
        cancelled="intro-cancelled",
        skip="intro-skip",
        keep="intro-keep",
        clear="intro-clear",
        current="intro-current",
        use_buttons="intro-use-buttons",
        text_only="intro-text-only",
        too_long="intro-too-long",
        edit_which="intro-edit-which",
        field_label="intro-field",
    )
    fields = tuple(
        Field(name, f"intro-ask-{name}", limit=ANSWER_LIMIT, multiline=True, optional=True)
        for name in ANSWERS
    )

    def __init__(self, intros: IntroService) -> None:
        self.intros = intros

    async def begin(self, run: FormRun, user_id: int, chat_id: int) -> None:
        """The form for a first introduction; a saved one is shown with its answers, ready to
        post, keep or edit."""
        community = await self.intros.communities.get(chat_id)
        if community is None or not await self.intros.may_use(chat_id, user_id):
            await run.state.clear()
            await run.message.answer(run.t("intro-not-member"))
            return
        saved = await self.intros.get(chat_id, user_id)
        if saved is None:
            limit = ANSWER_LIMIT
            await run.message.answer(run.t("intro-start", title=community.title, limit=limit))
            await forms.start(run, keep={"chat": chat_id})
            return
        await forms.start(run, saved.answers, keep={"chat": chat_id}, saved=True)

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t, values = run.t, run.values
        edit_label = "intro-edit"
        if not any(values.get(name) for name in ANSWERS):
            return t("intro-nothing"), preview_rows(run, [], edit_label=edit_label)
        chat_id, user_id = run.chat_id, run.message.chat.id
        community = await self.intros.communities.get(chat_id)
        saved = await self.intros.get(chat_id, user_id)
        posted = saved is not None and saved.posted_at is not None
        status = "intro-status-posted" if posted else "intro-status-private"
        text = "\n\n".join(
            [
                t("intro-preview", title=community.title if community else ""),
                card(t, user_id, await self.intros.users.get(user_id), values),
                t(status) if saved is not None else t("intro-choose"),
            ]
        )
        first = [
            [_button(t("intro-update" if posted else "intro-post"), IntroAction.POST)],
            [_button(t("intro-keep-private"), IntroAction.PRIVATE)],
        ]
        return text, preview_rows(run, first, edit_label=edit_label)


def intro_form(runtime: Runtime) -> IntroForm:
    return IntroForm(runtime.intros)


ENTRY = forms.Entry("intro", DEEP_LINK_INTRO, "intro-open-private", "intro-choose-community")
begin_link = forms.entry_link(intro_form)


def router() -> Router:
    r = Router(name="intro")
    forms.register_entry(r, ENTRY, intro_form)
    forms.register(r, IntroForm, intro_form)
    r.callback_query.register(begin_pressed, IntroCB.filter(F.step == IntroAction.BEGIN))
    for action in (IntroAction.POST, IntroAction.PRIVATE):
        r.callback_query.register(finish, IntroCB.filter(F.step == action))
    for action in (IntroAction.OFFER, IntroAction.CV):
        r.callback_query.register(use_offer, IntroCB.filter(F.step == action))
    return r


def _button(text: str, step: IntroAction, chat_id: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=IntroCB(step=step, chat_id=chat_id).pack())


def invitation(t: Texts, chat_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """After the rules a newcomer opened from the welcome: an invitation to introduce oneself."""
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("intro-invite-button"), IntroAction.BEGIN, chat_id=chat_id)]]
    )
    return t("intro-invite"), keyboard


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_INTRO, begin_link)


async def begin(
    message: Message,
    user_id: int,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
) -> None:
    form = IntroForm(intros)
    await form.begin(FormRun(form, message, state, t), user_id, chat_id)


def use_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    """What "what I can offer" can become next."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("intro-to-offer"), IntroAction.OFFER, chat_id=chat_id)],
            [_button(t("intro-to-cv"), IntroAction.CV, chat_id=chat_id)],
        ]
    )


# --- buttons ---


async def begin_pressed(
    query: CallbackQuery,
    callback_data: IntroCB,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
    community_service: CommunityService,
) -> None:
    """ "Introduce yourself" under the rules a newcomer opened: membership is asked again."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await update_menu(message, message.html_text, None)
    if await community_service.select(query.from_user.id, callback_data.chat_id) is None:
        await message.answer(t("intro-not-member"))
        return
    await begin(message, query.from_user.id, callback_data.chat_id, state, t, intros)


async def finish(
    query: CallbackQuery,
    callback_data: IntroCB,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
) -> None:
    """Post (or update) the card, or keep the introduction private: from the person's own
    preview only."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    if await state.get_state() != IntroForm.previewing().state or "values" not in form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    post = callback_data.step == IntroAction.POST
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
    callback_data: IntroCB,
    state: FSMContext,
    t: Texts,
    intros: IntroService,
    help_service: HelpService,
    cv_service: CvService,
) -> None:
    """ "What I can offer" of the presser's own saved introduction becomes their help offer's
    skills, or their CV's "about" (only if it has none): through those features' own code."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    intro = await intros.get(callback_data.chat_id, user_id)
    if intro is None or not intro.offers:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    if callback_data.step == IntroAction.OFFER:
        profile = await offer.put_skills(
            help_service, user_id, clip(intro.offers, offer.SKILLS_LIMIT)
        )
        text, keyboard = offer.render(t, profile)
        await message.answer(t("intro-offer-filled") + "\n\n" + text, reply_markup=keyboard)
        return
    if await cv_service.profile(user_id) is None:
        await state.clear()
        await message.answer(t("intro-cv-new"))
        await cv.begin(message, state, t, cv_service, {"about": intro.offers})
    elif await cv_service.fill_about(user_id, intro.offers):
        await message.answer(t("intro-cv-filled"))
    else:
        await message.answer(t("intro-cv-kept"))
