"""The station manager's review: the queue page, its model and the review dialog."""
