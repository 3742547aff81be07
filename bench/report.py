"""Print the results of one or more `bench/run.py` JSON files as a Markdown table.

.venv/bin/python bench/report.py bench/results/<stamp>-*.json
"""

import json
import sys
from pathlib import Path
from typing import Any


def _n(value: Any, digits: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and digits:
        return f"{value:,.{digits}f}"
    return f"{round(value):,}" if isinstance(value, (int, float)) else str(value)


def rows(report: dict[str, Any]) -> list[str]:
    lines = []
    for s in report["sizes"]:
        sign = s.get("sign", {})
        count = s.get("count", {})
        lines.append(
            "| "
            + " | ".join(
                [
                    report["database"],
                    _n(s["size"]),
                    f"{_n(s['home']['rps'])} ({_n(s['home']['p50_ms'], 1)}/"
                    f"{_n(s['home']['p99_ms'], 1)})",
                    _n(s.get("static_rps_mean", s["static"]["rps"])),
                    _n(s["home_vs_static"], 2),
                    f"{_n(s['proxied']['rps'])} ({_n(s['proxied_vs_static'], 2)})",
                    _n(count.get("rps")),
                    _n(sign.get("accepted_per_s")),
                    f"{_n(sign.get('p50_ms'), 0)}/{_n(sign.get('p99_ms'), 0)}",
                    f"{_n(sign.get('errors'))}",
                    f"{_n(sign.get('rows_stored'))}/{_n(sign.get('accepted'))}",
                    _n(sign.get("lost")),
                    " ".join(f"{x:.1f}" for x in s.get("load_average_before", [])),
                ]
            )
            + " |"
        )
    return lines


HEADER = (
    "| db | stored | home req/s (p50/p99 ms) | nginx static req/s (mean) | home/static "
    "| via nginx cache req/s (ratio) | count.json req/s | signed/s | sign p50/p99 ms "
    "| sign errors | rows stored/accepted | lost | load avg before |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)


def main() -> None:
    print(HEADER)
    for path in sys.argv[1:]:
        report = json.loads(Path(path).read_text())
        print("\n".join(rows(report)))


if __name__ == "__main__":
    main()
