"""The shared vocabulary of records: their types, the codes of their fields, the roles of users.

The values are what is stored and what travels; labels live with the apps (desktop.services.vocabulary).
"""

from __future__ import annotations

from enum import StrEnum


class ChangeKind(StrEnum):
    """What one change to a record is (the wire's ``OutboxEntry.kind``)."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class RecordType(StrEnum):
    HOUSEHOLD = "household"
    VISIT = "visit"
    TRAINING = "training"
    REVIEW_EVENT = "review_event"
    ATTACHMENT = "attachment"
    CONFLICT = "conflict"
    DEMO_BASE = "demo_base"  # 示范基地
    DEMO_PROJECT = "demo_project"  # 示范项目
    # Pull-only reference data (see PULL_ONLY_TYPES): the server sends them, a device never pushes them.
    STATION = "station"
    USER = "user"


class HouseholdKind(StrEnum):
    FARMER = "farmer"  # 农牧户
    COOPERATIVE = "cooperative"  # 合作社
    FAMILY_FARM = "family_farm"  # 家庭农场
    LARGE_GROWER = "large_grower"  # 种养殖大户
    LEADING_ENTERPRISE = "leading_enterprise"  # 龙头企业
    DEMONSTRATION = "demonstration"  # 示范主体


class BaseKind(StrEnum):
    """What a demonstration base (基层农技推广示范基地) shows."""

    PLANTING = "planting"  # 种植
    LIVESTOCK = "livestock"  # 养殖
    FACILITY = "facility"  # 设施农业
    INTEGRATED = "integrated"  # 种养结合


class ProjectKind(StrEnum):
    """Which programme a demonstration project (示范项目) belongs to."""

    INDUSTRY = "industry"  # 优势特色产业科技示范项目
    EXTENSION = "extension"  # 农技推广示范项目
    TRANSFER = "transfer"  # 成果转化示范项目


class VisitMode(StrEnum):
    ONSITE = "onsite"  # 现场; the only mode that counts toward on-site days
    PHONE = "phone"
    WECHAT = "wechat"
    VIDEO = "video"


class ServiceType(StrEnum):
    GUIDANCE = "guidance"  # 技术指导
    POLICY = "policy"  # 政策宣传
    TRANSFER = "transfer"  # 成果转化
    RESEARCH = "research"  # 科技研发
    TRAINING = "training"  # 科技培训
    MARKETING = "marketing"  # 产销对接


class AttendeeCategory(StrEnum):
    BACKBONE = "backbone"  # 技术骨干
    LOCAL_EXPERT = "local_expert"  # 土专家
    TECH_SAVVY = "tech_savvy"  # 技术明白人
    FARMER = "farmer"  # 农牧民
    EXTENSION_STAFF = "extension_staff"  # 基层农技人员


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    #: A manager marks the record a typical case (典型案例), the comment its write-up; no state changes.
    MARK_TYPICAL = "mark_typical"
    UNMARK_TYPICAL = "unmark_typical"


class Role(StrEnum):
    SPECIALIST = "specialist"
    STATION_MANAGER = "station_manager"
    COUNTY_ADMIN = "county_admin"
    LEAGUE_ADMIN = "league_admin"
    REGION_ADMIN = "region_admin"
