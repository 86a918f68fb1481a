"""Pages of the allocation module, one module per area: meetings, the waiting
list, offers, statistics, rule sets and shared houses. Thin: they parse input and
call selectors and services."""
