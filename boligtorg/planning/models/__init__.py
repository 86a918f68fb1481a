"""Areas, housing programmes, action plans. One module per part of the work; each
is imported here so that Django sees every model of the app."""

from .action_plans import (  # noqa: E402, F401
    ActionPlan,
    Activity,
    ActivityProgress,
    FocusArea,
    MainGoal,
    ProgressStatus,
    ReportKind,
    StatusReport,
    SubGoal,
)
from .areas import (  # noqa: E402, F401
    AreaIndicator,
    ComparisonChoice,
    CoordinationGroup,
    Criterion,
    CriterionKind,
    CriterionSet,
    GroupKind,
    GroupMeeting,
    GroupMember,
    IndicatorChoice,
    MeetingAction,
    PlanningArea,
)
from .programmes import (  # noqa: E402, F401
    AgeGroup,
    HousingProgramme,
    MappedPerson,
    NeedKind,
    PersonNeed,
    ProgrammeNeed,
    Project,
    ProjectKind,
    ProjectStatus,
)
