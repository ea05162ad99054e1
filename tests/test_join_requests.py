"""Join requests end to end: in a group that approves new members and checks newcomers, the
bot writes the person who asked to join (Telegram lets it, for a while, through user_chat_id);
accepting the rules lets them in — and the welcome does not ask again; "Withdraw" or silence
until the community's time declines (across a restart); with the community's question the
answer goes to the moderators, whose Approve / Decline settles it; a request an admin handled
in the Telegram app meanwhile is taken as handled. Nothing is sent or decided twice."""

from __future__ import annotations

import json

import pytest

from bot.callbacks import JoinCB, JoinDecisionCB
from bot.repos.join_requests import CLAIM_TIMEOUT
from bot.services.community_settings import COMMUNITY_RULES, GATE_ON, JOIN_QUESTION, LOG_CHAT
from tests.harness import BotUnderTest, ErrorLog
from tests.steps import ADMIN, GROUP, community, open_settings
from tests.test_cv import say, tap

NINA, OLGA, PAVEL, VERA, GLEB, MARK, MEMBER = 778001, 778002, 778003, 778004, 778005, 778006, 778007
LOG = -1001000000077
RULES = "Без рекламы\nБережно друг к другу"
QUESTION = "Как вы узнали о нас?"


async def checked_community(bot: BotUnderTest, question: str | None = None) -> None:
    """A community that checks newcomers, with rules (and a question): set by its creator."""
    await community(bot, {MEMBER: "Участник"})
    store = bot.rt.community_settings
    await store.set(GROUP, GATE_ON, True, ADMIN)
    await store.set(GROUP, COMMUNITY_RULES, RULES, ADMIN)
    if question:
        await store.set(GROUP, JOIN_QUESTION, question, ADMIN)


async def asks_to_join(bot: BotUnderTest, uid: int, name: str) -> dict:
    """The person asks to join; the bot's message to them, once it is there."""
    bot.fake.add_user(uid, name)
    bot.fake.request_join(GROUP, uid, invite_link="https://t.me/+opora")
    await bot.settle()
    return bot.fake.last_message(uid)


def answer(bot: BotUnderTest, query: str) -> str:
    given = bot.fake.callback_answer(query)
    assert given is not None, "the press was not answered"
    return str(given["text"])


def calls(bot: BotUnderTest, method: str, uid: int) -> int:
    return sum(1 for c in bot.fake.calls_of(method) if c.ok and c.params.get("user_id") == uid)


async def status_of(bot: BotUnderTest, uid: int) -> str:
    return str(
        await bot.rt.db.fetchval(
            "SELECT status FROM join_requests WHERE user_id = ? ORDER BY id DESC LIMIT 1", (uid,)
        )
    )


async def audited(bot: BotUnderTest, action: str, uid: int) -> list[int | None]:
    rows = await bot.rt.db.fetchall(
        "SELECT actor_id FROM audit_log WHERE action = ? AND target_id = ?", (action, uid)
    )
    return [r["actor_id"] for r in rows]


def welcomes(bot: BotUnderTest) -> list[dict]:
    return [m for m in bot.fake.messages(GROUP) if m["text"].startswith("👋")]


