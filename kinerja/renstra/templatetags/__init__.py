"""Template filters of the planning apps."""
