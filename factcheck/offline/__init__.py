"""The built-in offline engine: extractive summary and claims, no model needed.

``factcheck.check`` without a model runs it; the engine itself
(``factcheck.offline.engine.OfflineEngine``) is the implementation.
"""
