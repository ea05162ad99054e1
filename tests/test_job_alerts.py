"""Saved searches end to end: /subscribe and "Subscribe" under /jobs, a matching vacancy told
once (never to its author), the morning digest, /subscriptions, the limit, and English."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services import job_alerts
from tests.harness import BotUnderTest
from tests.steps import GROUP
from tests.test_requests import AUTHOR, HELPER, OTHER, people
from tests.test_vacancies import PASTED, post_vacancy

ANALYST = "Senior Data Analyst\nCompany: Acme\nOffice, full-time, $4,500\nhttps://acme.io/jobs/7"


def alerts(bot: BotUnderTest, uid: int) -> list[str]:
    return [m["text"] for m in bot.fake.messages(uid) if m["text"].startswith("🔔 Новая")]


async def test_a_saved_search_tells_of_a_new_vacancy_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.send_message(HELPER, "/subscribe разработ")  # a prefix, as in /jobs
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("🔔 Подписка сохранена: «разработ»")
    fake.send_message(HELPER, "/subscribe python")  # matches the same vacancy
    await bot.settle()
    fake.send_message(HELPER, "/subscribe python")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("Такая подписка у вас уже есть")
    fake.send_message(OTHER, "/subscribe golang")
    await bot.settle()
    fake.send_message(AUTHOR, "/subscribe python")  # the author's own vacancy: not told
    await bot.settle()

    await post_vacancy(bot, AUTHOR, PASTED)
    await fake.wait_for(lambda: bool(alerts(bot, HELPER)))
    await bot.rt.sender.drain()
    told = alerts(bot, HELPER)
    assert len(told) == 1 and "Python-разработчик (Middle) — ООО «Ромашка»" in told[0]
    assert alerts(bot, OTHER) == [] and alerts(bot, AUTHOR) == []
    # The alert carries the card's own buttons: "Save" works from there too.
    alert = next(m for m in fake.messages(HELPER) if m["text"].startswith("🔔 Новая"))
    assert [b["text"] for b in fake.buttons(alert)] == ["⭐ Сохранить"]  # no 🚩 in private
    fake.press(HELPER, chat_id=HELPER, button_text="⭐ Сохранить", message_id=alert["message_id"])
    await bot.settle()
    alert = next(m for m in fake.messages(HELPER) if m["message_id"] == alert["message_id"])
    assert [b["text"] for b in fake.buttons(alert)] == ["✅ Сохранено"]

    # A vacancy that matches nobody's words brings no alert.
    await post_vacancy(bot, OTHER, ANALYST)
    await bot.rt.sender.drain()
    assert len(alerts(bot, HELPER)) == 1

    # /subscriptions: remove one search, then the other.
    fake.send_message(HELPER, "/subscriptions")
    await bot.settle()
    listing = fake.last_message(HELPER)
    assert listing["text"].startswith("🔔 Ваши подписки (2 из 10):")
    fake.press(HELPER, chat_id=HELPER, button_text="1. 🗑 Удалить")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("🔔 Ваши подписки (1 из 10):")
    # Someone else's search cannot be touched with a forged button.
    other_id = await bot.rt.db.fetchval(
        "SELECT id FROM job_subscriptions WHERE user_id = ?", (OTHER,)
    )
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"js:delete:{other_id}")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    assert (
        await bot.rt.db.fetchval(
            "SELECT COUNT(*) FROM job_subscriptions WHERE user_id = ?", (OTHER,)
        )
        == 1
    )


async def test_filters_from_jobs_and_the_morning_digest(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    bot.clock.advance(datetime(2026, 6, 1, 12, 0, tzinfo=UTC).timestamp() - bot.clock.time())
    # /jobs with a filter, then "Subscribe to this search": words and filters saved.
    fake.send_message(HELPER, "/jobs analyst")
    await bot.settle()
    fake.press(HELPER, chat_id=HELPER, button_text="Удалённо")
    await bot.settle()
    fake.press(HELPER, chat_id=HELPER, button_text="Подписаться на этот поиск")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith(
        "🔔 Подписка сохранена: «analyst» · 🏠 Удалённо"
    )
    fake.send_message(HELPER, "/subscriptions")
    await bot.settle()
    fake.press(HELPER, chat_id=HELPER, button_text="1. 🌅 Раз в день")
    await bot.settle()
    assert "«analyst» · 🏠 Удалённо — 🌅 раз в день" in fake.last_message(HELPER)["text"]

    await post_vacancy(bot, AUTHOR, ANALYST)  # in the office: the filter keeps it out
    remote = ANALYST.replace("Office", "Remote").replace("acme.io/jobs/7", "acme.io/jobs/8")
    await post_vacancy(bot, OTHER, remote.replace("Senior", "Lead"))
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(HELPER) if m["text"].startswith("🌅")]

    # Next morning at 09:00 local (Moscow by default): one digest with the one that matched.
    bot.clock.advance(datetime(2026, 6, 2, 6, 0, 30, tzinfo=UTC).timestamp() - bot.clock.time())
    await fake.wait_for(lambda: any(m["text"].startswith("🌅") for m in fake.messages(HELPER)))
    digest = next(m for m in fake.messages(HELPER) if m["text"].startswith("🌅"))
    assert digest["text"].startswith("🌅 Новые вакансии по вашим подпискам: 1.")
    assert [b["text"] for b in fake.buttons(digest)] == ["Lead Data Analyst — Acme"]
    fake.press(HELPER, chat_id=HELPER, button_text="Lead Data Analyst — Acme")
    await bot.settle()
    card = fake.last_message(HELPER)
    assert "💼 Lead Data Analyst — Acme" in card["text"]
    assert [b["text"] for b in fake.buttons(card)] == ["⭐ Сохранить"]


async def test_at_most_ten_searches_in_english(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.send_message(HELPER, "/lang")
    await bot.settle()
    fake.press(HELPER, chat_id=HELPER, button_text="English")
    await bot.settle()
    for n in range(10):
        fake.send_message(HELPER, f"/subscribe skill{n}")
        await bot.settle()
    fake.send_message(HELPER, "/subscribe one <b>more</b>")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("You have 10 saved searches")
    fake.send_message(HELPER, "/subscribe")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("Send /subscribe python remote")
    fake.send_message(HELPER, "/subscriptions")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("🔔 Your saved searches (10 of 10):")
    # The group sees nothing of anyone's searches.
    assert not [m for m in fake.messages(GROUP) if "skill" in m["text"]]


async def test_a_large_fan_out_goes_on_in_follow_up_runs(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = bot.fake
    await people(bot)
    monkeypatch.setattr(job_alerts, "FAN_OUT_BATCH", 1)
    fake.send_message(HELPER, "/subscribe ??? !!!")  # no words: would match everything
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("Отправьте /subscribe python")
    fake.send_message(HELPER, "/subscribe python&django")  # escaped once, not twice
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("🔔 Подписка сохранена: «python&django»")
    fake.send_message(OTHER, "/subscribe python")
    await bot.settle()
    fake.send_message(HELPER, "/subscribe python")
    await bot.settle()

    await post_vacancy(bot, AUTHOR, PASTED)
    await fake.wait_for(lambda: bool(alerts(bot, HELPER)) and bool(alerts(bot, OTHER)))
    await bot.rt.sender.drain()
    assert len(alerts(bot, HELPER)) == 1 and len(alerts(bot, OTHER)) == 1
    runs = await bot.rt.db.fetchval(
        "SELECT COUNT(*) FROM timers WHERE kind = 'job_alerts' AND status = 'done'"
    )
    assert runs == 2  # one person per run


DESIGNER = (
    "Ведущий дизайнер интерфейсов\nКомпания: Студия «Ёлка»\nУдалённо, полная занятость\n"
    "Учёт задач в Jira, прототипы\nhttps://yolka.studio/jobs/1"
)
CPP = "C++ разработчик\nCompany: Acme\nRemote, full-time\nModern C++, CMake\nhttps://acme.io/jobs/2"
C_ONLY = "Backend developer\nCompany: Beta\nRemote, full-time\nC and Go\nhttps://beta.io/jobs/3"


async def test_yo_and_short_i_and_technology_names_are_found_and_matched(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    for query in ("/subscribe дизайнер", "/subscribe c++"):
        fake.send_message(HELPER, query)
        await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("🔔 Подписка сохранена: «c++»")
    await post_vacancy(bot, AUTHOR, DESIGNER)
    await post_vacancy(bot, OTHER, CPP)
    await post_vacancy(bot, OTHER, C_ONLY)
    await bot.rt.sender.drain()
    told = alerts(bot, HELPER)
    assert len(told) == 2, told
    assert any("дизайнер" in t for t in told) and any("C++" in t for t in told)
    # /jobs finds each word as written, with «ё» or «е», «й» whole.
    for query, expected in (
        ("дизайнер", "Ведущий дизайнер"),
        ("ведущий", "Ведущий дизайнер"),
        ("удаленно", "Ведущий дизайнер"),
        ("удалённо", "Ведущий дизайнер"),
        ("учет", "Ведущий дизайнер"),
        ("елка", "Ведущий дизайнер"),
        ("c++", "C++ разработчик"),
    ):
        fake.send_message(HELPER, f"/jobs {query}")
        await bot.settle()
        found = [b["text"] for b in fake.buttons(fake.last_message(HELPER))]
        assert any(expected in label for label in found), (query, found)
    fake.send_message(HELPER, "/jobs c++")
    await bot.settle()
    found = [b["text"] for b in fake.buttons(fake.last_message(HELPER))]
    assert not any("Backend developer" in label for label in found)
