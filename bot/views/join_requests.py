"""What people read of join requests: the person's private prompt with the rules (and the
question), kept current as they accept, answer or withdraw; the moderators' card with the answer
and Approve / Decline, and what became of it; the person told a moderator's decision. Rendered
in each reader's language (the log chat's in the community's) and queued through the sender —
but for the prompt's edits, made at once (see `prompt_changed`).

Implements bot.services.join_requests.JoinRequestNotifier."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import JoinAction, JoinCB, JoinDecision, JoinDecisionCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.join_requests import JoinRequest, JoinRequestsRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import COMMUNITY_RULES, CommunitySettings
from bot.services.join_requests import ANSWER_LIMIT, Prompt
from bot.services.log_chat import LogChat
from bot.services.sender import Sender
from bot.texts import clip, mention, numbered

RULES_SHOWN = 3000  # the prompt stays within Telegram's 4096 characters
NAME_SHOWN = 64
PROMPT_KEY = "jr-prompt:"
CARD_KEY = "jr-card:"

PromptSent = Callable[[int, int], Awaitable[None]]  # (request id, message id)
CardSent = Callable[[int, int, int], Awaitable[None]]  # (request id, chat id, message id)


def prompt_keyboard(t: Texts, request_id: int, *, accept: bool) -> InlineKeyboardMarkup:
    def button(action: JoinAction) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=t(f"joinreq-{action.value}"),
            callback_data=JoinCB(action=action, id=request_id).pack(),
        )

    # Once the rules are accepted, "Answer" brings the question back (after /cancel, say).
    first = JoinAction.ACCEPT if accept else JoinAction.ANSWER
    rows = [[button(first)], [button(JoinAction.WITHDRAW)]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


class JoinRequestViews:
    def __init__(
        self,
        repo: JoinRequestsRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        settings: CommunitySettings,
        log_chat: LogChat,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.users = users
        self.settings = settings
        self.log_chat = log_chat
        self.bot = bot
        self.sender = sender
        self.translator = translator

    def follow(self, prompt_sent: PromptSent, card_sent: CardSent) -> None:
        """Once a prompt or a card is delivered, where it is goes back to the service."""

        async def on_prompt(key: str, chat_id: int, message_id: int) -> None:
            await prompt_sent(int(key[len(PROMPT_KEY) :]), message_id)

        async def on_card(key: str, chat_id: int, message_id: int) -> None:
            await card_sent(int(key[len(CARD_KEY) :].split(":", 1)[0]), chat_id, message_id)

        self.sender.on_sent(PROMPT_KEY, on_prompt)
        self.sender.on_sent(CARD_KEY, on_card)

    # --- the person ---

    async def person_asked(
        self, request: JoinRequest, community: Community, minutes: int, expires_at: float
    ) -> None:
        t = self.translator.texts_for(await self.users.get(request.user_id))
        rules = str(await self.settings.get(request.chat_id, COMMUNITY_RULES)).strip()
        lines = [t("joinreq-prompt", title=community.title), ""]
        if rules:
            lines.append(t("joinreq-prompt-rules", rules=clip(numbered(rules), RULES_SHOWN)))
        else:
            lines.append(t("joinreq-prompt-no-rules"))
        lines.append("")
        if request.question:
            lines.append(t("joinreq-prompt-question", question=request.question, minutes=minutes))
        else:
            lines.append(t("joinreq-prompt-accept", minutes=minutes))
        await self.sender.enqueue(
            request.user_chat_id,
            "\n".join(lines),
            reply_markup=prompt_keyboard(t, request.id, accept=True),
            priority=-1,
            dedupe_key=f"{PROMPT_KEY}{request.id}",
            expires_at=expires_at,
        )

    async def prompt_changed(self, request: JoinRequest, now: Prompt) -> None:
        """Edited directly, not queued: before Telegram hears the decision, after which the bot
        may no longer write to someone who never started it. Best effort."""
        if request.prompt_message_id is None:
            return
        community = await self.communities.get(request.chat_id)
        title = community.title if community else ""
        t = self.translator.texts_for(await self.users.get(request.user_id))
        keyboard = None
        if now is Prompt.QUESTION:
            text = t("joinreq-question", title=title, question=request.question, limit=ANSWER_LIMIT)
            keyboard = prompt_keyboard(t, request.id, accept=False)
        else:
            text = t(f"joinreq-{now.value}", title=title)
        with suppress(TelegramAPIError):
            await self.bot.edit_message_text(
                text,
                chat_id=request.user_chat_id,
                message_id=request.prompt_message_id,
                reply_markup=keyboard,
            )

    async def person_told_decision(self, request: JoinRequest, community: Community) -> None:
        t = self.translator.texts_for(await self.users.get(request.user_id))
        await self.sender.enqueue(
            request.user_id,
            t(f"joinreq-{request.status}-person", title=community.title),
            priority=-1,
            dedupe_key=f"jr-told:{request.id}",
        )

    # --- the moderators ---

    async def _texts_of(self, chat_id: int, community: Community) -> Texts:
        """A person's card in their language; the log chat's in the community's."""
        if chat_id < 0:
            return self.log_chat.texts(community)
        return self.translator.texts_for(await self.users.get(chat_id))

    async def _card_text(
        self, t: Texts, request: JoinRequest, community: Community, result: str = ""
    ) -> str:
        user = await self.users.get(request.user_id)
        who = mention(request.user_id, clip(request.name, NAME_SHOWN))
        if user is not None and user.username:
            who += f" @{user.username}"
        lines = [
            t("joinreq-card", title=community.title, name=Markup(who)),
            t("joinreq-card-question", question=request.question or ""),
            t("joinreq-card-answer", answer=request.answer or ""),
        ]
        if result:
            lines += ["", result]
        return "\n".join(lines)

    async def _result(self, t: Texts, request: JoinRequest) -> str:
        if request.status in ("approved", "declined"):
            # A moderator who asked to be forgotten since is nobody in particular.
            by = await self.users.get(request.decided_by) if request.decided_by else None
            name = (by.first_name if by else None) or t("someone")
            return t(f"joinreq-card-{request.status}", by=name)
        return t(f"joinreq-card-{request.status}")

    async def answer_to_review(self, request: JoinRequest, chats: Sequence[int]) -> None:
        community = await self.communities.get(request.chat_id)
        if community is None:
            return
        for chat_id in chats:
            t = await self._texts_of(chat_id, community)

            def button(action: JoinDecision, t: Texts = t) -> InlineKeyboardButton:
                return InlineKeyboardButton(
                    text=t(f"joinreq-card-{action.value}"),
                    callback_data=JoinDecisionCB(action=action, id=request.id).pack(),
                )

            await self.sender.enqueue(
                chat_id,
                await self._card_text(t, request, community),
                reply_markup=InlineKeyboardMarkup(
                    inline_keyboard=[[button(JoinDecision.APPROVE), button(JoinDecision.DECLINE)]]
                ),
                priority=-1,
                dedupe_key=f"{CARD_KEY}{request.id}:{chat_id}",
            )

    async def card_now(self, request_id: int, chat_id: int) -> str:
        """A decided request's card as the readers of `chat_id` should now see it ("" while
        it is still open, or gone)."""
        request = await self.repo.get(request_id)
        community = await self.communities.get(request.chat_id) if request else None
        if request is None or community is None or request.open:
            return ""
        t = await self._texts_of(chat_id, community)
        return await self._card_text(t, request, community, await self._result(t, request))

    async def request_settled(
        self, request: JoinRequest, community: Community, cards: Sequence[tuple[int, int]]
    ) -> None:
        for chat_id, message_id in cards:
            t = await self._texts_of(chat_id, community)
            await self.sender.enqueue(
                chat_id,
                await self._card_text(t, request, community, await self._result(t, request)),
                method="editMessageText",
                message_id=message_id,
                priority=1,
                dedupe_key=f"jr-card-done:{request.id}:{chat_id}",
            )

    async def request_forgotten(
        self, request: JoinRequest, community: Community, cards: Sequence[tuple[int, int]]
    ) -> None:
        for chat_id, message_id in cards:
            t = await self._texts_of(chat_id, community)
            await self.sender.enqueue(
                chat_id,
                t("joinreq-card-forgotten", title=community.title),
                method="editMessageText",
                message_id=message_id,
                dedupe_key=f"jr-card-forgotten:{request.id}:{chat_id}",
            )
