"""Keep groups tidy: the bot's hints and refusals in a group go away after a while, with the
command that brought them, and one person refused again within a minute is not answered twice."""

from __future__ import annotations

from typing import Any, Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramMigrateToChat
from aiogram.types import InlineKeyboardMarkup, Message

from bot.i18n import Texts
from bot.keyboards import open_private
from bot.scheduler import Scheduler, TimerArgs
from bot.services.communities import CommunityService
from bot.services.sender import Sender
from bot.timeutil import Clock

HINT_LIFETIME = 120  # seconds a "continue in private" hint stays in the group
REFUSAL_LIFETIME = 60  # seconds a refusal or a usage hint stays in the group
REPEAT_WINDOW = 60.0  # a second refusal to one person in one group within this is not said


class Parts(Protocol):
    """What these helpers use of the running bot. bot.runtime.Runtime has them all; it is named
    by its shape here, not imported, because the runtime is built of services, this one too."""

    @property
    def bot(self) -> Bot: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def scheduler(self) -> Scheduler: ...
    @property
    def refusals(self) -> RecentRefusals: ...
    @property
    def community_service(self) -> CommunityService: ...


async def delete_message(sender: Sender, args: TimerArgs, lateness: float) -> None:
    """The "delete_message" timer (bot/app.py binds the sender)."""
    # Queued through the sender inside the timer's transaction: done exactly once.
    await sender.enqueue(
        int(args["chat_id"]),
        method="deleteMessage",
        message_id=int(args["message_id"]),
        priority=5,
    )


async def delete_later(runtime: Parts, chat_id: int, message_id: int, after: float) -> None:
    await runtime.scheduler.add_timer(
        "delete_message",
        {"chat_id": chat_id, "message_id": message_id},
        runtime.clock.time() + after,
        grace=2 * 86400,  # Telegram lets bots delete their messages for 48 hours
        dedupe_key=f"delete:{chat_id}:{message_id}",
    )


class RecentRefusals:
    """Which refusal was said to whom in which group lately: while it is still on screen (it lives
    as long as the window) it is not said again. Memory only: after a restart one more at worst."""

    def __init__(self, clock: Clock, window: float = REPEAT_WINDOW) -> None:
        self.clock = clock
        self.window = window
        self._at: dict[tuple[int, int, str], float] = {}

    def first(self, chat_id: int, who: int, text: str) -> bool:
        """True when this person was not told this in this group within the last minute."""
        now = self.clock.time()
        if len(self._at) > 10_000:  # a flood of distinct people: forget the old ones
            self._at = {k: at for k, at in self._at.items() if now - at < self.window}
        last = self._at.get((chat_id, who, text))
        if last is not None and now - last < self.window:
            return False
        self._at[(chat_id, who, text)] = now
        return True


def _sender(message: Message) -> int:
    # An anonymous admin writes as the group (sender_chat): one "person" for this purpose.
    if message.sender_chat is not None:
        return message.sender_chat.id
    return message.from_user.id if message.from_user is not None else 0


async def brief(
    message: Message,
    runtime: Parts,
    text: str,
    *,
    keyboard: InlineKeyboardMarkup | None = None,
    refusal: bool = False,
) -> None:
    """Answer a command with a hint or a refusal. In private: an ordinary answer. In a group: a
    reply that goes away after a while together with the command; the same refusal to the same
    person within a minute is not said again (the command still goes)."""
    if message.chat.type == "private":
        await message.answer(text, reply_markup=keyboard)
        return
    chat_id = message.chat.id
    lifetime = REFUSAL_LIFETIME if refusal else HINT_LIFETIME
    if refusal and not runtime.refusals.first(chat_id, _sender(message), text):
        await delete_later(runtime, chat_id, message.message_id, lifetime)
        return
    try:
        reply = await message.reply(text, reply_markup=keyboard)
    except TelegramMigrateToChat as moved:
        if refusal:
            raise  # judged on the old group: the person is asked to send the command again
        # The group became a supergroup since the command was sent: follow it there.
        chat_id = moved.migrate_to_chat_id
        await runtime.community_service.migrate(message.chat.id, chat_id)
        reply = await runtime.bot.send_message(chat_id, text, reply_markup=keyboard)
    else:
        await delete_later(runtime, chat_id, message.message_id, lifetime)
    await delete_later(runtime, chat_id, reply.message_id, lifetime)


async def private_hint(
    message: Message, runtime: Parts, t: Texts, key: str, payload: str, **args: Any
) -> None:
    """In a group: a short answer whose button goes on in private (`payload`, a /start deep
    link); gone after a while, with the command, so the group is not cluttered."""
    me = await runtime.bot.me()
    keyboard = open_private(t, me.username or "", payload)
    await brief(message, runtime, t(key, **args), keyboard=keyboard)
