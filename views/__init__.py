"""View models: a page's query string in, everything needed to show or export it out.

Why a layer between pages and components: the same view is rendered on its page, exported as
PNG/SVG/CSV, embedded, put in a PDF pack and shown in presentation mode. Each ``views.<page>``
module turns a query into a ``ChartView`` once, so all of those agree exactly.
"""
