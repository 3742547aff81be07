"""`make mutation`: how much of the security core the tests pin down.

Runs mutmut (pinned in requirements.lock; settings in pyproject's [tool.mutmut]) on the given
files, by default the security core listed there as `only_mutate`. Every mutant of every
function is tried (no sampling), each against only the tests that call the mutated function,
in a fresh copy of the project in mutants/. It then prints a table per file: tried, killed,
survived, timed out, allowed (survivors in tools/mutation-allowlist.txt, which cannot change
behaviour) and the score = (killed + timed out) / (tried - allowed). Every survivor that is
not allowed is printed as a diff, with the line to copy into the allow-list if it really
cannot change behaviour. Exits with 1 when a file scores under --min-score.

    .venv/bin/python tools/mutation.py [--min-score 90] [--max-children N] [FILE ...]

--max-children is the number of test processes mutmut runs at once (default: one per CPU);
`make mutation MUTATION_WORKERS=1` runs one, leaving the other CPUs free.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "tools" / "mutation-allowlist.txt"

# mutmut's verdicts (exit codes of a mutant's test run) as the table counts them.
KILLED = "killed"
TIMEOUT = "timeout"


@dataclass(frozen=True)
class Allowed:
    """An allow-list line; in both patterns * stands for any text and nothing else is special."""

    function: str
    mutation: str  # the mutated line(s), " / " between lines
    reason: str

    def matches(self, function: str, mutation: str) -> bool:
        return _glob(self.function, function) and _glob(self.mutation, mutation)


def _glob(pattern: str, text: str) -> bool:
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, text) is not None


@dataclass
class FileResult:
    path: str
    tried: int = 0
    killed: int = 0
    timed_out: int = 0
    # (mutant name, function, mutmut's verdict, diff) of each survivor not allowed
    survivors: list[tuple[str, str, str, str]] = field(default_factory=list)
    allowed: list[tuple[str, Allowed]] = field(default_factory=list)

    @property
    def survived(self) -> int:
        return len(self.survivors)

    @property
    def score(self) -> float:
        counted = self.tried - len(self.allowed)
        return 100.0 if counted == 0 else 100.0 * (self.killed + self.timed_out) / counted


def read_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    """Lines `function | mutated line, as mutmut writes it | reason`; # starts a comment."""
    entries: list[Allowed] = []
    if not path.exists():
        return entries
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        function, sep, rest = line.partition(" | ")
        mutation, sep2, reason = rest.rpartition(" | ")
        if not (sep and sep2 and reason.strip()):
            sys.exit(f"{path}:{number}: expected `function | mutated line | reason`")
        entries.append(Allowed(function.strip(), mutation.strip(), reason.strip()))
    return entries


def function_of(mutant_name: str) -> str:
    """`privacy.crypto.x_seal__mutmut_3` -> `privacy.crypto.seal`; methods keep their class."""
    from mutmut.utils.format_utils import (
        get_module_from_key,
        mangled_name_from_mutant_name,
        orig_function_and_class_names_from_key,
    )

    module = get_module_from_key(mangled_name_from_mutant_name(mutant_name))
    function, class_name = orig_function_and_class_names_from_key(mutant_name)
    return ".".join(part for part in (module, class_name, function) if part)


def short_name(mutant_name: str) -> str:
    """`privacy.crypto.x_seal__mutmut_3` -> `seal#3` (the number `mutmut show` knows it by)."""
    return f"{function_of(mutant_name).rpartition('.')[2]}#{mutant_name.rpartition('_')[2]}"


