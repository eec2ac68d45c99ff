import pytest


@pytest.fixture
def records(board, action, office, lead_x, member, other_board_action, outsider):
    from actions.updating import record_update

    record_update(action, author=office, text="Started", rag="A")
    return board
