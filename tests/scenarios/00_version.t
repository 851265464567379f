$ retort --version
retort 0.1.0

