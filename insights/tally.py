"""One day's figures for the whole community or one group, in a form that adds up.

Counts add; distinct active members are a set of member ids kept as a bitmap (bit n set =
member n was active), so a week or a period is the OR of its days and `bit_count()` of the
result, exact and fast; medians keep their raw waits (in seconds) so a period's median is
exact too. `insights.measure` fills tallies from the community's tables and
`insights.rollup` stores them, one row per day and group (insights.models.DayFigures).
"""

import zlib
from dataclasses import dataclass, field

# The counters of a tally, in the order of the DayFigures columns of the same names.
COUNTS = (
    "new_members",
    "threads_started",
    "replies",
    "threads",
    "threads_replied_in_24h",
    "first_threads",
    "first_threads_answered",
    "first_replies_by_mentors",
    "flags_received",
    "flags_decided",
    "posts_approved",
)
# The raw waits, in seconds, behind each median.
WAITS = ("first_reply_waits", "flag_waits", "approval_waits")


@dataclass
class Tally:
    new_members: int = 0  # whole community only: members do not belong to groups
    threads_started: int = 0  # published opening posts written that day
    replies: int = 0  # published replies written that day
    threads: int = 0  # threads started that day whose opening post is published
    threads_replied_in_24h: int = 0  # ... answered by someone else within 24 hours
    first_threads: int = 0  # ... that were their author's first thread ever
    first_threads_answered: int = 0
    first_replies_by_mentors: int = 0
    flags_received: int = 0
    flags_decided: int = 0
    posts_approved: int = 0  # posts written that day, held, then approved
    active: int = 0  # bitmap of the members who posted or reacted
    first_reply_waits: list[float] = field(default_factory=list)
    flag_waits: list[float] = field(default_factory=list)
    approval_waits: list[float] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        """Adds another day's (or group's) figures to this one."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.active |= other.active
        for name in WAITS:
            getattr(self, name).extend(getattr(other, name))

    def mark_active(self, member_id: int) -> None:
        self.active |= 1 << member_id

    @property
    def active_members(self) -> int:
        return self.active.bit_count()

    def counts(self) -> dict:
        return {name: getattr(self, name) for name in COUNTS}

    def waits(self) -> dict:
        return {name: getattr(self, name) for name in WAITS}

    def is_empty(self) -> bool:
        return self == Tally()


def pack_members(bitmap: int) -> bytes:
    """The active-member bitmap as compressed bytes for a BinaryField."""
    return zlib.compress(bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little"))


def unpack_members(data: bytes | memoryview) -> int:
    return int.from_bytes(zlib.decompress(bytes(data)), "little")
