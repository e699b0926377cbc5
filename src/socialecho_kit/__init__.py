"""SocialEcho contract-test kit: spec diff, drift probe and the socialecho command-line tool."""
