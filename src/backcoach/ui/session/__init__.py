"""One guided session: check-ins, the player, the summary, and the cues (sound and voice)."""
