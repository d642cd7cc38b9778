#!/usr/bin/env python3
"""Builds the market-data stub fixtures for agent-service tests from REAL recorded KRX data.

Run from the repository root (needs the shared fixtures beside the work tree):

    python3 agent-service/src/test/resources/market-data/generate.py ../shared/fixtures

Writes, next to this script, in the JSON shape of market-data-service's internal API:
  universe-KOSPI200.json, universe-KOSDAQ150.json, universe-SP500.json  (GET /internal/universes/{id})
  bars-KR.json, bars-US.json  (the full series the stub serves from; POST /internal/bars trims to `days`)

Sources (unmodified values):
  kr-ohlcv/pykrx_daily_2023-12-05_2025-06-16_kospi200_kosdaq150.csv.gz  daily OHLCV per stock (KRX, unadjusted:
      adjClose = close, as the demo market-data-service reports for this file)
  kr-ohlcv/krx_index_kospi_ks11_daily.csv, krx_index_kosdaq_kq11_daily.csv  ^KS11 / ^KQ11
  universes/kr/kospi200_constituents_2026-07-22.csv, kosdaq150_constituents_2026-07-22.csv  names, sectors, caps
  us-ohlcv/sp500_daily/<TICKER>.csv.gz  yfinance daily OHLC, already split/dividend-adjusted (adjClose = close)
  us-ohlcv/index/GSPC.csv.gz, VIX.csv.gz  ^GSPC / ^VIX
  universes/us/sp500_constituents.csv  names and GICS sectors (no market caps in the source: marketCap null)
Also here, NOT written by this script: fundamentals-KR.json and fundamentals-US.json are market-data-service's own
answers to POST /internal/fundamentals for exactly these 45 stocks (asOf 2025-06-16 and 2026-02-25), recorded from
its bundled point-in-time dataset (branch pit-fundamentals, issue 18); see market-data-service's
demo-data/DATA-SOURCES.md for where those figures come from.

The slice: the 20 largest KOSPI 200 and the 10 largest KOSDAQ 150 members that have a complete series, bars up to
the KR demo "today" 2025-06-16; 15 S&P 500 members across sectors, bars up to the US demo "today" 2026-02-25.
"""
import csv, gzip, json, os, sys
from collections import defaultdict

fx = sys.argv[1] if len(sys.argv) > 1 else '../shared/fixtures'
out = os.path.dirname(os.path.abspath(__file__))
TODAY = '2025-06-16'
INDEX_DAYS = 520

