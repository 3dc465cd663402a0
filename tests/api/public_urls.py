# The public JSON API and the page that explains it (tests/api/).
PUBLIC = {"api:index", "api:openapi", "api:list", "api:detail"}
