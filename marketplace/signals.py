"""Domain events as blinker signals, so that one domain's side effects need no import of another.

A domain sends (`listing_approved.send(listing)`); create_app connects the receivers (for example
notifications/handlers.py). Receivers run inside the sender's transaction: they add rows and
never commit. Every signal's sender is the object it is about; keyword arguments are listed here.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Listings (sender: the Listing). A moderator published it or its changes.
listing_approved = _signals.signal("listing-approved")
# Sent back to its author, or unpublished after a report.
listing_rejected = _signals.signal("listing-rejected")
# Expires within two weeks; sent once per validity period by `flask listings remind`.
listing_expiring = _signals.signal("listing-expiring")

# Expressions of interest (sender: the Interest).
interest_sent = _signals.signal("interest-sent")
interest_accepted = _signals.signal("interest-accepted")  # kwargs: conversation
interest_declined = _signals.signal("interest-declined")
interest_expired = _signals.signal("interest-expired")

# Messages (sender: the Message). kwargs: recipients, the other company's active members.
message_posted = _signals.signal("message-posted")
