"""Every domain's models, imported together so that mappers and migrations see the whole schema."""
from .accounts.models import LoginSession, User  # noqa: F401
from .clusters.models import Cluster, ClusterManager, ClusterMembership, ClusterSector  # noqa: F401
from .companies.models import Company, CompanyInvitation, CompanyLanguage, CompanySector  # noqa: F401
from .mail.models import OutboxMessage  # noqa: F401
from .listings.models import Listing, ListingCooperationType, ListingKeyword, ListingTargetCountry  # noqa: F401
from .moderation.models import ModerationAction, Report  # noqa: F401
from .outcomes.models import Outcome  # noqa: F401
from .partnerships.models import (Partnership, PartnershipMember, PartnershipMessage,  # noqa: F401
                                  PartnershipRole)
from .interests.models import Interest, InterestEvent  # noqa: F401
from .messaging.models import Conversation, ConversationState, Message  # noqa: F401
from .notifications.models import Notification, NotificationPreference  # noqa: F401
from .alerts.models import SavedSearch  # noqa: F401
