"""The statistics page: indicators against targets, charts, coverage and the targets dialog."""
