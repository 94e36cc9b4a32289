"""Deterministic demo city: a believable Tashkent for development, tests and benchmarks.

``python manage.py build_demo_city --parcels N --seed S`` builds it; the same N and S always
give the same city (numbers, names, geometries, dates).

How it is laid out (storage CRS, metres, centred on 41.31 N 69.28 E):

- Straight streets cut the city into a grid: vertical streets every 170-250 m, horizontal ones
  every 95-130 m, every fifth to seventh line a 36-44 m avenue, the others 14-20 m wide. The
  city is the set of grid cells nearest the centre inside a wavy, slightly north-south outline,
  just enough cells for N parcels (layout.py).
- A cadastral block is a grid cell minus half of each street around it. Districts, cadastral
  zones and mahallas are unions of whole grid cells, so their boundaries run along street centre
  lines and every level nests exactly in the one above. The twelve districts are a balanced
  power diagram of their real centres, so each lies where it does in Tashkent; zones and
  mahallas are compact groups made by recursive bisection. Cadastral numbers follow
  10:district:zone:massif(mahalla):block:parcel[:building[:unit]].
- Each block holds two back-to-back rows of parcels split by a slanted middle line and cut by
  slanted lines from the street; both rows share every vertex on the middle line, so parcels
  tessellate the block exactly (parcels.py). Houses fill most blocks; some blocks are apartment
  estates, schools and clinics, parks, bazaars or works. Buildings are their parcel shrunk
  toward a point near the street front (buildings.py).
- Parties, documents, rights, restrictions and responsibilities follow the land use
  (registry/); roads run on the street centre lines and utilities beside them, with cameras on
  some crossings (networks.py).
- Everything is generated with numpy and loaded with COPY in one transaction (build.py,
  load.py).
"""
