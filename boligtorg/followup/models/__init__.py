"""Follow-up after moving in. One module per area of the work; each is imported
here so that Django sees every model of the app."""

from .plans import (
    FollowUpPlan,
    Goal,
    GoalArea,
    GoalReview,
    GoalStatus,
    Progress,
    Visit,
    VisitKind,
    VisitStatus,
)
from .warnings import (
    ArrearsEntry,
    ArrearsSource,
    Complaint,
    PreventionCase,
    PreventionOutcome,
    Referral,
    RiskRules,
)

__all__ = [
    "ArrearsEntry",
    "ArrearsSource",
    "Complaint",
    "FollowUpPlan",
    "Goal",
    "GoalArea",
    "GoalReview",
    "GoalStatus",
    "PreventionCase",
    "PreventionOutcome",
    "Progress",
    "Referral",
    "RiskRules",
    "Visit",
    "VisitKind",
    "VisitStatus",
]

from .houses import (  # noqa: E402
    AgreedAction,
    DugnadTask,
    HouseContact,
    HouseMeetingPlan,
    HouseRepresentative,
    HouseRule,
    HouseRuleSource,
    RepresentativeBasis,
    ResidentMeeting,
)

__all__ += [
    "AgreedAction",
    "DugnadTask",
    "HouseContact",
    "HouseMeetingPlan",
    "HouseRepresentative",
    "HouseRule",
    "HouseRuleSource",
    "RepresentativeBasis",
    "ResidentMeeting",
]

from .career import (  # noqa: E402
    ConditionOutcome,
    ConditionReview,
    DecisionCondition,
    HousingTenure,
    LeaseEndChoice,
    LeaseEndReview,
    NextStep,
    TenureKind,
    TransitionAssessment,
    TransitionPeriod,
)

__all__ += [
    "ConditionOutcome",
    "ConditionReview",
    "DecisionCondition",
    "HousingTenure",
    "LeaseEndChoice",
    "LeaseEndReview",
    "NextStep",
    "TenureKind",
    "TransitionAssessment",
    "TransitionPeriod",
]
