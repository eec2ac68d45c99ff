"""The boards app's pages, a module for each: a board, its people and invitations, its partner
agencies, its links with other boards. Boards themselves are created by system administrators."""
