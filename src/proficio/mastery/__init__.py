"""The mastery engine: pure Python, standard library only, no Django, no I/O."""
