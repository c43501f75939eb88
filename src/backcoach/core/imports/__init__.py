"""Importing routine files from a therapist: checking them, then placing them in the user's routines folder."""
