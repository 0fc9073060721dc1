"""Who works in Kinerja: the pemda, its Perangkat Daerah, users and their roles."""
