"""The /mood chart as a PNG. matplotlib is imported here only, on the first chart, and the
drawing runs in a worker thread: start-up, memory and the event loop do not pay for it."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import date

_lock = threading.Lock()  # pyplot's state is global; one chart at a time


@dataclass(frozen=True)
class ChartLabels:
    title: str
    mood_names: tuple[str, ...]  # 1..5, without emoji (the default font has none)
    ticks: tuple[tuple[date, str], ...]  # dates to label, with their text


def render_png(days: tuple[tuple[date, int | None], ...], labels: ChartLabels) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with _lock:
        figure = Figure(figsize=(8, 3.6), dpi=110)
        axes = figure.add_subplot()
        xs = [i for i, (_, mood) in enumerate(days) if mood is not None]
        ys = [mood for _, mood in days if mood is not None]
        axes.plot(xs, ys, color="#4a7bd0", linewidth=2, marker="o", markersize=5)
        axes.fill_between(xs, ys, 1, color="#4a7bd0", alpha=0.12)
        axes.set_ylim(0.6, 5.4)
        axes.set_yticks(range(1, 6), labels=list(labels.mood_names))
        axes.set_xlim(-0.5, len(days) - 0.5)
        index = {day: i for i, (day, _) in enumerate(days)}
        ticks = [(index[d], text) for d, text in labels.ticks if d in index]
        axes.set_xticks([i for i, _ in ticks], labels=[text for _, text in ticks])
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(labels.title, fontsize=12)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
