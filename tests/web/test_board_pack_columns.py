"""PDF pack tables: column widths that keep words whole where the page allows."""

import pandas as pd
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from components.chart_block import ChartText
from views.base import ChartView
from web.board_pack import CELL_PADDING, column_widths


def test_no_column_is_narrower_than_its_longest_word() -> None:
    table = pd.DataFrame(
        {
            "area": ["Hertfordshire", "Stevenage"],
            "value": ["52.6", "53.0"],
            "source": ["Hertfordshire County Council's Plan for Children & Young People 2018-21, line 226"] * 2,
        }
    )
    columns = [("area", "Area"), ("value", "Other pupils"), ("source", "Source")]
    view = ChartView("t", None, ChartText("t", "s", "x"), table, columns, table, "t")
    styles = {
        "head": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=8),
        "cell": ParagraphStyle("c", fontName="Helvetica", fontSize=8),
    }
    widths = column_widths(view, columns, styles, 480.0)
    assert abs(sum(widths) - 480.0) < 0.01
    assert widths[0] >= stringWidth("Hertfordshire", "Helvetica", 8) + 2 * CELL_PADDING
    assert widths[2] > widths[1]  # spare room goes to the long text
