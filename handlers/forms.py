"""What step-by-step forms share: answers kept in the person's form data (so a restart or a
mistake loses nothing), a skipped field remembered as skipped."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext


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
