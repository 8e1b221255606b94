"""Every domain's models, imported together so that mappers and migrations see the whole schema."""
from .accounts.models import LoginSession, User  # noqa: F401
from .clusters.models import Cluster, ClusterManager, ClusterMembership, ClusterSector  # noqa: F401
from .companies.models import Company, CompanyInvitation, CompanyLanguage, CompanySector  # noqa: F401
from .mail.models import OutboxMessage  # noqa: F401
