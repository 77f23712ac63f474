"""The economics: one module or package per model of the papers."""
