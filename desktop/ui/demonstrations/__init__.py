"""Demonstration bases and projects (示范基地, 示范项目): their list page, their form, a visit's picker."""
