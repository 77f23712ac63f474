"""Items (to be filled)."""
ITEMS: tuple = ()
