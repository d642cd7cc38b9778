#!/usr/bin/env python3
"""Builds market-data-service's bundled demo dataset from the recorded fixtures.

Run by hand (never from tests or at runtime), from the module directory:

    python3 tools/build_demo_dataset.py --fixtures ../../shared/fixtures \
        --out src/main/resources/demo-data

Standard library only. The output is deterministic (sorted rows, gzip mtime 0), so running it twice
gives byte-identical files and the same dataset version.

What it does (see demo-data/DATA-SOURCES.md for the why):
- copies price strings verbatim (no rounding, no repair); bad bars (halted, outside the KR +-30% limit,
  inconsistent OHLC) are NOT removed here: the service's loader flags and skips them at start-up, so a
  swapped dataset gets the same treatment;
- maps KRX codes to Yahoo symbols (.KS for KOSPI, .KQ for KOSDAQ) with the market from the KIS master;
- converts KIS master amounts from 100 million KRW to KRW and keeps each figure's own date.
"""
import argparse
import csv
import gzip
import hashlib
import io
import os
import sys
from datetime import date

KR_ASOF = "2025-06-16"
US_ASOF = "2026-02-25"
KR_INDEX_FROM = "2022-06-01"
KR_MASTER_DATE = "2026-07-22"          # KIS master download date = universe membership date
KR_MASTER_PRICE_DATE = "2026-07-21"    # base_price / market cap are the close of this day
SP500_LIST_DATE = "2026-08-08"          # datasets/s-and-p-500-companies commit date

KR_INDICES = [
    ("^KS11", "krx_index_kospi_ks11_daily.csv", "KOSPI Composite Index", "코스피"),
    ("^KQ11", "krx_index_kosdaq_kq11_daily.csv", "KOSDAQ Composite Index", "코스닥"),
    ("^KS200", "krx_index_kospi200_ks200_daily.csv", "KOSPI 200", "코스피 200"),
]
US_INDICES = [
    ("^GSPC", "GSPC.csv.gz", "S&P 500", "S&P 500"),
    ("^VIX", "VIX.csv.gz", "CBOE Volatility Index", "VIX 변동성 지수"),
]

SECURITY_COLUMNS = [
    "symbol", "code", "market", "exchange", "type", "currency", "universes", "name_ko", "name_en", "sector",
    "industry", "isin", "dart_corp_code", "listed_shares", "market_cap_krw", "market_cap_date",
    "revenue_krw", "operating_income_krw", "net_income_krw", "roe_pct", "fin_period_end", "settle_month",
    "halted", "administrative_issue", "liquidation_trading", "market_warning", "flags_date",
]


