# The library, a resource and its file answer visitors; members-only ones answer them 404.
PUBLIC = {"resources:library", "resources:detail", "resources:download"}
