"""Plans as files: the plan CSV format (``format``), and importing, exporting and writing a
local-measure template against the database (``store``); ``python -m data_access plan …`` (``cli``)."""
