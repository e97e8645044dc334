// load_dm_sam.py of the complete package: a pandas loader that reads every CSV
// with only empty cells as missing (NK, ND, NAP and initials such as "NA" stay
// text) and the types of columns.csv — integers as nullable Int64, decimals as
// floats, full dates as dates, date-times in UTC, partial dates and codes as
// text; choices optionally as categoricals with their FR or EN labels.
export const PYTHON_LOADER = `"""Load the DM-SAM export package with pandas, with the types of columns.csv.

    from load_dm_sam import load
    cases = load("cases")                      # every column typed; choices as coded text
    lines = load("treatment_lines", labels="en")  # choices as categoricals with English labels

Only an empty cell is missing: the missing-data codes NK, ND, NAP and initials such as "NA"
stay text (pandas' default would read "NA" as NaN).
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def _read(path, **kwargs):
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, **kwargs)


def columns(folder=HERE):
    """columns.csv: one row per column of every table (type, labels, value labels)."""
    return _read(os.path.join(folder, "columns.csv"))


def value_labels(text):
    """'code = label | code = label' as a dict, in the dictionary's order."""
    out = {}
    for part in text.split(" | ") if text else []:
        code, _, label = part.partition(" = ")
        out[code] = label
    return out


def load(table="cases", folder=HERE, labels=None):
    """One table of the package (cases or a block), typed; labels='fr' or 'en' labels the choices."""
    book = columns(folder)
    book = book[book["table"] == table]
    data = _read(os.path.join(folder, table + ".csv"), na_values=[""])
    for _, c in book.iterrows():
        name, kind = c["column"], c["type"]
        if name not in data.columns:
            continue
        s = data[name]
        if kind == "integer":
            data[name] = pd.to_numeric(s).astype("Int64")
        elif kind == "decimal":
            data[name] = pd.to_numeric(s).astype("float64")
        elif kind == "date":
            data[name] = pd.to_datetime(s, format="%Y-%m-%d")
        elif kind == "datetime":
            data[name] = pd.to_datetime(s, utc=True)
        elif kind == "choice" and labels in ("fr", "en") and c["value_labels_" + labels]:
            named = value_labels(c["value_labels_" + labels])
            data[name] = pd.Categorical(s.map(named), categories=list(dict.fromkeys(named.values())))
        else:
            data[name] = s.astype("string")
    data.attrs["labels"] = dict(zip(book["column"], book["label_" + (labels or "fr")]))
    return data
`;
