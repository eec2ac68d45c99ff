"""The office's page offering the board's whole record as open data, and the download itself: the
package is written to a temporary file as the rows arrive, then sent from it in chunks."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Board
from core.access import require_perm, visible_or_404

from . import exporting
from .schema import AUDIT_TRAIL
from .tables import ALL


def office_board(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    return board


@login_required
def export_page(request, pk):
    board = office_board(request, pk)
    files = [(f"data/{t.name}.csv", exporting.table_title(t)) for t in ALL]
    files.append((f"data/{AUDIT_TRAIL}.csv", exporting.AUDIT_TRAIL_TITLE))
    return render(request, "opendata/export.html", {"board": board, "files": files})


@login_required
def download(request, pk):
    board = office_board(request, pk)
    out = tempfile.TemporaryFile()  # removed when the response closes it
    exporting.write(board, out)
    out.seek(0)
    day = timezone.localdate().isoformat()
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"{slugify(board.short_name or board.name)}-open-data-{day}.zip",
        content_type="application/zip",
    )
