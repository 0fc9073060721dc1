"""One fuzz campaign: input number i of a target, derived from its seeds by one integer,
run below the safety net, and every crash bucketed by exception type and the innermost
frame of Kinerja's own code."""

import random
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.imports.fuzz import mutate
from kinerja.imports.fuzz.targets import Target
from kinerja.lib.limits import UnreadableFile

PACKAGE = str(Path(__file__).resolve().parents[2])  # …/kinerja
FUZZ = str(Path(__file__).resolve().parent)


@dataclass
class Crash:
    """The smallest input seen for one bucket, how often the bucket was hit, a traceback."""

    key: str
    data: bytes
    count: int
    trace: str


@dataclass
class Campaign:
    """The inputs of one target, and what running them found."""

    target: Target
    base_seed: int = 0
    slow_seconds: float = 2.0
    inputs: int = 0
    unreadable: int = 0
    crashes: dict[str, Crash] = field(default_factory=dict)
    slow: list[tuple[float, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pool = self.target.seeds()
        if not self.pool:
            raise ValueError(f"no seeds for {self.target.name}")
        self.members = {i: _members(seed) for i, seed in enumerate(self.pool)}

    def make(self, index: int) -> bytes:
        """Input `index`: the seeds as they are first, then one mutation of a seed each."""
        if index < len(self.pool):
            return self.pool[index]
        rng = random.Random(f"{self.target.name}:{self.base_seed}:{index}")  # noqa: S311
        chosen = rng.randrange(len(self.pool))
        members = self.members[chosen]
        if self.target.kind == "zip" and members and rng.random() < 0.95:
            return mutate.mutate_zip(members, rng, self.pool)
        return mutate.mutate_bytes(self.pool[chosen], rng, self.pool, mutate.TOKENS)

    def run(self, index: int) -> str | None:
        """Run input `index`; the crash bucket's key, or None."""
        data = self.make(index)
        started = time.monotonic()
        key = self.run_input(data)
        elapsed = time.monotonic() - started
        if elapsed > self.slow_seconds:
            self.slow.append((round(elapsed, 2), index))
        return key

    def run_input(self, data: bytes) -> str | None:
        self.inputs += 1
        try:
            self.target.run(data)
        except UnreadableFile:
            self.unreadable += 1
        except Exception as error:  # noqa: BLE001 - counting crashes is the point
            key = bucket(error)
            known = self.crashes.get(key)
            if known is None or len(data) < len(known.data):
                trace = "".join(traceback.format_exception(error))
                self.crashes[key] = Crash(key, data, (known.count if known else 0) + 1, trace)
            else:
                known.count += 1
            return key
        return None


def bucket(error: BaseException) -> str:
    """`Type at path:line in function`, the innermost frame of Kinerja's code (not this
    harness's); the innermost frame of all when none is Kinerja's."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if f.filename.startswith(PACKAGE) and not f.filename.startswith(FUZZ)]
    if not (own or frames):
        return type(error).__name__
    frame = (own or frames)[-1]
    path = Path(frame.filename)
    shown = path.relative_to(Path(PACKAGE).parent) if path.is_relative_to(PACKAGE) else path.name
    return f"{type(error).__name__} at {shown}:{frame.lineno} in {frame.name}"


def _members(seed: bytes) -> list[tuple[str, bytes]]:
    try:
        return mutate.unzip(seed)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return []  # a kept input no ZIP reader takes: run as it is, mutated byte by byte
