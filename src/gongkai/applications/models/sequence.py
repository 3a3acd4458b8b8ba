"""Gap-free numbering per agency, year and series (receipt numbers, letter numbers)."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction


class NumberSequence(models.Model):
    """A counter row locked with SELECT … FOR UPDATE inside the caller's transaction.

    An auto-increment or a MAX()+1 would leave gaps on rollback or collide under
    concurrency; a locked counter advanced in the same transaction as the row
    that uses the number is gap-free and unique by construction.
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=30)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "series"], name="sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"

    @classmethod
    def _locked(cls, *, agency_id: int, year: int, series: str) -> NumberSequence:
        assert transaction.get_connection().in_atomic_block, "call inside transaction.atomic"
        key = {"agency_id": agency_id, "year": year, "series": series}
        row = cls.objects.select_for_update().filter(**key).first()
        if row is None:
            try:
                with transaction.atomic():  # savepoint: a concurrent creator may win
                    cls.objects.create(**key)
            except IntegrityError:
                pass
            row = cls.objects.select_for_update().get(**key)
        return row

    @classmethod
    def next(cls, *, agency_id: int, year: int, series: str) -> int:
        row = cls._locked(agency_id=agency_id, year=year, series=series)
        row.last += 1
        row.save(update_fields=["last"])
        return row.last

    @classmethod
    def claim_through(cls, *, agency_id: int, year: int, series: str, value: int) -> None:
        """Mark numbers up to ``value`` as used (numbers carried over from another system)."""
        row = cls._locked(agency_id=agency_id, year=year, series=series)
        if row.last < value:
            row.last = value
            row.save(update_fields=["last"])
