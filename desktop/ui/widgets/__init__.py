"""Small widgets and models the feature packages share: date and division pickers, fields, tables, charts."""
