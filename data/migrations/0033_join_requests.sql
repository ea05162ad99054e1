-- Join requests: in a group that approves new members, the newcomer check happens before they
-- are in. The bot writes the person (Telegram allows it for a few minutes after the request),
-- they accept the rules and, when the community asks one, answer its question; then the bot —
-- or, with a question, a moderator — approves or declines. One row per request: a person who
-- asks again gets a new row, so a button under an old message never acts on a new request.

CREATE TABLE join_requests (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id            INTEGER NOT NULL REFERENCES communities (chat_id)
                           ON UPDATE CASCADE ON DELETE CASCADE,
    user_id            INTEGER NOT NULL,
    user_chat_id       INTEGER NOT NULL,  -- where Telegram lets the bot write to them
    name               TEXT NOT NULL,
    -- asked (rules shown) | answering (rules accepted, the question awaits its answer) |
    -- review (answered: the moderators decide) — open; then approved | declined (by a
    -- moderator) | withdrawn (by the person) | expired (not done in time) | joined (let in
    -- elsewhere: an admin in the app) | gone (handled elsewhere: Telegram no longer has it)
    status             TEXT NOT NULL,
    question           TEXT,              -- the question as it was asked; NULL: none
    answer             TEXT,
    requested_at       REAL NOT NULL,
    deadline           REAL NOT NULL,     -- rules accepted (and the question answered) by then
    rules_accepted_at  REAL,
    prompt_message_id  INTEGER,           -- the bot's message to the person
    claimed_at         REAL,              -- a decision is being carried out since then
    decided_by         INTEGER,           -- the moderator; NULL: the bot, the person, Telegram
    decided_at         REAL
);
-- One open request per person and community.
CREATE UNIQUE INDEX join_requests_open ON join_requests (chat_id, user_id)
    WHERE status IN ('asked', 'answering', 'review');
CREATE INDEX join_requests_user ON join_requests (user_id);

-- The moderators' cards of a request (in the log chat or their private chats), to be updated
-- once it is decided.
CREATE TABLE join_request_cards (
    request_id  INTEGER NOT NULL REFERENCES join_requests (id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (request_id, chat_id)
);
