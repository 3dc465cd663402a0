PUBLIC = {"la_network:register", "la_network:members_csv", "la_network:members_json", "la_network:verify"}
