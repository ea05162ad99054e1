"""Self-tests of the fake Telegram server, driven by a real aiogram Bot over real HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BufferedInputFile,
    CallbackQuery,
    ChatAdministratorRights,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberRestricted,
    ChatPermissions,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageId,
)

from tests.fakegram import FakeTelegram

USER = 42
ADMIN = 7
GROUP = -1001234567890


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t, callback_data=d) for t, d in row] for row in rows
        ]
    )


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    server.add_user(USER, "Anna", username="anna")
    server.add_user(ADMIN, "Boss")
    try:
        yield server
    finally:
        await server.stop()


@pytest_asyncio.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    # Exactly how the project builds its bot; the fake only changes the API base URL.
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    instance = Bot(fake.token, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    try:
        yield instance
    finally:
        if session._session is not None:  # skip AiohttpSession.close()'s 250 ms TLS nap
            await session._session.close()


def group_with_bot(fake: FakeTelegram, *, bot_status: str = "administrator") -> None:
    fake.add_group(GROUP, "Chat")
    fake.set_member(GROUP, ADMIN, "creator", emit=False)
    fake.set_member(GROUP, USER, "member", emit=False)
    fake.add_bot_to_group(GROUP, ADMIN, status=bot_status)


@pytest.mark.asyncio
async def test_get_me(fake: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == fake.bot_id
    assert me.is_bot
    assert me.username == "opora_test_bot"
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert fake.calls_of("getMe")[0].ok


@pytest.mark.asyncio
async def test_long_poll_wakes_up_on_new_update(fake: FakeTelegram, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await fake.wait_for(lambda: fake.polling)
    assert not poll.done()  # nothing queued: the request waits
    sent = fake.send_message(USER, "/start@opora_test_bot payload")
    updates = await asyncio.wait_for(poll, 9)
    assert time.monotonic() - started < 9  # woken by the update, not by its 10 s timeout
    assert [u.update_id for u in updates] == [1]
    message = updates[0].message
    assert message is not None
    assert message.message_id == sent["message_id"] == 1
    assert message.text == "/start@opora_test_bot payload"
    assert message.from_user is not None and message.from_user.id == USER
    assert message.entities is not None
    assert (message.entities[0].type, message.entities[0].length) == ("bot_command", 21)
    assert message.chat.type == "private"


@pytest.mark.asyncio
async def test_offset_confirms_and_allowed_updates_filter(fake: FakeTelegram, bot: Bot) -> None:
    group_with_bot(fake)  # queues my_chat_member + the service message
    fake.send_message(USER, "hello")
    updates = await bot.get_updates(allowed_updates=["message"], timeout=0)
    # my_chat_member is not allowed: dropped for good, like Telegram.
    assert [u.event_type for u in updates] == ["message", "message"]
    assert updates[0].message is not None and updates[0].message.new_chat_members
    again = await bot.get_updates(timeout=0)  # no offset: same updates again
    assert [u.update_id for u in again] == [u.update_id for u in updates]
    last = updates[-1].update_id
    assert await bot.get_updates(offset=last + 1, timeout=0) == []
    assert fake.pending_updates == []
    # allowed_updates is remembered when the parameter is omitted.
    fake.block(USER)  # my_chat_member: not allowed any more
    fake.send_message(USER, "again")
    got = await bot.get_updates(offset=last + 1, timeout=0)
    assert [u.event_type for u in got] == ["message"]


@pytest.mark.asyncio
async def test_html_parsing_and_errors(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    msg = await bot.send_message(
        USER, '<b>Hi</b> &lt;you&gt; <a href="https://t.me/x">link</a> <tg-spoiler>s</tg-spoiler>'
    )
    assert msg.text == "Hi <you> link s"
    assert msg.entities is not None
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 2),
        ("text_link", 9, 4),
        ("spoiler", 14, 1),
    ]
    stored = fake.last_message(USER)
    assert stored["text"] == "Hi <you> link s"
    assert stored["html"].startswith("<b>Hi</b>")
    assert stored["deleted"] is False
    for bad_html, reason in [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "Unmatched end tag"),
        ("a < b", "Unsupported start tag"),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("Tom & Jerry", "&"),
    ]:
        with pytest.raises(TelegramBadRequest, match="can't parse entities") as err:
            await bot.send_message(USER, bad_html)
        assert reason in err.value.message
    # Without parse_mode the text is literal.
    plain = await bot.send_message(USER, "a < b & <b>", parse_mode=None)
    assert plain.text == "a < b & <b>"
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(USER, "<b> </b>")


@pytest.mark.asyncio
async def test_text_length_counted_after_parsing(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    await bot.send_message(USER, "a" * 4096)
    await bot.send_message(USER, "<b>" + "a" * 4090 + "</b>&amp;&lt;&gt;&quot;&#33;&#x21;")
    await bot.send_message(USER, "😀" * 2048)  # 2 UTF-16 units each = 4096
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER, "a" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER, "😀" * 2048 + "a")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(USER, BufferedInputFile(b"x", filename="a.txt"), caption="c" * 1025)


@pytest.mark.asyncio
async def test_callback_data_limit(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    await bot.send_message(USER, "ok", reply_markup=keyboard([("b", "x" * 64)]))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "no", reply_markup=keyboard([("b", "x" * 65)]))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "no", reply_markup=keyboard([("b", "я" * 33)]))  # 66 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot.send_message(
            USER,
            "no",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="u", url="not a url")]]
            ),
        )


@pytest.mark.asyncio
async def test_forbidden_chats(fake: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(USER, "hi")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(555, "hi")
    fake.send_message(USER, "/start")
    await bot.send_message(USER, "hi")
    fake.block(USER)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(USER, "hi")
    assert fake.calls[-1].error_code == 403
    update = fake.pending_updates[-1]["my_chat_member"]
    assert update["new_chat_member"]["status"] == "kicked"
    fake.unblock(USER)
    await bot.send_message(USER, "back")


@pytest.mark.asyncio
async def test_rate_limits(fake: FakeTelegram, bot: Bot) -> None:
    fake.rate_limits = True
    fake.send_message(USER, "/start")
    await bot.send_message(USER, "one")
    with pytest.raises(TelegramRetryAfter) as err:
        await bot.send_message(USER, "two")
    assert err.value.retry_after == 1
    assert fake.count_429 == 1
    failed = fake.calls_of("sendMessage")[-1]
    assert (failed.ok, failed.error_code) == (False, 429)
    # Groups: 20 messages per minute.
    group_with_bot(fake)
    for i in range(20):
        await bot.send_message(GROUP, f"m{i}")
    with pytest.raises(TelegramRetryAfter) as err:
        await bot.send_message(GROUP, "too many")
    assert 55 <= err.value.retry_after <= 60
    assert fake.count_429 == 2


@pytest.mark.asyncio
async def test_migrate_to_supergroup(fake: FakeTelegram, bot: Bot) -> None:
    old, new = -4001, -1004001
    fake.add_group(old, "Small", type="group")
    fake.set_member(old, ADMIN, "creator", emit=False)
    fake.set_member(old, USER, "member", emit=False)
    fake.add_bot_to_group(old, ADMIN, status="member")
    await bot.send_message(old, "before")
    fake.migrate_group(old, new)
    with pytest.raises(TelegramMigrateToChat) as err:
        await bot.send_message(old, "after")
    assert err.value.migrate_to_chat_id == new
    msg = await bot.send_message(new, "after")
    assert msg.chat.type == "supergroup" and msg.message_id == 2
    assert fake.member_status(new, USER) == "member"
    updates = await bot.get_updates(timeout=0)
    service = [u.message for u in updates if u.message is not None]
    assert service[-2].migrate_to_chat_id == new
    assert service[-1].migrate_from_chat_id == old


@pytest.mark.asyncio
async def test_press_and_answer_callback(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    sent = await bot.send_message(
        USER, "Choose", reply_markup=keyboard([("Yes ✅", "vote:yes"), ("No", "vote:no")])
    )
    with pytest.raises(AssertionError, match="visible buttons"):
        fake.press(USER, chat_id=USER, button_text="Maybe")
    query_id = fake.press(USER, chat_id=USER, button_text="Yes")  # substring match
    updates = await bot.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert isinstance(query, CallbackQuery)
    assert query.id == query_id and query.data == "vote:yes"
    assert isinstance(query.message, Message)
    assert query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query_id, text="Saved", show_alert=True)
    assert fake.callback_answer(query_id) == {
        "text": "Saved",
        "show_alert": True,
        "url": None,
        "cache_time": None,
    }
    assert fake.calls_of("answerCallbackQuery")[0].params["text"] == "Saved"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    edited = await bot.edit_message_text("Thanks", chat_id=USER, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.reply_markup is None  # keyboard removed
    assert fake.buttons(fake.last_message(USER)) == []


@pytest.mark.asyncio
async def test_send_document_stores_file(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    payload = json.dumps({"items": [1, 2, 3]}).encode()
    msg = await bot.send_document(
        USER, BufferedInputFile(payload, filename="export.json"), caption="<b>Export</b>"
    )
    assert msg.document is not None and msg.document.file_name == "export.json"
    assert msg.document.mime_type == "application/json"
    assert msg.caption == "Export"
    (doc,) = fake.documents(USER)
    assert doc["file_name"] == "export.json"
    assert json.loads(doc["content"]) == {"items": [1, 2, 3]}
    assert fake.calls_of("sendDocument")[0].params["document"]["size"] == len(payload)
    # The file can be re-sent by file_id and downloaded back.
    again = await bot.send_document(USER, msg.document.file_id)
    assert again.document is not None and again.document.file_id == msg.document.file_id
    file = await bot.get_file(msg.document.file_id)
    assert file.file_path is not None
    data = await bot.download_file(file.file_path)
    assert data is not None and data.read() == payload


@pytest.mark.asyncio
async def test_edit_and_delete_errors(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    markup = keyboard([("A", "a")])
    msg = await bot.send_message(USER, "<i>same</i>", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<i>same</i>", chat_id=USER, message_id=msg.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=USER, message_id=msg.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=999)
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=USER, message_id=1)  # the user's /start
    assert await bot.delete_message(USER, msg.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(USER, msg.message_id)
    assert fake.messages(USER) == []


@pytest.mark.asyncio
async def test_group_admin_rights(fake: FakeTelegram, bot: Bot) -> None:
    group_with_bot(fake, bot_status="member")
    muted = ChatPermissions(can_send_messages=False)
    with pytest.raises(TelegramBadRequest, match="not enough rights"):
        await bot.restrict_chat_member(GROUP, USER, muted)
    with pytest.raises(TelegramBadRequest, match="not enough rights"):
        await bot.ban_chat_member(GROUP, USER)
    fake.set_member(GROUP, fake.bot_id, "administrator")
    assert await bot.restrict_chat_member(GROUP, USER, muted)
    member = await bot.get_chat_member(GROUP, USER)
    assert isinstance(member, ChatMemberRestricted) and member.can_send_messages is False
    with pytest.raises(TelegramBadRequest, match="can't remove chat owner"):
        await bot.ban_chat_member(GROUP, ADMIN)
    assert await bot.ban_chat_member(GROUP, USER)
    assert isinstance(await bot.get_chat_member(GROUP, USER), ChatMemberBanned)
    admins = await bot.get_chat_administrators(GROUP)
    assert {a.user.id for a in admins} == {ADMIN, fake.bot_id}
    me = next(a for a in admins if a.user.id == fake.bot_id)
    assert isinstance(me, ChatMemberAdministrator) and me.can_restrict_members
    info = await bot.get_chat(GROUP)
    assert isinstance(info, ChatFullInfo) and info.title == "Chat"


@pytest.mark.asyncio
async def test_delete_messages_in_batches_and_the_48_hours(fake: FakeTelegram, bot: Bot) -> None:
    now = [time.time()]
    fake.clock = lambda: now[0]
    group_with_bot(fake, bot_status="member")
    ids = [fake.send_message(USER, f"m{n}", chat_id=GROUP)["message_id"] for n in range(3)]
    # Without can_delete_messages nothing goes, not even the ones it could.
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_messages(GROUP, ids)
    fake.set_member(GROUP, fake.bot_id, "administrator", rights={"can_delete_messages": True})
    with pytest.raises(TelegramBadRequest, match="too many message identifiers"):
        await bot.delete_messages(GROUP, list(range(1, 102)))
    with pytest.raises(TelegramBadRequest, match="message identifiers are not specified"):
        await bot.delete_messages(GROUP, [])
    # Ids not found are skipped; all of them missing is still a success.
    assert await bot.delete_messages(GROUP, [*ids[:2], 9999])
    assert await bot.delete_messages(GROUP, [9998, 9999])
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(GROUP, ids[0])
    # Older than 48 hours: Telegram lets nobody delete it, an admin bot included.
    now[0] += 48 * 3600
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(GROUP, ids[2])
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_messages(GROUP, [ids[2]])


@pytest.mark.asyncio
async def test_pins_need_the_right_and_unpinning_needs_a_pin(fake: FakeTelegram, bot: Bot) -> None:
    group_with_bot(fake, bot_status="member")
    first = fake.send_message(USER, "first", chat_id=GROUP)["message_id"]
    second = fake.send_message(USER, "second", chat_id=GROUP)["message_id"]
    with pytest.raises(TelegramBadRequest, match="not enough rights to manage pinned messages"):
        await bot.pin_chat_message(GROUP, first)
    fake.set_member(GROUP, fake.bot_id, "administrator")
    with pytest.raises(TelegramBadRequest, match="message to unpin not found"):
        await bot.unpin_chat_message(GROUP)  # nothing is pinned
    assert await bot.pin_chat_message(GROUP, first, disable_notification=True)
    assert await bot.pin_chat_message(GROUP, second)
    assert fake.pinned_messages(GROUP) == [first, second]
    info = await bot.get_chat(GROUP)
    assert info.pinned_message is not None and info.pinned_message.message_id == second
    assert await bot.unpin_chat_message(GROUP)  # the latest one
    assert fake.pinned_messages(GROUP) == [first]
    assert await bot.delete_message(GROUP, first)  # a deleted message is pinned no more
    assert fake.pinned_messages(GROUP) == []
    with pytest.raises(TelegramBadRequest, match="message to unpin not found"):
        await bot.unpin_chat_message(GROUP, message_id=first)


@pytest.mark.asyncio
async def test_bot_descriptions_and_default_admin_rights(fake: FakeTelegram, bot: Bot) -> None:
    assert await bot.set_my_description("For everybody")
    assert await bot.set_my_description("Для всех", language_code="ru")
    assert await bot.set_my_short_description("x" * 120, language_code="en")
    assert fake.bot_text("description") == "For everybody"
    assert (await bot.get_my_description(language_code="ru")).description == "Для всех"
    # A language without its own text sees the one for everybody.
    assert (await bot.get_my_description(language_code="de")).description == "For everybody"
    with pytest.raises(TelegramBadRequest, match="short description is too long"):
        await bot.set_my_short_description("x" * 121)
    with pytest.raises(TelegramBadRequest, match="description is too long"):
        await bot.set_my_description("😀" * 257)  # 514 UTF-16 units, as Telegram counts
    with pytest.raises(TelegramBadRequest, match="invalid language code"):
        await bot.set_my_description("x", language_code="english")
    assert await bot.set_my_description("", language_code="ru")  # removed: back to everybody's
    assert fake.bot_text("description", "ru") == ""
    rights = ChatAdministratorRights(
        is_anonymous=False, can_manage_chat=False, can_delete_messages=True,
        can_manage_video_chats=False, can_restrict_members=True, can_promote_members=False,
        can_change_info=False, can_invite_users=True, can_post_stories=False,
        can_edit_stories=False, can_delete_stories=False, can_send_welcome_messages=False,
        can_pin_messages=True,
    )  # fmt: skip
    assert await bot.set_my_default_administrator_rights(rights=rights)
    assert fake.default_admin_rights()["can_restrict_members"] is True
    assert fake.default_admin_rights(for_channels=True) == {}
    got = await bot.get_my_default_administrator_rights()
    assert got.can_pin_messages and got.can_invite_users and not got.can_promote_members


@pytest.mark.asyncio
async def test_commands_per_scope_and_misc_errors(fake: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Start")])
    await bot.set_my_commands(
        [BotCommand(command="rules", description="Rules")],
        scope=BotCommandScopeAllGroupChats(),
        language_code="en",
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    scoped = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats(), language_code="en")
    assert [c.command for c in scoped] == ["rules"]
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])
    fake.fail_next("getMe", 429, "Too Many Requests: retry after 3", retry_after=3)
    with pytest.raises(TelegramRetryAfter):
        await bot.get_me()
    wrong = Bot("1:wrong", session=bot.session)
    with pytest.raises(TelegramUnauthorizedError):
        await wrong.get_me()
    url = f"{fake.base_url}/bot{fake.token}/noSuchMethod"
    async with aiohttp.ClientSession() as http, http.post(url) as resp:
        assert resp.status == 404
        assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


@pytest.mark.asyncio
async def test_dispatcher_end_to_end(fake: FakeTelegram) -> None:
    bot = fake.create_bot()
    dp = Dispatcher()

    @dp.message(Command("start"))
    async def start(message: Message) -> None:
        await message.answer("Menu", reply_markup=keyboard([("Ping", "ping")]))

    @dp.callback_query(F.data == "ping")
    async def ping(query: CallbackQuery) -> None:
        await query.answer("pong")
        assert isinstance(query.message, Message)
        await query.message.edit_text("<b>pong</b>")

    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        fake.send_message(USER, "/start")
        await fake.wait_call("sendMessage", chat_id=USER)
        fake.press(USER, chat_id=USER, button_text="Ping")
        # The handler's last step, then the next poll that confirms the press.
        await fake.wait_for(lambda: fake.last_message(USER)["text"] == "pong")
        await fake.wait_for(lambda: not fake.pending_updates and not fake.busy)
        assert fake.last_message(USER)["text"] == "pong"
        assert fake.calls_of("answerCallbackQuery")[-1].params["text"] == "pong"
        assert fake.pending_updates == []
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 15)


@pytest.mark.asyncio
async def test_every_emitted_update_parses(fake: FakeTelegram, bot: Bot) -> None:
    forum = -1009998887776
    fake.add_group(forum, "Forum", is_forum=True)
    fake.set_member(forum, ADMIN, "creator", emit=False)
    group_with_bot(fake)
    fake.add_bot_to_group(forum, ADMIN, status="member")
    fake.add_user(8, "Newbie", username="newbie", last_name="N", language_code=None)
    fake.join(GROUP, 8)
    fake.send_message(8, "hi all", chat_id=GROUP, thread_id=None)
    fake.send_message(ADMIN, "/rules", chat_id=GROUP, as_chat=True)
    fake.send_message(ADMIN, "/topic@opora_test_bot", chat_id=forum, thread_id=5)
    fake.send_message(ADMIN, "not for the bot", chat_id=forum)  # privacy mode hides it
    fake.set_member(GROUP, 8, "restricted", permissions={"can_send_messages": False})
    fake.leave(GROUP, 8)
    fake.send_document(USER, "in.json", b"{}", caption="import")
    fake.edit_message(USER, 1, "edited")
    fake.remove_bot_from_group(forum, ADMIN)
    fake.inject_update(
        {"channel_post": {"message_id": 1, "date": 1, "chat": {"id": -1, "type": "channel"}}}
    )
    updates = await bot.get_updates(
        allowed_updates=[
            "message",
            "edited_message",
            "chat_member",
            "my_chat_member",
            "channel_post",
        ],
        timeout=0,
    )
    kinds = [u.event_type for u in updates]
    assert kinds.count("my_chat_member") == 3  # bot added to GROUP and forum, removed from forum
    assert "chat_member" in kinds and "channel_post" in kinds and "edited_message" in kinds
    texts = [u.message.text for u in updates if u.message is not None and u.message.text]
    assert "not for the bot" not in texts and "hi all" in texts
    topic = next(
        u.message for u in updates if u.message and u.message.text == "/topic@opora_test_bot"
    )
    assert topic.is_topic_message and topic.message_thread_id == 5
    anon = next(u.message for u in updates if u.message and u.message.text == "/rules")
    assert anon.sender_chat is not None and anon.sender_chat.id == GROUP
    assert anon.from_user is not None and anon.from_user.username == "GroupAnonymousBot"
    doc = next(u.message for u in updates if u.message and u.message.document)
    file = await bot.get_file(doc.document.file_id)  # type: ignore[union-attr]
    assert file.file_size == 2


@pytest.mark.asyncio
async def test_markdown_v2_and_threads(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_message(USER, "/start")
    msg = await bot.send_message(
        USER, "*bold* _it_ [link](https://t.me/x) 1\\.5", parse_mode="MarkdownV2"
    )
    assert msg.text == "bold it link 1.5"
    assert msg.entities is not None
    assert [e.type for e in msg.entities] == ["bold", "italic", "text_link"]
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(USER, "1.5", parse_mode="MarkdownV2")
    forum = -1009998887776
    fake.add_group(forum, "Forum", is_forum=True, bot_status="administrator")
    in_topic = await bot.send_message(forum, "topic", message_thread_id=3)
    assert in_topic.message_thread_id == 3 and in_topic.is_topic_message
    group_with_bot(fake)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(GROUP, "x", message_thread_id=77)


@pytest.mark.asyncio
async def test_second_poller_terminates_the_first(fake: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for(lambda: fake.polling)
    second = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 10)
    fake.send_message(USER, "hi")
    assert [u.message.text for u in await asyncio.wait_for(second, 10) if u.message] == ["hi"]


@pytest.mark.asyncio
async def test_join_request_window_and_approval(fake: FakeTelegram, bot: Bot) -> None:
    group_with_bot(fake)
    newcomer = 55
    fake.add_user(newcomer, "Nina")
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(newcomer, "hello")
    fake.request_join(GROUP, newcomer, invite_link="https://t.me/+approve", bio="hi there")
    kinds = ["message", "chat_member", "chat_join_request"]
    updates = await bot.get_updates(allowed_updates=kinds, timeout=0)
    [request] = [u.chat_join_request for u in updates if u.chat_join_request]
    assert request.from_user.id == newcomer and request.user_chat_id == newcomer
    assert request.bio == "hi there"
    assert request.invite_link is not None and request.invite_link.creates_join_request
    # The bot may write to the person while the request waits (user_chat_id)...
    await bot.send_message(request.user_chat_id, "Please accept the rules")
    assert fake.join_requests(GROUP) == [newcomer]
    assert await bot.approve_chat_join_request(GROUP, newcomer)
    assert fake.member_status(GROUP, newcomer) == "member"
    assert fake.join_requests(GROUP) == []
    joined = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    [member] = [u.chat_member for u in joined if u.chat_member]
    assert member.invite_link is not None and member.from_user.id == fake.bot_id
    assert any(u.message and u.message.new_chat_members for u in joined)
    # ...and not once it is handled (nor a handled request again).
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(newcomer, "welcome")
    with pytest.raises(TelegramBadRequest, match="HIDE_REQUESTER_MISSING"):
        await bot.approve_chat_join_request(GROUP, newcomer)
    with pytest.raises(TelegramBadRequest, match="HIDE_REQUESTER_MISSING"):
        await bot.decline_chat_join_request(GROUP, newcomer)


@pytest.mark.asyncio
async def test_join_requests_handled_elsewhere_and_refused(fake: FakeTelegram, bot: Bot) -> None:
    group_with_bot(fake)
    anna, boris, vera = 55, 56, 57
    for uid in (anna, boris, vera):
        fake.add_user(uid, f"User {uid}")
    # An admin declines in the app: nobody is told, the request is gone.
    fake.request_join(GROUP, anna)
    fake.decline_join_request(GROUP, anna)
    with pytest.raises(TelegramBadRequest, match="HIDE_REQUESTER_MISSING"):
        await bot.decline_chat_join_request(GROUP, anna)
    # An admin adds the person while the request waits.
    fake.request_join(GROUP, boris)
    fake.set_member(GROUP, boris, "member")
    with pytest.raises(TelegramBadRequest, match="USER_ALREADY_PARTICIPANT"):
        await bot.approve_chat_join_request(GROUP, boris)
    # An admin approves in the app: a chat_member update from that admin, no link named.
    fake.request_join(GROUP, vera)
    fake.approve_join_request(GROUP, vera, by_user_id=ADMIN)
    updates = await bot.get_updates(allowed_updates=["chat_member"], timeout=0)
    member = updates[-1].chat_member
    assert member is not None and member.via_join_request and member.from_user.id == ADMIN
    # The window lasts a while only.
    fake.join_request_window = 0.0
    fake.leave(GROUP, vera)
    fake.request_join(GROUP, vera)
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(vera, "too late")
    # Without can_invite_users the bot neither hears of requests nor decides them.
    other = -1001234567891
    fake.add_group(other, "Other")
    fake.set_member(other, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(other, ADMIN, rights={"can_invite_users": False})
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    before = len(fake.pending_updates)
    fake.request_join(other, anna)
    assert len(fake.pending_updates) == before
    with pytest.raises(TelegramBadRequest, match="CHAT_ADMIN_REQUIRED"):
        await bot.approve_chat_join_request(other, anna)


@pytest.mark.asyncio
async def test_users_send_media_and_copy_message_passes_it_on(fake: FakeTelegram, bot: Bot) -> None:
    other = 43
    fake.add_user(other, "Oleg")
    fake.open_private_chat(other)
    photo = fake.send_photo(USER, caption="скан <приказа>")
    doc = fake.send_document(USER, "scan.pdf", b"%PDF-1.4", caption="стр. 1")
    voice = fake.send_media(USER, "voice", duration=7)
    sticker = fake.send_media(USER, "sticker", emoji="🙏", set_name="pack")
    video_note = fake.send_media(USER, "video_note")
    gif = fake.send_media(USER, "animation", caption="gif")
    location = fake.send_location(USER, 55.75, 37.62)
    fake.send_contact(USER, "+70000000000", "Anna", contact_user_id=USER)
    fake.send_poll(USER, "Когда?", ["Сегодня", "Завтра"])
    # Every one of them parses as aiogram's Message of the right kind.
    updates = await bot.get_updates(timeout=0)
    kinds = [u.message.content_type for u in updates if u.message is not None]
    assert kinds == [
        "photo",
        "document",
        "voice",
        "sticker",
        "video_note",
        "animation",
        "location",
        "contact",
        "poll",
    ]
    assert updates[0].message is not None and updates[0].message.caption == "скан <приказа>"

    # A copy: the same content and caption, a keyboard of its own, no trace of the sender.
    copied = await bot.copy_message(
        other, USER, photo["message_id"], reply_markup=keyboard([("Reply", "r")])
    )
    assert isinstance(copied, MessageId)
    message = fake.last_message(other)
    assert message["message_id"] == copied.message_id
    assert message["photo"] == photo["photo"] and message["caption"] == "скан <приказа>"
    assert "forward_origin" not in message and message["from"]["id"] == fake.bot_id
    assert fake.buttons(message)[0]["callback_data"] == "r"
    assert fake.photos(other)[0]["width"] == 2
    await bot.copy_message(other, USER, doc["message_id"], caption="<b>new</b>")
    assert fake.last_message(other)["caption"] == "new"
    assert fake.documents(other)[0]["content"] == b"%PDF-1.4"
    for sent in (voice, sticker, video_note, gif, location):
        await bot.copy_message(other, USER, sent["message_id"])
        kind = next(
            k for k in ("voice", "sticker", "video_note", "animation", "location") if k in sent
        )
        assert fake.last_message(other)[kind] == sent[kind]
    # A forward, by contrast, names where it came from.
    await bot.forward_message(other, USER, voice["message_id"])
    assert fake.last_message(other)["forward_origin"]["sender_user"]["id"] == USER

    # Service messages and unknown ids cannot be copied.
    group_with_bot(fake)
    fake.join(GROUP, other)
    joined = next(
        u["message"] for u in fake.pending_updates if "new_chat_members" in u.get("message", {})
    )
    with pytest.raises(TelegramBadRequest, match="message can't be copied"):
        await bot.copy_message(other, GROUP, joined["message_id"])
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(other, USER, 9999)
    # A group where members may not send voice notes refuses a copied one too.
    fake.set_member(
        GROUP,
        fake.bot_id,
        "restricted",
        permissions={"can_send_messages": True, "can_send_voice_notes": False},
        emit=False,
    )
    with pytest.raises(TelegramBadRequest, match="not enough rights to send voice notes"):
        await bot.copy_message(GROUP, USER, voice["message_id"])
