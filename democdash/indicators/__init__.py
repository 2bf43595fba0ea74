"""Country-year indicators beside our sourced records: V-Dem's indices and any dataset an
analyst imports (a CSV with a sidecar that says what its columns mean and how to cite it).

- `spec`: the sidecar (producer, version, citation, licence, each column's meaning, range,
  unit and which direction is better).
- `codes`: which country codes a file may use and how they map to our country ids.
- `read`: reading and checking a file, every bad row named by line and column.
- `table`: the checked values, asked by country, year and column.
"""
