"""The audit log: who looked at or changed whose personal data, and when."""
