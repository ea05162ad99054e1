"""What step-by-step forms share: answers kept in the person's form data (so a restart or a
mistake loses nothing), a skipped field remembered as skipped, and "Step 2 of 6" above each
question."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram.fsm.context import FSMContext

from bot.i18n import Texts

STEPS_ASKED = "steps_asked"  # the form data's list of the steps asked so far, in order


async def remember(state: FSMContext, name: str, value: Any) -> dict[str, Any]:
    """Keep one answer (None: skipped); remote work has no city. Returns the form data as it
    was before, and the new values under "values"."""
    form = await state.get_data()
    values, skipped = dict(form["values"]), list(form["skipped"])
    if value is None:
        values.pop(name, None)
        skipped.append(name)
    else:
        values[name] = value
    if name == "location" and value == "remote":
        values.pop("city", None)
    await state.update_data(values=values, skipped=skipped)
    return {**form, "values": values}


async def with_step(
    state: FSMContext, t: Texts, question: str, current: str, ahead: Iterable[str]
) -> str:
    """The question under "Step N of M". The steps are those really asked in this run of the
    form: the ones asked so far (asked again after a restart, one counts once), this one, and
    those still `ahead` as the answers stand now — so a field given in advance (a pasted
    vacancy, a request opened from a check-in) or no longer asked (a city for remote work) is
    not counted. Nothing is added when one answer is edited from the preview, or to a form of
    a single question."""
    form = await state.get_data()
    if form.get("editing"):
        return question
    asked = list(form.get(STEPS_ASKED, []))
    if current not in asked:
        asked.append(current)
        await state.update_data({STEPS_ASKED: asked})
    total = len(asked) + len({name for name in ahead if name not in asked})
    if total < 2:
        return question
    return t("form-step", number=asked.index(current) + 1, total=total) + "\n" + question
