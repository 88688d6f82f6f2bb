"""The seminar, its three-day programme and the series history."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class ItemKind(enum.StrEnum):
    MEETING = "meeting"
    RECEPTION = "reception"
    VISIT = "visit"


class Audience(enum.StrEnum):
    """Who may attend an item; enforced on registration, not only in the form."""

    ALL = "all"
    JAPAN_ONLY = "japan_only"
    # Japanese local governments meet Chinese travel agencies.
    PR_EXCHANGE = "pr_exchange"


class OrganizationRole(enum.StrEnum):
    ORGANIZER = "organizer"
    CO_ORGANIZER = "co_organizer"
    SUPPORTER = "supporter"


class Seminar(db.Model):
    """One edition of the series with its programme; delegates, logistics and check-ins
    hang off it. Exactly one is current (`program.queries.current_seminar`)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    edition: Mapped[int] = mapped_column(unique=True)
    # The edition the public pages, registration, desk and console work on; set only by
    # `program.editions.make_current`, which clears it everywhere else.
    is_current: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    fiscal_year: Mapped[int]
    title_ja: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    short_title_ja: Mapped[str] = mapped_column(String(100))
    short_title_zh: Mapped[str] = mapped_column(String(100))
    short_title_en: Mapped[str] = mapped_column(String(100))
    city_ja: Mapped[str] = mapped_column(String(100))
    city_zh: Mapped[str] = mapped_column(String(100))
    city_en: Mapped[str] = mapped_column(String(100))
    province_ja: Mapped[str] = mapped_column(String(100))
    province_zh: Mapped[str] = mapped_column(String(100))
    province_en: Mapped[str] = mapped_column(String(100))
    theme_ja: Mapped[str] = mapped_column(Text)
    theme_zh: Mapped[str] = mapped_column(Text)
    theme_en: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    # The organiser's published figures, kept apart from live registrations.
    reported_participants_total: Mapped[int | None]
    reported_participants_japan: Mapped[int | None]
    reported_participants_china: Mapped[int | None]
    registration_deadline: Mapped[dt.datetime | None]
    # Who signs the invitation letters under the organiser's name (title and name, e.g.
    # 理事長　岡本保); empty: the letters carry the organiser's name alone.
    signatory_ja: Mapped[str] = mapped_column(String(200), default="", server_default="")
    signatory_zh: Mapped[str] = mapped_column(String(200), default="", server_default="")
    signatory_en: Mapped[str] = mapped_column(String(200), default="", server_default="")

    subthemes: Mapped[list[SubTheme]] = relationship(
        back_populates="seminar", order_by="SubTheme.position", cascade="all, delete-orphan"
    )
    organizations: Mapped[list[SeminarOrganization]] = relationship(
        back_populates="seminar",
        order_by="SeminarOrganization.position",
        cascade="all, delete-orphan",
    )
    days: Mapped[list[ProgramDay]] = relationship(
        back_populates="seminar", order_by="ProgramDay.date", cascade="all, delete-orphan"
    )

    @property
    def reported_figures(self) -> dict[str, int | None] | None:
        """The published figures as `{"japan", "china", "all"}`, None when there are none
        (the total is stored as published, not added up)."""
        if self.reported_participants_total is None:
            return None
        return {
            "japan": self.reported_participants_japan,
            "china": self.reported_participants_china,
            "all": self.reported_participants_total,
        }


class SubTheme(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    position: Mapped[int]
    text_ja: Mapped[str] = mapped_column(Text)
    text_zh: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)

    seminar: Mapped[Seminar] = relationship(back_populates="subthemes")
    __table_args__ = (UniqueConstraint("seminar_id", "position"),)


class SeminarOrganization(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int]
    name_ja: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    seminar: Mapped[Seminar] = relationship(back_populates="organizations")
    __table_args__ = (UniqueConstraint("seminar_id", "position"),)


class ProgramDay(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    date: Mapped[dt.date]

    seminar: Mapped[Seminar] = relationship(back_populates="days")
    items: Mapped[list[ProgramItem]] = relationship(
        back_populates="day", order_by="ProgramItem.position", cascade="all, delete-orphan"
    )
    __table_args__ = (UniqueConstraint("seminar_id", "date"),)


class ProgramItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    seminar_id: Mapped[int] = mapped_column(ForeignKey("seminar.id", ondelete="CASCADE"))
    day_id: Mapped[int] = mapped_column(ForeignKey("program_day.id", ondelete="CASCADE"))
    # Stable codes such as "plenary": users' scripts and other modules rely on them.
    code: Mapped[str] = mapped_column(String(40))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(20), default=Audience.ALL)
    title_ja: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    venue_ja: Mapped[str] = mapped_column(String(300), default="")
    venue_zh: Mapped[str] = mapped_column(String(300), default="")
    venue_en: Mapped[str] = mapped_column(String(300), default="")
    # The report gives dates but no clock times: empty means "to be announced".
    start_time: Mapped[dt.time | None]
    end_time: Mapped[dt.time | None]
    capacity: Mapped[int | None]

    day: Mapped[ProgramDay] = relationship(back_populates="items")
    __table_args__ = (UniqueConstraint("seminar_id", "code"),)


class Edition(db.Model):
    """One seminar of the series as the report lists it (the history page's rows for the
    editions that have no `Seminar`; an edition with one is shown from its Seminar)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    fiscal_year: Mapped[int]
    city_ja: Mapped[str] = mapped_column(String(100))
    city_zh: Mapped[str] = mapped_column(String(100))
    city_en: Mapped[str] = mapped_column(String(100))
    province_ja: Mapped[str] = mapped_column(String(100), default="")
    province_zh: Mapped[str] = mapped_column(String(100), default="")
    province_en: Mapped[str] = mapped_column(String(100), default="")
    theme_ja: Mapped[str] = mapped_column(Text, default="")
    theme_zh: Mapped[str] = mapped_column(Text, default="")
    theme_en: Mapped[str] = mapped_column(Text, default="")
