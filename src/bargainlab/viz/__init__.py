"""Figures: one function per figure, returning a :class:`~bargainlab.viz.figure.FigureData`.

No model logic lives here: figure functions call the models and draw. Matplotlib is imported
lazily (extra ``[plot]``).
"""
