"""The published specifications of the returns, as data: tables, columns and code lists by year."""
