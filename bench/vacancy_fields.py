"""How well a pasted vacancy is read: the texts of tests/vacancy_corpus.py (hh.ru pages,
LinkedIn paragraphs, Telegram posts, bullet lists, in Russian and English) through
`prefill`, and per field how many came out as a careful reader would have them. CORPUS is
what the reader was built on; HELD_OUT was written afterwards and never tuned on, so its
figures say more about texts the reader has not seen.

    python bench/vacancy_fields.py            # "title 41/41 …" for each set
    python bench/vacancy_fields.py --misses   # and each text a field was read wrong in

`--check` exits 1 when a field is read wrong in any CORPUS text."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.services.vacancy_text import prefill
from tests.vacancy_corpus import CORPUS, FIELDS, HELD_OUT, Sample


def read(text: str) -> dict[str, object]:
    found = prefill(text)
    values: dict[str, object] = {name: getattr(found, name) for name in FIELDS}
    if found.salary is not None:
        values["salary"] = (found.salary.low, found.salary.high, found.salary.currency)
    return values


def report(name: str, samples: tuple[Sample, ...], show_misses: bool) -> int:
    """Print the figures of one set; returns how many fields were read wrong."""
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    perfect = 0
    started = time.perf_counter()
    for number, sample in enumerate(samples):
        found = read(sample.text)
        wrong = [field for field in FIELDS if found[field] != getattr(sample, field)]
        perfect += not wrong
        for field in FIELDS:
            right[field] += field not in wrong
        for field in wrong:
            first_line = sample.text.strip().splitlines()[0][:50]
            misses.append(
                f"  #{number} {field}: {found[field]!r}, expected "
                f"{getattr(sample, field)!r} ({first_line})"
            )
    elapsed = time.perf_counter() - started
    total = len(samples)
    print(f"{name}: {total} texts, {elapsed * 1000 / total:.1f} ms a text")
    for field in FIELDS:
        print(f"  {field:<11} {right[field]}/{total}  {100 * right[field] / total:5.1f}%")
    all_right, all_fields = sum(right.values()), total * len(FIELDS)
    print(f"  {'all fields':<11} {all_right}/{all_fields}  {100 * all_right / all_fields:5.1f}%")
    print(f"  texts read wholly right: {perfect}/{total}")
    if show_misses and misses:
        print("  misses:")
        print("\n".join(misses))
    return len(misses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every text read wrong")
    parser.add_argument("--check", action="store_true", help="exit 1 on a CORPUS miss")
    args = parser.parse_args()
    missed = report("corpus", CORPUS, args.misses)
    report("held out", HELD_OUT, args.misses)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