rows = defaultdict(list)
with gzip.open(f'{fx}/kr-ohlcv/pykrx_daily_2023-12-05_2025-06-16_kospi200_kosdaq150.csv.gz', 'rt', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        rows[r['code']].append(r)
full_len = max(len(v) for v in rows.values())

def pick(path, count, suffix, sector_of):
    members = []
    with open(path, encoding='utf-8') as f:
        for r in sorted(csv.DictReader(f), key=lambda r: int(r['rank_by_mcap'])):
            bars = rows.get(r['code'], [])
            if len(bars) != full_len or any(b['close'] in ('', '0') for b in bars):
                continue
            members.append({'symbol': r['code'] + suffix, 'code': r['code'], 'name': r['name_ko'],
                            'nameKo': r['name_ko'], 'nameEn': r['name_en_dart'], 'market': r['market'],
                            'sector': sector_of(r), 'marketCap': float(r['market_cap_100m_krw']) * 1e8})
            if len(members) == count:
                break
    return members

kospi = pick(f'{fx}/universes/kr/kospi200_constituents_2026-07-22.csv', 20, '.KS',
             lambda r: r['kospi200_sector_en'] or None)
kosdaq = pick(f'{fx}/universes/kr/kosdaq150_constituents_2026-07-22.csv', 10, '.KQ',
              lambda r: r['krx_industry_mid'] or r['krx_industry_large'] or None)
for uid, name, members in (('KOSPI200', 'KOSPI 200', kospi), ('KOSDAQ150', 'KOSDAQ 150', kosdaq)):
    with open(f'{out}/universe-{uid}.json', 'w', encoding='utf-8') as f:
        json.dump({'id': uid, 'name': name, 'market': 'KR', 'asOf': TODAY, 'source': 'demo', 'members': members},
                  f, ensure_ascii=False, indent=1)

def num(s):
    return None if s == '' else float(s)

series = {}
for m in kospi + kosdaq:
    bars = [b for b in rows[m['code']] if b['date'] <= TODAY]
    series[m['symbol']] = {'symbol': m['symbol'], 'currency': 'KRW', 'dates': [b['date'] for b in bars],
                           'open': [num(b['open']) for b in bars], 'high': [num(b['high']) for b in bars],
                           'low': [num(b['low']) for b in bars], 'close': [num(b['close']) for b in bars],
                           'adjClose': [num(b['close']) for b in bars], 'volume': [num(b['volume']) for b in bars]}
for symbol, path in (('^KS11', 'krx_index_kospi_ks11_daily.csv'), ('^KQ11', 'krx_index_kosdaq_kq11_daily.csv')):
    with open(f'{fx}/kr-ohlcv/{path}', encoding='utf-8') as f:
        bars = [r for r in csv.DictReader(f) if r['Date'] <= TODAY][-INDEX_DAYS:]
    series[symbol] = {'symbol': symbol, 'currency': 'KRW', 'dates': [b['Date'] for b in bars],
                      'open': [num(b['Open']) for b in bars], 'high': [num(b['High']) for b in bars],
                      'low': [num(b['Low']) for b in bars], 'close': [num(b['Close']) for b in bars],
                      'adjClose': [num(b['Close']) for b in bars], 'volume': [num(b['Volume']) for b in bars]}
with open(f'{out}/bars-KR.json', 'w', encoding='utf-8') as f:
    json.dump({'source': 'demo', 'asOf': {'KR': TODAY}, 'series': series}, f, ensure_ascii=False, separators=(',', ':'))
print(f'{len(kospi)} KOSPI200 + {len(kosdaq)} KOSDAQ150 members, {full_len} bars each; indices {INDEX_DAYS} bars')

# --- US ---------------------------------------------------------------------------------------------------------
US_TODAY = '2026-02-25'
US_DAYS = 420
US_TICKERS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'JPM', 'XOM', 'JNJ', 'PG', 'KO', 'CAT', 'NEE', 'AMT', 'LIN', 'HD']
with open(f'{fx}/universes/us/sp500_constituents.csv', encoding='utf-8') as f:
    constituents = {r['Symbol'].replace('.', '-'): r for r in csv.DictReader(f)}

def us_rows(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        return [r for r in csv.DictReader(f) if r['Date'] <= US_TODAY][-US_DAYS:]

def us_series(symbol, bars):
    return {'symbol': symbol, 'currency': 'USD', 'dates': [b['Date'] for b in bars],
            'open': [num(b['Open']) for b in bars], 'high': [num(b['High']) for b in bars],
            'low': [num(b['Low']) for b in bars], 'close': [num(b['Close']) for b in bars],
            'adjClose': [num(b['Close']) for b in bars], 'volume': [num(b['Volume']) for b in bars]}

us_members, us_series_map = [], {}
for t in US_TICKERS:
    c = constituents[t]
    us_members.append({'symbol': t, 'code': t, 'name': c['Security'], 'nameKo': None, 'nameEn': c['Security'],
                       'market': 'US', 'sector': c['GICS Sector'], 'marketCap': None})
    us_series_map[t] = us_series(t, us_rows(f'{fx}/us-ohlcv/sp500_daily/{t}.csv.gz'))
for symbol, file in (('^GSPC', 'GSPC.csv.gz'), ('^VIX', 'VIX.csv.gz')):
    us_series_map[symbol] = us_series(symbol, us_rows(f'{fx}/us-ohlcv/index/{file}'))
with open(f'{out}/universe-SP500.json', 'w', encoding='utf-8') as f:
    json.dump({'id': 'SP500', 'name': 'S&P 500', 'market': 'US', 'asOf': US_TODAY, 'source': 'demo',
               'members': us_members}, f, ensure_ascii=False, indent=1)
with open(f'{out}/bars-US.json', 'w', encoding='utf-8') as f:
    json.dump({'source': 'demo', 'asOf': {'US': US_TODAY}, 'series': us_series_map}, f, ensure_ascii=False,
              separators=(',', ':'))
print(f'{len(us_members)} SP500 members, {US_DAYS} bars each with indices')
