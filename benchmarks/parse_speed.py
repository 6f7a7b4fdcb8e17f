"""Time of one target text through ``parse_target`` (issue 10: none may take more than 50 ms).

Three sets of texts, each parsed once per text with the indicator names and units of the
spellings table (tests/plan/test_spellings.py):

* ``spellings``: the table's texts as published plans write them;
* ``random``: texts drawn (seeded) from the tokens of that table's property test, 1–16 tokens;
* ``long``: pathological texts for the regular expressions — long runs of digits, of separators,
  of brackets, of 力争 clauses and of words — up to 2,000 characters.

Each text is timed alone (``time.perf_counter``); a parse that raises TargetParseError counts as a
parse. The slowest text of each set is timed again five times and its best time reported beside
its first, so that a pause of the machine is told from a slow expression.

    python benchmarks/parse_speed.py          # -> results/parse_speed.json and a summary
"""

from __future__ import annotations

import importlib.util
import json
import platform
import random
import sys
import time
from pathlib import Path

from indicator_forecast.exceptions import TargetParseError
from indicator_forecast.plan import parse_target

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT_MS = 50.0


def _spellings_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "test_spellings", ROOT / "tests" / "plan" / "test_spellings.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _parse(text: str, name: str | None, unit: str | None) -> None:
    try:
        parse_target(text, unit=unit, name=name)
    except TargetParseError:
        pass


def _time(text: str, name: str | None, unit: str | None) -> float:
    t0 = time.perf_counter()
    _parse(text, name, unit)
    return (time.perf_counter() - t0) * 1000


def texts() -> dict[str, list[tuple[str, str | None, str | None]]]:
    mod = _spellings_module()
    table = [(r[0], r[1], r[2]) for r in mod.SPELLINGS]
    names = [(r[1], r[2]) for r in mod.SPELLINGS]
    rng = random.Random(20261207)
    tokens = mod._TOKENS
    rand = []
    for _ in range(20000):
        name, unit = rng.choice(names)
        k = rng.randint(1, 16)
        rand.append(("".join(rng.choice(tokens) for _ in range(k)), name, unit))
    long_texts = [
        "1" * 2000, "1." * 1000, "1-" * 1000, "-" * 2000, "[" * 1000 + "5" + "]" * 1000,
        "力争" * 1000, "力争3，" * 400, "5%" * 1000, "累计" * 1000 + "5", "年均增长" * 400 + "7%",
        "提高" * 1000, "持续" * 1000 + "下降", "5万" * 1000, "(" * 1000, "确保完成" * 400 + "任务",
        "与" + "市" * 1999, "高于" + "全" * 1998, "40(" + "智能软件12、" * 250 + ")",
        "比2010年" * 250, "到2025年" * 250, "1" * 1000 + "以上", " ".join("1" * 1000),
    ]
    longs = [(t, n, u) for t in long_texts for n, u in (("地区生产总值增长", "%"),
                                                        ("新增就业人数", "人"))]
    return {"spellings": table, "random": rand, "long": longs}


def main() -> None:
    out: dict[str, object] = {
        "python": sys.version.split()[0], "machine": platform.machine(), "limit_ms": LIMIT_MS,
        "sets": {},
    }
    for label, items in texts().items():
        for t, n, u in items[:50]:  # warm the regular-expression cache
            _parse(t, n, u)
        times = sorted((_time(t, n, u), t, n, u) for t, n, u in items)
        ms = [x[0] for x in times]
        worst = times[-1]
        again = min(_time(worst[1], worst[2], worst[3]) for _ in range(5))
        over = [x for x in times if x[0] > LIMIT_MS]
        out["sets"][label] = {  # type: ignore[index]
            "texts": len(items),
            "median_ms": round(ms[len(ms) // 2], 4),
            "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 4),
            "max_ms": round(worst[0], 3),
            "slowest_text": worst[1][:60] + ("…" if len(worst[1]) > 60 else ""),
            "slowest_text_len": len(worst[1]),
            "slowest_best_of_5_ms": round(again, 3),
            "over_limit_first_run": len(over),
        }
        print(label, json.dumps(out["sets"][label], ensure_ascii=False))  # type: ignore[index]
    (HERE / "results" / "parse_speed.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
