#!/usr/bin/env python3
"""Builds the point-in-time fundamentals of the demo dataset from the recorded fixtures.

Run by hand (never from tests or at runtime), from the module directory:

    python3 tools/build_fundamentals_bundle.py --fixtures ../../shared/fixtures \
        --out src/main/resources/demo-data

Standard library only; deterministic (sorted rows, gzip mtime 0). It only trims: rows of securities
the demo master knows, the columns the service reads. Values and dates are copied verbatim (an empty
cell stays empty: unknown, never zero). See demo-data/DATA-SOURCES.md for provenance and PIT rules.
"""
import argparse
import csv
import gzip
import io
import os

US_COLUMNS = ["symbol", "period_type", "fiscal_year", "fiscal_quarter", "period_end", "revenue",
              "operating_income", "net_income", "total_liabilities", "total_equity", "diluted_shares_wavg",
              "q4_derived", "available_from", "available_basis"]
KR_COLUMNS = ["symbol", "period_type", "fiscal_year", "period_end", "statement_scope", "revenue",
              "operating_income", "net_income", "total_equity", "total_liabilities", "first_public_deadline",
              "source_report_deadline", "source_report"]
KR_SHARES_COLUMNS = ["master_date", "symbol", "listed_shares"]


def read_gz_csv(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_gz_csv(path, columns, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    print(f"{path}: {len(rows)} rows")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fixtures", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    src = os.path.join(a.fixtures, "fundamentals")

    securities = read_gz_csv(os.path.join(a.out, "securities.csv.gz"))
    us_symbols = {s["symbol"] for s in securities if s["market"] == "US" and s["type"] == "STOCK"}
    kr_by_code = {s["code"]: s["symbol"] for s in securities if s["market"] == "KR" and s["type"] == "STOCK"}

    us = []
    for r in read_gz_csv(os.path.join(src, "us_fundamentals_sec.csv.gz")):
        # BNY files as BNY; its bars are under the old ticker BK: both symbols get the rows
        for symbol in sorted({r["ticker"], r["ohlcv_ticker"]} & us_symbols):
            us.append([symbol] + [r[c] for c in US_COLUMNS[1:]])
    us.sort(key=lambda x: (x[0], x[4], x[1], x[12]))
    write_gz_csv(os.path.join(a.out, "fundamentals-us.csv.gz"), US_COLUMNS, us)

    kr = []
    for r in read_gz_csv(os.path.join(src, "kr_fundamentals_dart.csv.gz")):
        symbol = kr_by_code.get(r["code"])
        if symbol:
            kr.append([symbol] + [r[c] for c in KR_COLUMNS[1:]])
    kr.sort(key=lambda x: (x[0], x[2], x[1], x[4], x[11], x[10]))
    write_gz_csv(os.path.join(a.out, "fundamentals-kr.csv.gz"), KR_COLUMNS, kr)

    shares = []
    for r in read_gz_csv(os.path.join(src, "kr_kis_master_snapshots.csv.gz")):
        symbol = kr_by_code.get(r["code"])
        if symbol and r["listed_shares_thousand"]:
            shares.append([r["master_date"], symbol, str(int(r["listed_shares_thousand"]) * 1000)])
    shares.sort(key=lambda x: (x[1], x[0]))
    write_gz_csv(os.path.join(a.out, "shares-kr.csv.gz"), KR_SHARES_COLUMNS, shares)


if __name__ == "__main__":
    main()
