"""A node's feed position: it never moves past a change that may still appear."""

from __future__ import annotations

from gongkai.search.position import FeedPosition, SeenChange


def test_contiguous_changes_move_the_position() -> None:
    seen = [SeenChange(4, settled=False), SeenChange(5, settled=False)]
    assert FeedPosition(3).after(seen) == FeedPosition(5)


def test_a_gap_holds_the_position_until_it_is_filled() -> None:
    # 5 is still in a running transaction: 6 and 7 are applied, the position waits.
    held = FeedPosition(4).after([SeenChange(6, settled=False), SeenChange(7, settled=False)])
    assert held == FeedPosition(4, frozenset({6, 7}))
    assert held.includes(6) and not held.includes(5)
    # 5 commits: read again from 4, everything up to 7 is in.
    seen = [SeenChange(5, False), SeenChange(6, False), SeenChange(7, False)]
    assert held.after(seen) == FeedPosition(7)


def test_a_settled_gap_is_passed() -> None:
    # 5 was rolled back: once 6 is settled, nothing numbered 5 can appear any more.
    seen = [SeenChange(6, settled=True), SeenChange(8, settled=False)]
    assert FeedPosition(4).after(seen) == FeedPosition(6, frozenset({8}))


def test_the_position_survives_its_file() -> None:
    position = FeedPosition(9, frozenset({12, 11}))
    assert FeedPosition.from_json(position.to_json()) == position
