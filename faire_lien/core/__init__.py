"""Core of the assistant: inbound events, the turn, the flow runner, home screens and roles."""