async def test_accepting_the_rules_lets_the_person_in_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {})
    await bot.rt.community_settings.set(GROUP, COMMUNITY_RULES, RULES, ADMIN)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    shown = await tap(bot, ADMIN, "Включить проверку новичков")
    assert "проверка проходит ещё до вступления" in shown
    assert "Вопрос к заявкам на вступление: не задан" in shown
    # The bot asks Telegram for join requests by name.
    assert "chat_join_request" in fake.calls_of("getUpdates")[-1].params["allowed_updates"]

    prompt = await asks_to_join(bot, NINA, "Нина")
    assert prompt["text"].startswith("👋 Здравствуйте! Это бот сообщества «Опора»")
    assert "1. Без рекламы\n2. Бережно друг к другу" in prompt["text"]
    assert "в течение 10 минут" in prompt["text"]
    assert [b["text"] for b in fake.buttons(prompt)] == [
        "✅ Я принимаю правила",
        "✖️ Отозвать заявку",
    ]
    assert fake.member_status(GROUP, NINA) == "left"  # not in yet

    # Someone else's press in their own chat does nothing to Nina's request.
    forged = JoinCB(action="accept", id=1).pack()
    query = fake.press(ADMIN, chat_id=ADMIN, callback_data=forged)
    await bot.settle()
    assert answer(bot, query) == "Эта кнопка — для того, кто подал заявку."
    assert fake.join_requests(GROUP) == [NINA]

    query = fake.press(NINA, chat_id=NINA, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert answer(bot, query) == "Добро пожаловать! Вы в группе."
    assert fake.member_status(GROUP, NINA) == "member"
    assert fake.join_requests(GROUP) == []
    edited = fake.last_message(NINA)
    assert edited["text"] == "✅ Правила приняты — добро пожаловать в «Опора»!"
    assert not fake.buttons(edited)

    # The welcome in the group greets her without asking for the rules again, and she may write.
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.settle()
    [welcome] = welcomes(bot)
    assert "Нина" in welcome["text"] and "Я принимаю правила" not in welcome["text"]
    assert all(b["text"] != "✅ Я принимаю правила" for b in fake.buttons(welcome))
    assert fake.member_status(GROUP, NINA) == "member"

    # A second press, and a restart: nothing is sent or decided again.
    query = fake.press(NINA, chat_id=NINA, callback_data=JoinCB(action="accept", id=1).pack())
    await bot.restart()
    await bot.settle()
    bot.clock.advance(10 * 60)  # past the deadline: the timer finds it decided
    await bot.settle()
    assert answer(bot, query) == "По этой заявке уже есть решение."
    assert calls(bot, "approveChatJoinRequest", NINA) == 1
    assert calls(bot, "declineChatJoinRequest", NINA) == 0
    assert len([c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == NINA]) == 1
    assert await status_of(bot, NINA) == "approved"


async def test_withdrawn_or_not_confirmed_in_time_is_declined(bot: BotUnderTest) -> None:
    fake = bot.fake
    await checked_community(bot)
    await asks_to_join(bot, OLGA, "Ольга")
    await asks_to_join(bot, PAVEL, "Павел")

    query = fake.press(OLGA, chat_id=OLGA, button_text="✖️ Отозвать заявку")
    await bot.settle()
    assert answer(bot, query) == "Заявка отозвана."
    assert fake.last_message(OLGA)["text"].startswith("Заявка в «Опора» отозвана.")
    assert calls(bot, "declineChatJoinRequest", OLGA) == 1
    assert fake.member_status(GROUP, OLGA) == "left"
    assert fake.join_requests(GROUP) == [PAVEL]

    # Pavel does nothing. A restart in between: the deadline is in the database.
    bot.clock.advance(9 * 60)
    await bot.settle()
    assert fake.join_requests(GROUP) == [PAVEL]
    await bot.restart()
    bot.clock.advance(60)
    await fake.wait_for(lambda: fake.join_requests(GROUP) == [])
    await bot.settle()
    assert calls(bot, "declineChatJoinRequest", PAVEL) == 1
    assert fake.member_status(GROUP, PAVEL) == "left"
    told = fake.last_message(PAVEL)["text"]
    assert told.startswith("⌛ Время вышло — заявка в «Опора» отклонена.")
    assert await status_of(bot, PAVEL) == "expired"
    assert await audited(bot, "join-expired", PAVEL) == [None]  # the bot did it
    # Too late to press now.
    query = fake.press(PAVEL, chat_id=PAVEL, callback_data=JoinCB(action="accept", id=2).pack())
    await bot.settle()
    assert answer(bot, query) == "По этой заявке уже есть решение."
    assert calls(bot, "approveChatJoinRequest", PAVEL) == 0

    # Asking again is a new request with its own message and deadline.
    prompt = await asks_to_join(bot, PAVEL, "Павел")
    assert fake.buttons(prompt)[0]["callback_data"] == JoinCB(action="accept", id=3).pack()
    query = fake.press(PAVEL, chat_id=PAVEL, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.member_status(GROUP, PAVEL) == "member"


async def test_the_answer_goes_to_the_moderators_who_decide(bot: BotUnderTest) -> None:
    fake = bot.fake
    await checked_community(bot)
    fake.add_user(MARK, "Марк")
    fake.set_member(GROUP, MARK, "member", emit=False)
    fake.send_message(MARK, "привет", chat_id=GROUP)
    fake.send_message(ADMIN, f"/mod {MARK}", chat_id=GROUP)
    fake.send_message(MARK, "/start")
    await bot.settle()
    # The question is typed in /settings → the order section.
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    asked = await tap(bot, ADMIN, "✏️ Вопрос к заявкам на вступление")
    assert asked.startswith("Пришлите вопрос, который я задам каждому")
    assert (await say(bot, ADMIN, QUESTION)).startswith("✅ Вопрос сохранён")
    shown = await tap(bot, ADMIN, "Назад")
    assert f"Вопрос к заявкам на вступление: «{QUESTION}»" in shown

    prompt = await asks_to_join(bot, VERA, "Вера")
    assert f"❓ {QUESTION}" in prompt["text"]
    query = fake.press(VERA, chat_id=VERA, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert answer(bot, query) == "Теперь ответьте на вопрос одним сообщением."
    edited = fake.last_message(VERA)
    assert edited["text"].startswith("✅ Правила приняты.\n❓ Вопрос модераторов «Опора»")
    assert [b["text"] for b in fake.buttons(edited)] == [
        "✍️ Ответить на вопрос",
        "✖️ Отозвать заявку",
    ]
    assert fake.member_status(GROUP, VERA) == "left"  # the moderators decide

    # A file is no answer; after /cancel, "Answer" brings the question back.
    fake.send_document(VERA, "cv.pdf", b"%PDF")
    await bot.settle()
    assert fake.last_message(VERA)["text"] == "Ответьте, пожалуйста, текстом — одним сообщением."
    await say(bot, VERA, "/cancel")
    assert await status_of(bot, VERA) == "answering"
    query = fake.press(VERA, chat_id=VERA, button_text="✍️ Ответить на вопрос")
    await bot.settle()
    assert answer(bot, query) == "Теперь ответьте на вопрос одним сообщением."

    too_long = await say(bot, VERA, "а" * 1001)
    assert too_long.startswith("В ответе 1\u00a0001 знак, а можно не больше 1\u00a0000.")
    answered = await say(bot, VERA, "От подруги & хочу помогать <соседям>")
    assert answered.startswith("Спасибо! Ответ передан модераторам")
    query = fake.press(VERA, chat_id=VERA, button_text="✍️ Ответить на вопрос")
    await bot.settle()
    assert answer(bot, query) == "Ответ передан модераторам."
    await bot.restart()  # the request waits for the moderators in the database
    await bot.settle()

    # Both the admin and the appointed moderator get the card, with the answer.
    cards = {uid: fake.last_message(uid) for uid in (ADMIN, MARK)}
    for card in cards.values():
        assert card["text"].startswith("🚪 Заявка на вступление в «Опора»\nОт: Вера")
        assert f"❓ {QUESTION}" in card["text"]
        assert "💬 От подруги & хочу помогать <соседям>" in card["text"]
        assert [b["text"] for b in fake.buttons(card)] == ["✅ Принять", "✖️ Отклонить"]

    # A plain member cannot decide, even with the right data in their own chat.
    fake.send_message(MEMBER, "/start")
    await bot.settle()
    forged = JoinDecisionCB(action="approve", id=1).pack()
    query = fake.press(MEMBER, chat_id=MEMBER, callback_data=forged)
    await bot.settle()
    assert answer(bot, query) == "Решать заявки могут модераторы сообщества."
    assert fake.join_requests(GROUP) == [VERA]

    query = fake.press(MARK, chat_id=MARK, button_text="✅ Принять")
    await bot.settle()
    assert answer(bot, query) == "Заявка принята."
    assert fake.member_status(GROUP, VERA) == "member"
    # Every card now says so, without buttons; the person hears it.
    for uid in (ADMIN, MARK):
        card = next(m for m in fake.messages(uid) if m["message_id"] == cards[uid]["message_id"])
        assert card["text"].endswith("✅ Заявка принята · Марк")
        assert not fake.buttons(card)
    assert fake.last_message(VERA)["text"] == (
        "✅ Модераторы «Опора» приняли вашу заявку — добро пожаловать!"
    )
    assert await audited(bot, "join-approved", VERA) == [MARK]
    # The admin's late press finds it decided.
    late = JoinDecisionCB(action="decline", id=1).pack()
    query = fake.press(ADMIN, chat_id=ADMIN, callback_data=late)
    await bot.settle()
    assert answer(bot, query) == "По этой заявке уже есть решение."
    assert calls(bot, "declineChatJoinRequest", VERA) == 0
    # In the group she is not asked for the rules again.
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.settle()
    assert fake.member_status(GROUP, VERA) == "member"
    assert "Я принимаю правила" not in welcomes(bot)[-1]["text"]

    # With a log chat, the card goes there; a decline is told to the person.
    fake.add_group(LOG, "Модераторы")
    fake.set_member(LOG, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(LOG, ADMIN)
    await bot.settle()
    await bot.rt.community_settings.set(GROUP, LOG_CHAT, LOG, None)
    await asks_to_join(bot, GLEB, "Глеб")
    fake.press(GLEB, chat_id=GLEB, button_text="✅ Я принимаю правила")
    await bot.settle()
    await say(bot, GLEB, "Просто так")
    card = fake.last_message(LOG)
    assert card["text"].startswith("🚪 Заявка на вступление в «Опора»\nОт: Глеб")
    assert "💬 Просто так" in card["text"]
    query = fake.press(ADMIN, chat_id=LOG, button_text="✖️ Отклонить")
    await bot.settle()
    assert answer(bot, query) == "Заявка отклонена."
    card = next(m for m in fake.messages(LOG) if m["message_id"] == card["message_id"])
    assert card["text"].endswith("✖️ Заявка отклонена · Admin") and not fake.buttons(card)
    # The log chat hears it as the audit log's entry too.
    assert fake.last_message(LOG)["text"].endswith("Заявка на вступление отклонена: Глеб — Admin")
    assert fake.join_requests(GROUP) == [] and fake.member_status(GROUP, GLEB) == "left"
    assert fake.last_message(GLEB)["text"] == "Модераторы «Опора» отклонили заявку на вступление."
    assert await audited(bot, "join-declined", GLEB) == [ADMIN]


async def test_requests_handled_in_the_app_meanwhile(bot: BotUnderTest) -> None:
    fake = bot.fake
    await checked_community(bot, QUESTION)
    # Declined by an admin in the app before Olga pressed anything: her press finds it gone.
    await asks_to_join(bot, OLGA, "Ольга")
    fake.decline_join_request(GROUP, OLGA)
    query = fake.press(OLGA, chat_id=OLGA, button_text="✖️ Отозвать заявку")
    await bot.settle()
    assert answer(bot, query) == "По этой заявке уже есть решение."
    assert await status_of(bot, OLGA) == "gone"

    # Added by an admin while Nina's request waited (no question: accepting approves).
    await bot.rt.community_settings.set(GROUP, JOIN_QUESTION, None, ADMIN)
    await asks_to_join(bot, NINA, "Нина")
    fake.set_member(GROUP, NINA, "member", emit=False)
    query = fake.press(NINA, chat_id=NINA, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert answer(bot, query) == "Добро пожаловать! Вы в группе."
    assert await status_of(bot, NINA) == "joined"

    # Approved in the app before Pavel accepted the rules: in the group the gate asks him.
    await asks_to_join(bot, PAVEL, "Павел")
    fake.approve_join_request(GROUP, PAVEL, by_user_id=ADMIN)
    await bot.settle()
    assert await status_of(bot, PAVEL) == "joined"
    assert fake.member_status(GROUP, PAVEL) == "restricted"
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.settle()
    welcome = welcomes(bot)[-1]["text"]
    assert "Павел" in welcome and "Я принимаю правила" in welcome

    # With a question: Vera answered; an admin approves in the app, the cards say so.
    await bot.rt.community_settings.set(GROUP, JOIN_QUESTION, QUESTION, ADMIN)
    fake.send_message(ADMIN, "/start")
    await asks_to_join(bot, VERA, "Вера")
    fake.press(VERA, chat_id=VERA, button_text="✅ Я принимаю правила")
    await bot.settle()
    await say(bot, VERA, "Из соседнего чата")
    card = fake.last_message(ADMIN)
    assert card["text"].startswith("🚪 Заявка на вступление")
    fake.approve_join_request(GROUP, VERA, by_user_id=ADMIN)
    await bot.settle()
    assert await status_of(bot, VERA) == "joined"
    card = next(m for m in fake.messages(ADMIN) if m["message_id"] == card["message_id"])
    assert card["text"].endswith("Уже в группе: заявку приняли в самом Telegram.")
    assert fake.member_status(GROUP, VERA) == "member"  # she accepted the rules: no gate

    # Gleb answered; an admin declines in the app; the moderator's Approve finds it gone.
    await asks_to_join(bot, GLEB, "Глеб")
    fake.press(GLEB, chat_id=GLEB, button_text="✅ Я принимаю правила")
    await bot.settle()
    await say(bot, GLEB, "Хочу к вам")
    fake.decline_join_request(GROUP, GLEB)
    query = fake.press(ADMIN, chat_id=ADMIN, button_text="✅ Принять")
    await bot.settle()
    assert answer(bot, query) == "По этой заявке уже есть решение."
    assert fake.last_message(ADMIN)["text"].endswith(
        "Заявку уже рассмотрели в самом Telegram или отозвали."
    )
    assert fake.member_status(GROUP, GLEB) == "left"
    assert await status_of(bot, GLEB) == "gone"

    # None of their deadlines declines anything later.
    bot.clock.advance(15 * 60)
    await bot.settle()
    for uid in (OLGA, NINA, PAVEL, VERA, GLEB):
        assert calls(bot, "declineChatJoinRequest", uid) == 0


async def test_the_answer_is_exported_and_forgotten(bot: BotUnderTest) -> None:
    fake = bot.fake
    await checked_community(bot, QUESTION)
    fake.send_message(ADMIN, "/start")
    await asks_to_join(bot, VERA, "Вера")
    fake.press(VERA, chat_id=VERA, button_text="✅ Я принимаю правила")
    await bot.settle()
    await say(bot, VERA, "Мой секретный ответ про Квазимодо")
    card = fake.last_message(ADMIN)
    assert "Квазимодо" in card["text"]

    fake.send_message(VERA, "/mydata")
    await bot.settle()
    exported = json.loads(fake.documents(VERA)[-1]["content"])["tables"]
    assert exported["join_requests"][0]["answer"] == "Мой секретный ответ про Квазимодо"
    # The admin's export carries nobody else's answer.
    fake.send_message(ADMIN, "/mydata")
    await bot.settle()
    assert "join_requests" not in json.loads(fake.documents(ADMIN)[-1]["content"])["tables"]

    fake.send_message(VERA, "/forget")
    await bot.settle()
    fake.press(VERA, chat_id=VERA, button_text="Да, удалить")
    await bot.settle()
    assert not await bot.rt.db.fetchval("SELECT COUNT(*) FROM join_requests")
    assert not await bot.rt.db.fetchval("SELECT COUNT(*) FROM join_request_cards")
    card = next(m for m in fake.messages(ADMIN) if m["message_id"] == card["message_id"])
    assert card["text"] == (
        "🚪 Заявка на вступление в «Опора» удалена по просьбе того, кто её подал."
    )
    assert not fake.buttons(card)


async def test_without_the_newcomer_check_requests_are_left_to_the_admins(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await community(bot, {})
    fake.add_user(NINA, "Нина")
    fake.request_join(GROUP, NINA)
    await bot.settle()
    bot.clock.advance(60 * 60)
    await bot.settle()
    assert not fake.messages(NINA)
    assert fake.join_requests(GROUP) == [NINA]
    assert not fake.calls_of("approveChatJoinRequest") and not fake.calls_of(
        "declineChatJoinRequest"
    )


async def test_a_slow_decline_does_not_hold_up_the_next_request(bot: BotUnderTest) -> None:
    """The decline at the deadline waits on Telegram, not on the database: while Telegram is
    slow to take it, the next person's request is stored and answered."""
    fake = bot.fake
    await checked_community(bot)
    await asks_to_join(bot, PAVEL, "Павел")
    decline = fake.hold_next("declineChatJoinRequest")
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.open_requests("declineChatJoinRequest") == 1)
    fake.add_user(VERA, "Вера")
    fake.request_join(GROUP, VERA, invite_link="https://t.me/+opora")
    await fake.wait_for(lambda: fake.messages(VERA))
    assert fake.open_requests("declineChatJoinRequest") == 1  # the decline is still on its way
    assert fake.last_message(VERA)["text"].startswith("👋 Здравствуйте!")
    decline.set()
    await fake.wait_for(lambda: fake.join_requests(GROUP) == [VERA])
    await bot.settle()
    assert calls(bot, "declineChatJoinRequest", PAVEL) == 1
    assert await status_of(bot, PAVEL) == "expired"
    assert await audited(bot, "join-expired", PAVEL) == [None]


# The crash cuts the timer's job where it waits, and the job runner logs that as an error.
@pytest.mark.expect_errors
async def test_a_decline_cut_off_by_a_crash_is_settled_after_the_restart(
    bot: BotUnderTest, error_log: ErrorLog
) -> None:
    fake = bot.fake
    await checked_community(bot)
    await asks_to_join(bot, PAVEL, "Павел")
    decline = fake.hold_next("declineChatJoinRequest")
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.open_requests("declineChatJoinRequest") == 1)
    await bot.crash()
    decline.set()
    # Telegram declined it; the bot died before recording that.
    await fake.wait_for(lambda: fake.open_requests("declineChatJoinRequest") == 0)
    assert fake.join_requests(GROUP) == []
    await bot.start()
    await bot.settle()
    # The cut-off decision still holds its claim: the deadline looks again when it runs out.
    assert await status_of(bot, PAVEL) == "asked"
    bot.clock.advance(CLAIM_TIMEOUT + 1)
    await bot.settle()
    assert await status_of(bot, PAVEL) == "gone"  # Telegram had it decided already
    assert calls(bot, "declineChatJoinRequest", PAVEL) == 1
    assert {r.name for r in error_log.records} == {"apscheduler.executors.default"}
