"""/ask: a request for help, in private (from the group, a button leads here so personal
details never have to be typed in the group). Category, title, details, urgency, visibility,
then a preview to post, edit or cancel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message

from bot.callbacks import AskAction, AskCB, FormAction
from bot.filters import pressed_privately
from bot.i18n import Texts
from bot.keyboards import sos_button, update_menu
from bot.repos.requests import HelpRequest
from bot.runtime import Runtime
from bot.services.requests import (
    DETAILS_LIMIT,
    TITLE_LIMIT,
    URGENCIES,
    VISIBILITIES,
    Draft,
    HelpService,
    Outcome,
)
from bot.views.requests import card, category_label
from handlers import forms
from handlers.deeplinks import DeepLinks
from handlers.forms import CommunityForm, Field, FormRun, FormTexts, Option, Rows

DEEP_LINK_ASK = "a"
CHOICES = {"urgency": URGENCIES, "visibility": VISIBILITIES}  # labels: help-<name>-<option>


class AskForm(CommunityForm):
    key = "ask"
    group = "AskForm"
    texts = FormTexts(resumed="help-form-resumed", cancelled="help-cancelled")
    fields = (
        Field("category", "help-ask-category", choices=True, width=2),
        Field("title", "help-ask-title", limit=TITLE_LIMIT),
        Field("details", "help-ask-details", limit=DETAILS_LIMIT, multiline=True, optional=True),
        Field("urgency", "help-ask-urgency", choices=True, width=3),
        Field("visibility", "help-ask-visibility", choices=True),
    )

    def __init__(self, service: HelpService) -> None:
        self.service = service

    async def begin(
        self, run: FormRun, user_id: int, chat_id: int, prefill: Mapping[str, str] | None = None
    ) -> None:
        """The form from its start, or with some answers given (a hard day's check-in opens
        it with "health & support", anonymous): those steps are skipped and stay editable."""
        if not await self.service.may_use(chat_id, user_id):
            await run.message.answer(run.t("help-not-member"))
            return
        await forms.start(run, prefill, keep={"chat": chat_id})

    async def prompt(self, run: FormRun, field: Field) -> str:
        return run.t(field.prompt, limit=field.limit) if field.limit else run.t(field.prompt)

    async def options(self, run: FormRun, field: Field) -> list[Option]:
        if field.name == "category":
            categories = await self.service.categories(run.chat_id)
            return [Option(c.code, c.code, category_label(run.t, c)) for c in categories]
        return [Option(o, o, run.t(f"help-{field.name}-{o}")) for o in CHOICES.get(field.name, ())]

    async def extra_rows(self, run: FormRun, field: Field) -> Rows:
        # A request can take days to be answered: the help for right now is one tap away.
        return [[sos_button(run.t)]] if field.name == "category" else []

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t, draft = run.t, draft_of(run.values)
        sample = HelpRequest(
            0, run.chat_id, None, draft.category, draft.title, draft.details, draft.urgency,
            draft.visibility, t.lang, "open", None, None, 0.0, None, 0.0, None, None,
        )  # fmt: skip
        text = "\n\n".join(
            [
                t("help-preview"),
                card(t, sample, await self.service.category(sample.chat_id, sample.category)),
                t(f"help-visibility-{draft.visibility}-note"),
            ]
        )

        def change(name: str) -> InlineKeyboardButton:
            return run.button(t(f"help-edit-{name}"), FormAction.FIELD, name)

        post_data = AskCB(step=AskAction.POST).pack()
        rows = [
            [InlineKeyboardButton(text=t("help-post"), callback_data=post_data)],
            [change("title"), change("details")],
            [change("category"), change("visibility")],
            [change("urgency"), run.button(t("help-cancel"), FormAction.CANCEL)],
        ]
        return text, rows


def ask_form(runtime: Runtime) -> AskForm:
    return AskForm(runtime.help)


ENTRY = forms.Entry("ask", DEEP_LINK_ASK, "help-ask-private", delete_command=True)
begin_link = forms.entry_link(ask_form)


def router() -> Router:
    r = Router(name="requests-ask")
    # The command itself leaves the group where the bot may: an anonymous request must not
    # follow a visible "/ask" from its author.
    forms.register_entry(r, ENTRY, ask_form)
    forms.register(r, AskForm, ask_form)
    r.callback_query.register(post, AskCB.filter())
    return r


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_ASK, begin_link)


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
    """The form opened from elsewhere (a hard day's check-in, /sos), its answers given."""
    form = AskForm(help_service)
    await form.begin(FormRun(form, message, state, t), user_id, chat_id, prefill)


def draft_of(values: Mapping[str, Any]) -> Draft:
    return Draft(
        category=values["category"],
        title=values["title"],
        details=values.get("details", ""),
        urgency=values["urgency"],
        visibility=values["visibility"],
    )


async def post(
    query: CallbackQuery, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    """ "Post" under the person's own preview."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    if await state.get_state() != AskForm.previewing().state or "values" not in form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    service, user_id = help_service, query.from_user.id
    submitted = await service.submit(user_id, int(form["chat"]), draft_of(form["values"]))
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
