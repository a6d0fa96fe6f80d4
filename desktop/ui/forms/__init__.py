"""The record forms (visit, training, household), their drafts, photos and duplicate checks."""
