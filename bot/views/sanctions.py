"""How a warning, mute or ban reads, to the group, the member and the moderators: until when,
the reason and the cited rule's own words, what a warning limit led to."""

from __future__ import annotations

from bot.i18n import Markup, Texts
from bot.services.community_settings import COMMUNITY_RULES, CommunitySettings
from bot.services.sanctions import Warned
from bot.texts import clip, format_datetime, rule_line
from bot.timeutil import from_timestamp

# A cited rule is quoted up to this long: rules written as one paragraph are one long "rule".
RULE_QUOTE_LIMIT = 300


class SanctionViews:
    def __init__(self, settings: CommunitySettings) -> None:
        self.settings = settings

    async def why_lines(self, t: Texts, chat_id: int, reason: str, rule: int | None) -> list[str]:
        """ "Reason: …" and the cited rule's own words, as the group and the member read them."""
        lines = [t("sanction-reason", reason=reason)] if reason else []
        if rule is not None:
            cited = rule_line(str(await self.settings.get(chat_id, COMMUNITY_RULES)), rule)
            if cited:
                # Rules written as one long paragraph are one "rule": a message stays whole.
                lines.append(t("sanction-rule", rule=clip(cited, RULE_QUOTE_LIMIT)))
        return lines


def limit_text(t: Texts, who: Markup, result: Warned) -> str:
    """What the warning that reached the limit led to."""
    assert result.sanction is not None
    kind, seconds = result.sanction
    if kind == "ban":
        return t("warn-limit-ban", name=who, limit=result.limit)
    return t("warn-limit-mute", name=who, limit=result.limit, hours=(seconds or 0) // 3600)


def until_text(t: Texts, until: float | None, zone: str) -> str:
    """ "until 4 Dec 19:00" in `zone`, or "for good"."""
    if until is None:
        return t("sanction-forever")
    return t(
        "sanction-until", when=format_datetime(from_timestamp(until), t.lang, zone, "d MMM HH:mm")
    )
