"""/forget leaves nothing of the person: no row, no queued or sent message, no report quote that
names them or carries their words — and no old copy in the database file or its WAL."""

from __future__ import annotations

import re
from pathlib import Path

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import say
from tests.test_requests import AUTHOR, OTHER, ask, people
from tests.test_sanctions import command, post

SECRET_WORDS = "Нужен юрист по увольнению Квазимодо"


async def everything_left(bot: BotUnderTest) -> list[str]:
    """Every value in every table that names the person or carries their words."""
    marks = re.compile(rf"(?<!\d){AUTHOR}(?!\d)|Вероника|veronika_secret|Квазимодо")
    found = []
    tables = [
        r[0]
        for r in await bot.rt.db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'vacancies_search%'"
        )
    ]
    for table in tables:
        for row in await bot.rt.db.fetchall(f"SELECT * FROM {table}"):
            for column, value in dict(row).items():
                if value is not None and marks.search(str(value)):
                    found.append(f"{table}.{column}: {str(value)[:120]}")
    return found


async def test_forget_leaves_no_trace_in_rows_messages_or_files(
    bot: BotUnderTest, tmp_path: Path
) -> None:
    fake = bot.fake
    await people(bot)
    await say(bot, ADMIN, f"/start c{GROUP}")
    # An anonymous request, flagged by another member: the moderators got its words.
    await ask(bot, AUTHOR, visibility="Анонимно", title=SECRET_WORDS)
    request_post = [m for m in fake.messages(GROUP) if "Квазимодо" in m["text"]][-1]
    fake.press(OTHER, chat_id=GROUP, button_text="🚩", message_id=request_post["message_id"])
    await bot.settle()
    # A message of hers reported and warned about.
    spam = await post(bot, AUTHOR, "Квазимодо продаёт курсы")
    await command(bot, OTHER, "/report реклама", spam)
    await command(bot, ADMIN, "/warn реклама", spam)
    # A notice about her still waits in the outbox (the admin's chat is busy for a minute).
    again = await post(bot, AUTHOR, "Ещё раз Квазимодо")
    bot.rt.sender.limiter.reserve_chat(ADMIN, 10**9)
    fake.send_message(OTHER, "/report снова", chat_id=GROUP, reply_to_message_id=again)
    await bot.settle(outbox=False)
    pending = await bot.rt.db.fetchall("SELECT payload FROM outbox WHERE status = 'pending'")
    assert any("Квазимодо" in row[0] for row in pending)
    assert await everything_left(bot)

    fake.send_message(AUTHOR, "/forget")
    await bot.settle(outbox=False)
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Да, удалить")
    await bot.settle(outbox=False)
    assert fake.last_message(AUTHOR)["text"].startswith("Готово: удален")
    left = await everything_left(bot)
    assert not left, left
    # Nor in the bytes on disk: deleted pages are zeroed and the WAL folded in.
    database = Path(bot.db_path)
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            raw = path.read_bytes()
            assert "Квазимодо".encode() not in raw, path.name
            assert b"veronika_secret" not in raw, path.name
