// Number, money and date formatting in the chosen language. Unknown values (null) are shown as an em dash,
// never as zero.
import { lang, locale, t, has } from './i18n.js';

export const DASH = '—';

function known(value) {
  return value !== null && value !== undefined && Number.isFinite(Number(value));
}

export function number(value, digits = 0) {
  if (!known(value)) return DASH;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(Number(value));
}

/** A 0-100 score with one decimal. */
export function score(value) {
  return known(value) ? number(value, 1) : DASH;
}

/** A fraction as a signed percentage: 0.0123 → "+1.23%". */
export function percent(fraction, digits = 2) {
  if (!known(fraction)) return DASH;
  const value = Number(fraction) * 100;
  const formatted = new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero',
  }).format(value);
  return `${formatted}%`;
}

/** A share (0..1) as an unsigned percentage: 0.55 → "55.0%". */
export function share(fraction, digits = 1) {
  if (!known(fraction)) return DASH;
  return `${number(Number(fraction) * 100, digits)}%`;
}

export function currencyOf(symbolOrMarket) {
  if (!symbolOrMarket) return 'USD';
  const s = String(symbolOrMarket).toUpperCase();
  return s === 'KR' || s === 'KRW' || s.endsWith('.KS') || s.endsWith('.KQ') ? 'KRW' : 'USD';
}

/** A price in its currency: ₩71,300 / $182.52. */
export function price(value, currency = 'USD') {
  if (!known(value)) return DASH;
  const krw = currency === 'KRW';
  return new Intl.NumberFormat(locale(), {
    style: 'currency', currency, currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: krw ? 0 : 2, maximumFractionDigits: krw ? 0 : 2,
  }).format(Number(value));
}

/**
 * A large amount (market cap, traded value). Korean: 조/억 units (₩412조 3,456억); English: T/B/M
 * (₩412.3T, $3.1B).
 */
export function bigMoney(value, currency = 'USD') {
  if (!known(value)) return DASH;
  const v = Number(value);
  const symbol = currency === 'KRW' ? '₩' : '$';
  if (lang() === 'ko') {
    const jo = Math.floor(Math.abs(v) / 1e12);
    const eok = Math.round((Math.abs(v) % 1e12) / 1e8);
    const sign = v < 0 ? '-' : '';
    if (jo > 0) return `${sign}${symbol}${number(jo)}조${eok > 0 ? ` ${number(eok)}억` : ''}`;
    if (Math.abs(v) >= 1e8) return `${sign}${symbol}${number(Math.abs(v) / 1e8)}억`;
    if (Math.abs(v) >= 1e4) return `${sign}${symbol}${number(Math.abs(v) / 1e4)}만`;
    return `${sign}${symbol}${number(Math.abs(v))}`;
  }
  const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) {
    if (Math.abs(v) >= size) return `${symbol}${number(v / size, 1)}${unit}`;
  }
  return `${symbol}${number(v)}`;
}

/** Trading volume: 12,345,678 / 1,234만 (ko) / 12.3M (en). */
export function volume(value) {
  if (!known(value)) return DASH;
  const v = Number(value);
  if (lang() === 'ko') {
    if (v >= 1e8) return `${number(v / 1e8, 1)}억`;
    if (v >= 1e4) return `${number(v / 1e4)}만`;
    return number(v);
  }
  if (v >= 1e9) return `${number(v / 1e9, 1)}B`;
  if (v >= 1e6) return `${number(v / 1e6, 1)}M`;
  if (v >= 1e3) return `${number(v / 1e3, 1)}K`;
  return number(v);
}

/** An ISO instant in the user's time zone: 2026. 11. 26. 오후 5:30 / Nov 26, 2026, 5:30 PM. */
export function dateTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A trading date (YYYY-MM-DD) is shown as is: it is the market's own calendar day, not an instant. */
export function tradingDate(value) {
  return value ? String(value) : DASH;
}

export function regimeLabel(regime) {
  return regime ? t(`regime.${regime}`) : DASH;
}

export function volatilityLabel(volatility) {
  return volatility ? t(`volatility.${volatility}`) : DASH;
}

export function actionLabel(action) {
  return action ? t(`action.${action}`) : DASH;
}

export function agentLabel(agent) {
  return t(`agent.${agent}`);
}

export function universeLabel(universe) {
  if (!universe) return t('universe.custom');
  return has(`universe.${universe}`) ? t(`universe.${universe}`) : String(universe);
}

export function marketLabel(market) {
  return market ? t(`market.${market}`) : DASH;
}
