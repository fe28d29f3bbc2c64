#!/usr/bin/env python3
"""make_population_seed.py - builds seeds/population.csv from the bureau's
population by region (shared/data/kz_population_by_region.csv).

Usage: tools/make_population_seed.py SOURCE.csv > seeds/population.csv

The source (see shared/data/README.md, section 5) is the Bureau of National
Statistics' table as kept by open-data-kazakhstan/population-projections-
by-regions (archive/kazpop.csv, commit 2568e4140d8527c5e501619440ae4eb2e769275a):
columns Область,Год,Население. This script only reshapes it:
  - region names are kept as the bureau wrote them (oblys folds the
    spellings: "Туркестанская 1", "Республика Казахстан " and "г. Шымкент"
    are found as they are), except one: the footnote "1" on Туркестанская
    says the row held South Kazakhstan before Shymkent was split off. The
    2016 row (2 840 871, before Shymkent's own row appears in 2017) is
    therefore written as South Kazakhstan;
  - "744420.0" is written 744420 (the source stores whole persons as
    floats);
  - nothing is computed or rounded.
"""
import csv
import sys

SOURCE = ('BNS population by region, via open-data-kazakhstan/population-projections-by-regions '
          'archive/kazpop.csv @2568e41')


def main():
    rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
    header, body = rows[0], rows[1:]
    if header != ['Область', 'Год', 'Население']:
        sys.exit(f'unexpected header {header}')
    shymkent_years = {int(y) for name, y, _ in body if 'Шымкент' in name}
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['region', 'year', 'persons', 'source'])
    for name, year, persons in body:
        y = int(year)
        if name.startswith('Туркестанская') and y < min(shymkent_years):
            name = 'South Kazakhstan'
        value = float(persons)
        if value != int(value):
            sys.exit(f'{name} {year}: {persons} is not a whole number of persons')
        out.writerow([name, y, int(value), SOURCE])


if __name__ == '__main__':
    main()
