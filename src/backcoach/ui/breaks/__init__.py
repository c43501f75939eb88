"""The posture-break reminder: the tray icon and the break window."""