def read_csv(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def kr_symbol(code, market):
    if market == "KOSPI":
        return code + ".KS"
    if market == "KOSDAQ":
        return code + ".KQ"
    raise ValueError(f"unexpected KR market {market!r} for {code}")


def krw_from_100m(value):
    """KIS master amounts are in units of 100 million KRW; '' stays unknown."""
    if value is None or value.strip() == "":
        return ""
    return str(int(value) * 100_000_000)


def fin_period_end(ym):
    """fin_base_ym is YYYYMMDD (month end) in the master; '' when the master has no figures."""
    ym = (ym or "").strip()
    if not ym:
        return ""
    if len(ym) == 8:
        return f"{ym[0:4]}-{ym[4:6]}-{ym[6:8]}"
    if len(ym) == 6:
        raise ValueError(f"fin_base_ym without a day: {ym}")
    raise ValueError(f"unexpected fin_base_ym {ym!r}")


def write_gz(path, text):
    data = text.encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    return buf.getvalue()


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    fx = args.fixtures
    os.makedirs(args.out, exist_ok=True)

    # ---------- KR security master and universes ----------
    master = {r["code"]: r for r in read_csv(f"{fx}/universes/kr/krx_stock_master_kis_2026-07-22.csv")}
    k200 = read_csv(f"{fx}/universes/kr/kospi200_constituents_2026-07-22.csv")
    kq150 = read_csv(f"{fx}/universes/kr/kosdaq150_constituents_2026-07-22.csv")
    assert len(k200) == 200 and len(kq150) == 150

    securities = []  # ordered: KOSPI200 by rank, KOSDAQ150 by rank, SP500 by file order, extra US, indices
    symbol_of_code = {}
    for universe, members in (("KOSPI200", k200), ("KOSDAQ150", kq150)):
        for m in sorted(members, key=lambda r: int(r["rank_by_mcap"])):
            r = master[m["code"]]
            symbol = kr_symbol(r["code"], r["market"])
            symbol_of_code[r["code"]] = symbol
            if universe == "KOSPI200":
                sector = r["kospi200_sector_en"]
            else:
                sector = r["krx_industry_mid"] or r["krx_industry_large"] or r["ksic_industry_fdr"]
            fin_end = fin_period_end(r["fin_base_ym"])
            has_fin = fin_end != ""
            securities.append({
                "symbol": symbol, "code": r["code"], "market": "KR", "exchange": r["market"], "type": "STOCK",
                "currency": "KRW", "universes": universe, "name_ko": r["name_ko"], "name_en": r["name_en_dart"],
                "sector": sector, "industry": r["ksic_industry_fdr"], "isin": r["isin"],
                "dart_corp_code": r["dart_corp_code"],
                "listed_shares": str(int(r["listed_shares_thousand"]) * 1000) if r["listed_shares_thousand"] else "",
                "market_cap_krw": krw_from_100m(r["market_cap_100m_krw"]),
                "market_cap_date": KR_MASTER_PRICE_DATE if r["market_cap_100m_krw"] else "",
                # Without a reporting period the master writes 0 for every figure: that is "unknown", not zero.
                "revenue_krw": krw_from_100m(r["revenue_100m_krw"]) if has_fin else "",
                "operating_income_krw": krw_from_100m(r["operating_income_100m_krw"]) if has_fin else "",
                "net_income_krw": krw_from_100m(r["net_income_100m_krw"]) if has_fin else "",
                "roe_pct": r["roe_pct"] if has_fin else "",
                "fin_period_end": fin_end, "settle_month": r["settle_month"],
                "halted": r["halted"], "administrative_issue": r["administrative_issue"],
                "liquidation_trading": r["liquidation_trading"], "market_warning": r["market_warning"],
                "flags_date": KR_MASTER_DATE,
            })

    # ---------- US ----------
    sp500 = read_csv(f"{fx}/universes/us/sp500_constituents.csv")
    assert len(sp500) == 503
    us_files = sorted(f[:-len(".csv.gz")] for f in os.listdir(f"{fx}/us-ohlcv/sp500_daily") if f.endswith(".csv.gz"))
    assert len(us_files) == 503, len(us_files)
    members = set()
    for r in sp500:
        symbol = r["Symbol"].replace(".", "-")
        members.add(symbol)
        securities.append(us_security(symbol, r["Security"], r["GICS Sector"], r["GICS Sub-Industry"], "SP500"))
    tickers = {r["ticker"]: r for r in read_csv(f"{fx}/us-ohlcv/meta/tickers.csv")}
    for symbol in us_files:
        if symbol not in members:  # removed from the index after the bars were downloaded
            t = tickers[symbol]
            securities.append(us_security(symbol, t["security"], t["gics_sector"], t["gics_sub_industry"], ""))

    # ---------- indices ----------
    for symbol, _, name_en, name_ko in KR_INDICES:
        securities.append(index_security(symbol, "KR", "KRX", "KRW", name_en, name_ko))
    for symbol, _, name_en, name_ko in US_INDICES:
        securities.append(index_security(symbol, "US", "SNP" if symbol == "^GSPC" else "CBOE", "USD", name_en, name_ko))

    # ---------- KR bars ----------
    kr_rows = []
    for r in read_csv(f"{fx}/kr-ohlcv/pykrx_daily_2023-12-05_2025-06-16_kospi200_kosdaq150.csv.gz"):
        symbol = symbol_of_code.get(r["code"])
        if symbol is None:
            raise SystemExit(f"pykrx code {r['code']} is not a KOSPI200/KOSDAQ150 member")
        if r["date"] > KR_ASOF:
            continue
        kr_rows.append((symbol, r["date"], r["open"], r["high"], r["low"], r["close"], r["volume"]))
    for symbol, name, _, _ in KR_INDICES:
        for r in read_csv(f"{fx}/kr-ohlcv/{name}"):
            if KR_INDEX_FROM <= r["Date"] <= KR_ASOF:
                kr_rows.append((symbol, r["Date"], r["Open"], r["High"], r["Low"], r["Close"], int_volume(r["Volume"])))
    kr_rows.sort(key=lambda x: (x[0], x[1]))

    # ---------- US bars ----------
    us_rows = []
    for symbol in us_files:
        for r in read_csv(f"{fx}/us-ohlcv/sp500_daily/{symbol}.csv.gz"):
            if r["Date"] <= US_ASOF:
                us_rows.append((symbol, r["Date"], r["Open"], r["High"], r["Low"], r["Close"], int_volume(r["Volume"])))
    for symbol, name, _, _ in US_INDICES:
        for r in read_csv(f"{fx}/us-ohlcv/index/{name}"):
            if r["Date"] <= US_ASOF:
                us_rows.append((symbol, r["Date"], r["Open"], r["High"], r["Low"], r["Close"], int_volume(r["Volume"])))
    us_rows.sort(key=lambda x: (x[0], x[1]))

    header = ["symbol", "date", "open", "high", "low", "close", "volume"]
    digest = hashlib.sha256()
    outputs = {
        "bars-kr.csv.gz": csv_text(header, kr_rows),
        "bars-us.csv.gz": csv_text(header, us_rows),
        "securities.csv.gz": csv_text(SECURITY_COLUMNS, [[s[c] for c in SECURITY_COLUMNS] for s in securities]),
    }
    for name, text in outputs.items():
        digest.update(name.encode())
        digest.update(text.encode("utf-8"))
        write_gz(os.path.join(args.out, name), text)

    kr_last = max(r[1] for r in kr_rows)
    us_last = max(r[1] for r in us_rows)
    assert kr_last == KR_ASOF and us_last == US_ASOF, (kr_last, us_last)
    manifest = "\n".join([
        "# Written by tools/build_demo_dataset.py; do not edit by hand.",
        f"version={digest.hexdigest()[:12]}",
        f"asOf.KR={KR_ASOF}",
        f"asOf.US={US_ASOF}",
        "universe.KOSPI200.name=KOSPI 200",
        "universe.KOSPI200.market=KR",
        f"universe.KOSPI200.asOf={KR_MASTER_DATE}",
        "universe.KOSDAQ150.name=KOSDAQ 150",
        "universe.KOSDAQ150.market=KR",
        f"universe.KOSDAQ150.asOf={KR_MASTER_DATE}",
        "universe.SP500.name=S&P 500",
        "universe.SP500.market=US",
        f"universe.SP500.asOf={SP500_LIST_DATE}",
        "files=securities.csv.gz,bars-kr.csv.gz,bars-us.csv.gz",
        "",
    ])
    with open(os.path.join(args.out, "manifest.properties"), "w", encoding="utf-8", newline="\n") as f:
        f.write(manifest)

    kr_symbols = {r[0] for r in kr_rows}
    us_symbols = {r[0] for r in us_rows}
    no_bars = [s["symbol"] for s in securities if s["symbol"] not in kr_symbols | us_symbols]
    print(f"securities={len(securities)} kr_rows={len(kr_rows)} kr_series={len(kr_symbols)} "
          f"us_rows={len(us_rows)} us_series={len(us_symbols)} version={digest.hexdigest()[:12]}")
    print("members without bars:", " ".join(no_bars))
    return 0


def int_volume(v):
    """Volumes written as '123.0' become '123'; an empty volume stays empty (unknown)."""
    v = v.strip()
    if v == "":
        return ""
    f = float(v)
    if f != int(f):
        raise ValueError(f"fractional volume {v}")
    return str(int(f))


def us_security(symbol, name, sector, industry, universe):
    return {c: "" for c in SECURITY_COLUMNS} | {
        "symbol": symbol, "code": symbol, "market": "US", "exchange": "", "type": "STOCK", "currency": "USD",
        "universes": universe, "name_en": name, "sector": sector, "industry": industry,
    }


def index_security(symbol, market, exchange, currency, name_en, name_ko):
    return {c: "" for c in SECURITY_COLUMNS} | {
        "symbol": symbol, "code": symbol, "market": market, "exchange": exchange, "type": "INDEX",
        "currency": currency, "name_en": name_en, "name_ko": name_ko,
    }


if __name__ == "__main__":
    sys.exit(main())
