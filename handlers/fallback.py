"""Last router: unknown commands and free text outside a form get a short hint, never silence
(in private chat; in groups only commands addressed to this bot). A private command typed in a
group gets a button that runs it in private, arguments and community included."""

from __future__ import annotations

import base64

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.filters import GROUPS, PRIVATE, Inline
from bot.i18n import Texts
from bot.runtime import Runtime
from bot.texts import parse_telegram_id
from bot.views.cleanup import brief, private_hint
from handlers.commands import PRIVATE_ONLY
from handlers.deeplinks import DeepLinks, LinkContext, sender_id

DEEP_LINK_RUN = "go_"  # go_<command>_<chat id>[_<arguments, base64url>]
DEEP_LINK_LIMIT = 64  # Telegram's limit on a /start payload


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(private_command, PRIVATE, Inline(F.text.startswith("/")))
    r.message.register(private_other, PRIVATE)
    r.message.register(private_in_group, GROUPS, Command(*PRIVATE_ONLY))
    r.message.register(group_command, Inline(F.text.regexp(r"^/[A-Za-z0-9_]+@\w+")))
    r.callback_query.register(stale_button)
    return r


async def private_command(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-command"))


async def private_other(message: Message, t: Texts) -> None:
    await message.answer(t("free-text-hint"))


def run_link(command: str, chat_id: int, args: str | None) -> str:
    """The /start payload that runs `/command args` in private for the community `chat_id`;
    arguments that do not fit Telegram's 64 characters are left for the person to type."""
    payload = f"{DEEP_LINK_RUN}{command}_{chat_id}"
    if args:
        packed = base64.urlsafe_b64encode(args.encode()).decode().rstrip("=")
        if len(payload) + 1 + len(packed) <= DEEP_LINK_LIMIT:
            payload += f"_{packed}"
    return payload


def parse_run_link(link: str) -> tuple[str, int, str] | None:
    """(command, chat id, arguments) from a `run_link` payload after its prefix; None when it
    is not one."""
    command, _, rest = link.partition("_")
    chat, _, packed = rest.partition("_")
    chat_id = parse_telegram_id(chat)
    if command not in PRIVATE_ONLY or chat_id is None:
        return None
    try:
        args = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)).decode()
    except ValueError:  # a forged or cut link: the command alone
        args = ""
    return command, chat_id, args


def register_links(links: DeepLinks) -> None:
    # As if typed: the command itself decides what becomes of a form in progress.
    links.add_raw(DEEP_LINK_RUN, run_in_private, keeps_form=True)


async def run_in_private(message: Message, link: str, context: LinkContext) -> bool:
    """A private command typed in a group: run it here, for that group, as if typed here."""
    run = parse_run_link(link)
    if run is None:
        return False
    name, chat_id, args = run
    await context.runtime.community_service.select(sender_id(message), chat_id)
    typed = message.model_copy(update={"text": f"/{name} {args}".strip(), "entities": None})
    data = context.update_data
    await context.runtime.dispatcher.propagate_event("message", typed, **data)
    return True


async def private_in_group(
    message: Message, command: CommandObject, group_t: Texts, runtime: Runtime
) -> None:
    """/jobs python typed in the group: the button goes on in private as if typed there."""
    name = command.command.lower()
    payload = run_link(name, message.chat.id, command.args)
    await private_hint(
        message, runtime, group_t, "group-private-command", payload, command=f"/{name}"
    )


async def group_command(message: Message, group_t: Texts, runtime: Runtime) -> None:
    me = await message.bot.me()  # type: ignore[union-attr]
    addressed = (message.text or "").split()[0].split("@", 1)[1]
    if addressed.lower() == (me.username or "").lower():
        await brief(message, runtime, group_t("unknown-command"), refusal=True)


async def stale_button(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("button-outdated"), show_alert=True)
