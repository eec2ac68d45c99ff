"""Financial years (1 April to 31 March), named by the year they start in and written as the seed
writes them ("2016-17"): training counts, budgets and the annual report share them."""

import datetime


def financial_year(day):
    """The financial year a date falls in, by the year it starts: 1 April 2016 to 31 March 2017 is 2016."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(year):
    """2016 -> "2016-17", as the seed writes a financial year."""
    return f"{year}-{(year + 1) % 100:02d}"


def year_range(year):
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