def mutated_lines(diff: str) -> str:
    lines = [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    return " / ".join(lines)


class FastTestsFirst:
    """pytest plugin for each mutant's run: its fastest tests first (usually the unit tests of
    the mutated module, which kill it in a fraction of a second), in Django's order of tests
    without the database, with it, then transactional ones, so no test sees another's data."""

    @staticmethod
    def group(item: Any) -> int:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        if (marker and marker.kwargs.get("transaction")) or "transactional_db" in fixtures:
            return 2
        return 1 if marker or "db" in fixtures else 0

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        from mutmut.state import state

        durations = state().duration_by_test
        items.sort(key=lambda item: (self.group(item), durations.get(item.nodeid, 0.0)))


def run_mutmut(files: list[str], max_children: int | None) -> None:
    from mutmut.__main__ import _run
    from mutmut.configuration import config
    from mutmut.runners.harness import PytestRunner

    execute_pytest = PytestRunner.execute_pytest

    def execute_pytest_fast_first(self: Any, params: list[str], **kwargs: Any) -> int:
        kwargs["plugins"] = [*kwargs.get("plugins", []), FastTestsFirst()]
        return execute_pytest(self, params, **kwargs)

    PytestRunner.execute_pytest = execute_pytest_fast_first  # type: ignore[method-assign]

    cfg = config()
    cfg.only_mutate = files
    # Every app must be in the copy for the project to import; a new app needs no edit here.
    listed = {path.parts[0] for path in cfg.source_paths}
    cfg.source_paths += [
        Path(app.parent.name)
        for app in sorted(ROOT.glob("*/apps.py"))
        if app.parent.name not in listed
    ]
    # A fresh copy each time: mutmut keeps old verdicts otherwise, so a survivor that new
    # tests would kill would still be counted as one.
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    _run((), max_children)


def collect(files: list[str], allowlist: list[Allowed]) -> list[FileResult]:
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    results = []
    for path in files:
        data = SourceFileMutationData(path=Path(path))
        if not data.meta_path.exists():
            sys.exit(f"{path} was not part of the last mutation run: run without --no-run")
        data.load()
        result = FileResult(path=path)
        for name, exit_code in sorted(data.exit_code_by_key.items()):
            if exit_code is None:  # not run (interrupted)
                continue
            result.tried += 1
            status = status_by_exit_code[exit_code]
            if status == KILLED:
                result.killed += 1
            elif status == TIMEOUT:
                result.timed_out += 1
            else:
                diff = get_diff_for_mutant(name, path=path)
                function = function_of(name)
                mutation = mutated_lines(diff)
                entry = next(
                    (a for a in allowlist if a.matches(function, mutation)),
                    None,
                )
                if entry:
                    result.allowed.append((name, entry))
                else:
                    result.survivors.append((name, function, status, diff))
        results.append(result)
    return results


def report(results: list[FileResult], allowlist: list[Allowed], min_score: float) -> int:
    width = max(len(r.path) for r in results)
    header = f"{'file':<{width}}  tried  killed  survived  timed out  allowed   score"
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.path:<{width}}  {r.tried:>5}  {r.killed:>6}  {r.survived:>8}  {r.timed_out:>9}"
            f"  {len(r.allowed):>7}  {r.score:5.1f} %"
        )
    for r in results:
        for name, function, status, diff in r.survivors:
            print(f"\n{status.upper()}: {name}\n{diff}")
            print(f"  allow-list line: {function} | {mutated_lines(diff)} | <why it cannot matter>")
    allowed = [(name, entry) for r in results for name, entry in r.allowed]
    if allowed:
        print(f"\n{len(allowed)} allowed survivors (tools/mutation-allowlist.txt):")
        for entry in dict.fromkeys(entry for _, entry in allowed):
            names = [short_name(name) for name, e in allowed if e == entry]
            print(f"  {len(names):>2}: {entry.reason} ({', '.join(names)})")
    used = {entry for _, entry in allowed}
    checked = {r.path.removesuffix(".py").replace("/", ".") for r in results}
    stale = [
        entry
        for entry in allowlist
        if entry not in used and any(entry.function.startswith(f"{m}.") for m in checked)
    ]
    if stale:
        print("\nAllow-list lines that match no survivor any more (remove them):")
        for entry in stale:
            print(f"  {entry.function} | {entry.mutation}")
    print("\n" + "\n".join(lines))
    low = [r.path for r in results if r.score < min_score]
    if low:
        print(f"\nUnder {min_score:g} %: {', '.join(low)}")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="Python files to mutate (default: pyproject)")
    parser.add_argument("--min-score", type=float, default=90.0)
    parser.add_argument(
        "--max-children", type=int, default=None, help="test processes at once (default: CPUs)"
    )
    parser.add_argument(
        "--no-run", action="store_true", help="only report the last run's results in mutants/"
    )
    args = parser.parse_args()

    import os

    os.chdir(ROOT)
    from mutmut.configuration import config

    files = args.files or list(config().only_mutate)
    roots = {path.parts[0] for path in config().source_paths} | {
        app.parent.name for app in ROOT.glob("*/apps.py")
    }
    for path in files:
        if not path.endswith(".py") or not Path(path).is_file() or Path(path).parts[0] not in roots:
            print(f"{path}: not a Python file of an app in this project", file=sys.stderr)
            return 2
    allowlist = read_allowlist()
    started = time.monotonic()
    if not args.no_run:
        run_mutmut(files, args.max_children)
        seconds = time.monotonic() - started
        print(f"\nmutmut: every mutant of {len(files)} file(s) in {seconds:.0f} s")
    results = collect(files, allowlist)
    return report(results, allowlist, args.min_score)


if __name__ == "__main__":
    sys.exit(main())
