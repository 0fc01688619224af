"""The cohort's people: invitations one by one or by CSV import, and each member's access."""
