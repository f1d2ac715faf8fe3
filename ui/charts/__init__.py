"""Small QPainter charts: stacked bars, lines, labelled bars and a year calendar.

`base` has the Chart widget (palette colours, hatching, keyboard walk, tooltips) and the
ChartCard that shows a chart beside a table of its numbers; `axis`, `bars` and
`calendar` are the kinds of chart the Insights tab draws.
"""
