-- A newcomer still read-only by the rules check is offered "I accept the rules" wherever they
-- meet the bot in private (/start, /rules), so their held gates are looked up by person.

CREATE INDEX newcomers_user ON newcomers (user_id);
