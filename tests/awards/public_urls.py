PUBLIC = {"awards:index", "awards:stream", "awards:verify"}
