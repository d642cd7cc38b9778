// Symbol page: candlestick chart with volume and moving-average overlays (computed here from the bars), the
// five agents' detail and their synthesis, and how the user's past runs scored the stock.
import { h, clear, uid } from '../dom.js';
import { t, pick, locale, lang } from '../i18n.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { sma, ema } from '../indicators.js';
import {
  AGENTS, provenance, gradeBadge, regimeBadge, scoreBar, errorBox, loading, agentScore,
} from '../components.js';

const OVERLAYS = [
  { id: 'sma20', label: 'SMA 20', color: '#b45309', compute: (c) => sma(c, 20), on: true },
  { id: 'sma50', label: 'SMA 50', color: '#7c3aed', compute: (c) => sma(c, 50), on: true },
  { id: 'sma200', label: 'SMA 200', color: '#0f766e', compute: (c) => sma(c, 200), on: true },
  { id: 'ema20', label: 'EMA 20', color: '#be185d', compute: (c) => ema(c, 20), on: false },
];
const WINDOWS = [['3mo', 63], ['6mo', 126], ['1y', 252], ['all', Infinity]];

export function renderSymbol(container, { path }) {
  const symbol = decodeURIComponent(path[1] ?? '').toUpperCase();
  const title = h('h1', { class: 'view-title', tabindex: '-1', id: 'symbol-title' }, symbol);
  const chartSection = h('section', { class: 'card chart-card', 'aria-labelledby': 'chart-title' },
    h('h2', { id: 'chart-title' }, t('symbol.chart')), loading());
  const analysisSection = h('section', { class: 'analysis', id: 'analysis', 'aria-labelledby': 'analysis-title' },
    h('h2', { id: 'analysis-title' }, t('symbol.analysis')), loading());
  const timelineSection = h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('symbol.timeline')), loading());
  container.append(title, chartSection, analysisSection, timelineSection);

  let chart = null;
  api(`/api/market/bars/${encodeURIComponent(symbol)}?range=2y&interval=1d`).then((data) => {
    if (data.name) title.textContent = `${data.name} (${data.symbol})`;
    chart = drawChart(chartSection, data);
  }).catch((error) => {
    clear(chartSection).append(h('h2', { id: 'chart-title' }, t('symbol.chart')), errorBox(error));
  });

  api(`/api/analysis/${encodeURIComponent(symbol)}`).then((analysis) => {
    if (analysis.name && title.textContent === symbol) title.textContent = `${analysis.name} (${analysis.symbol})`;
    showAnalysis(analysisSection, analysis);
  }).catch((error) => {
    clear(analysisSection).append(h('h2', { id: 'analysis-title' }, t('symbol.analysis')), errorBox(error));
  });

  api(`/api/history/symbols/${encodeURIComponent(symbol)}`).then((timeline) => {
    showTimeline(timelineSection, timeline);
  }).catch((error) => {
    clear(timelineSection).append(h('h2', { id: 'timeline-title' }, t('symbol.timeline')), errorBox(error));
  });

  return () => { if (chart) chart.remove(); };
}

function drawChart(section, data) {
  const bars = data.bars ?? [];
  const currency = data.currency ?? fmt.currencyOf(data.symbol);
  clear(section).append(h('h2', { id: 'chart-title' }, t('symbol.chart')));
  if (bars.length === 0) {
    section.append(h('p', { class: 'empty' }, t('symbol.noBars')), provenance(data));
    return null;
  }
  const LW = window.LightweightCharts;
  if (!LW) {
    section.append(errorBox(new Error(t('symbol.chartUnavailable'))));
    return null;
  }
  // The reader's convention, like the tables (app.css): Korean rising red / falling blue, English rising green.
  const korean = lang() === 'ko';
  const upColor = korean ? '#d62d20' : '#15803d';
  const downColor = korean ? '#1d4ed8' : '#d62d20';
  const upVolume = korean ? 'rgba(214, 45, 32, 0.35)' : 'rgba(21, 128, 61, 0.35)';
  const downVolume = korean ? 'rgba(29, 78, 216, 0.35)' : 'rgba(214, 45, 32, 0.35)';
  const first = bars[0];
  const last = bars[bars.length - 1];

  const legend = h('p', { class: 'chart-legend', id: 'chart-legend', 'aria-live': 'off' });
  const holder = h('div', {
    class: 'chart', id: 'price-chart', role: 'img',
    'aria-label': t('symbol.chartLabel', {
      symbol: data.symbol, from: first.date, to: last.date, close: fmt.price(last.close, currency),
    }),
  });
  const controls = h('div', { class: 'chart-controls' });
  section.append(controls, holder, legend, provenance(data),
    h('p', { class: 'attribution' }, t('symbol.chartBy'), ' ',
      h('a', { href: 'https://www.tradingview.com/', rel: 'noopener noreferrer', target: '_blank' },
        'TradingView Lightweight Charts™')));

  const chart = LW.createChart(holder, {
    autoSize: true,
    layout: {
      attributionLogo: false, // the logo injects a <style> element the CSP forbids; the link is shown below instead
      background: { type: LW.ColorType.Solid, color: '#ffffff' },
      textColor: '#1f2937',
      fontFamily: getComputedStyle(document.body).fontFamily,
    },
    grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
    rightPriceScale: { borderVisible: false },
    timeScale: { borderVisible: false },
    localization: { locale: locale(), priceFormatter: (p) => fmt.price(p, currency) },
  });
  const candles = chart.addSeries(LW.CandlestickSeries, {
    upColor, downColor, wickUpColor: upColor, wickDownColor: downColor, borderVisible: false,
  });
  candles.setData(bars.map((b) => ({ time: b.date, open: b.open, high: b.high, low: b.low, close: b.close })));
  const volumeSeries = chart.addSeries(LW.HistogramSeries, {
    priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false,
  });
  volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  volumeSeries.setData(bars.map((b) => ({
    time: b.date, value: b.volume, color: b.close >= b.open ? upVolume : downVolume,
  })));

  const closes = bars.map((b) => b.close);
  const overlaySeries = {};
  const toggles = OVERLAYS.map((overlay) => {
    const values = overlay.compute(closes);
    const series = chart.addSeries(LW.LineSeries, {
      color: overlay.color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false,
      crosshairMarkerVisible: false, visible: overlay.on, title: overlay.label,
    });
    series.setData(bars.map((b, i) => (values[i] === null ? { time: b.date } : { time: b.date, value: values[i] })));
    overlaySeries[overlay.id] = series;
    const id = uid(overlay.id);
    return h('span', { class: `checkbox overlay overlay-${overlay.id}` },
      h('input', { type: 'checkbox', id, checked: overlay.on,
        onchange: (event) => series.applyOptions({ visible: event.target.checked }) }),
      h('label', { for: id }, overlay.label));
  });

  const windowId = uid('window');
  const windowSelect = h('select', { id: windowId },
    WINDOWS.map(([key]) => h('option', { value: key, selected: key === '1y' }, t(`symbol.window.${key}`))));
  const applyWindow = () => {
    const size = WINDOWS.find(([key]) => key === windowSelect.value)?.[1] ?? 252;
    if (!Number.isFinite(size) || size >= bars.length) chart.timeScale().fitContent();
    else chart.timeScale().setVisibleLogicalRange({ from: bars.length - size, to: bars.length - 1 });
  };
  windowSelect.addEventListener('change', applyWindow);
  controls.append(
    h('span', { class: 'inline-field' }, h('label', { for: windowId }, t('symbol.window')), windowSelect),
    h('fieldset', { class: 'overlays' }, h('legend', { class: 'visually-hidden' }, t('symbol.overlays')), toggles));
  applyWindow();

  const describe = (bar) => t('symbol.ohlc', {
    date: bar.date, open: fmt.price(bar.open, currency), high: fmt.price(bar.high, currency),
    low: fmt.price(bar.low, currency), close: fmt.price(bar.close, currency), volume: fmt.volume(bar.volume),
  });
  legend.textContent = describe(last);
  const byDate = new Map(bars.map((b) => [b.date, b]));
  chart.subscribeCrosshairMove((param) => {
    const key = param?.time;
    const bar = key ? byDate.get(typeof key === 'string' ? key : `${key.year}-${String(key.month).padStart(2, '0')}-${String(key.day).padStart(2, '0')}`) : null;
    legend.textContent = describe(bar ?? last);
  });
  return chart;
}

function showAnalysis(section, analysis) {
  const currency = fmt.currencyOf(analysis.market ?? analysis.symbol);
  clear(section).append(h('h2', { id: 'analysis-title' }, t('symbol.analysis')));
  const plan = analysis.riskPlan;
  section.append(h('div', { class: 'card synthesis', id: 'synthesis' },
    h('h3', {}, t('symbol.synthesis')),
    h('div', { class: 'synthesis-head' },
      h('div', { class: 'big-score' }, h('span', { class: 'label' }, t('results.composite')), scoreBar(analysis.composite)),
      h('div', {}, h('span', { class: 'label' }, t('results.grade')), ' ', gradeBadge(analysis.grade)),
      h('div', {}, h('span', { class: 'label' }, t('results.action')), ' ',
        h('strong', { class: `action action-${(analysis.action ?? '').toLowerCase()}` }, fmt.actionLabel(analysis.action))),
      h('div', {}, h('span', { class: 'label' }, t('symbol.regime')), ' ', regimeBadge(analysis.regime))),
    h('p', { class: 'rationale', id: 'rationale' }, pick(analysis.rationale) || t('results.noRationale')),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, t('symbol.lastClose')), h('dd', {}, fmt.price(analysis.lastClose, currency))),
      h('div', {}, h('dt', {}, t('symbol.sector')), h('dd', {}, analysis.sector ?? fmt.DASH)),
      plan ? h('div', {}, h('dt', {}, t('symbol.stopLevel')), h('dd', {}, fmt.price(plan.stopLevel, currency))) : null,
      plan ? h('div', {}, h('dt', {}, t('symbol.positionSize')),
        h('dd', {}, plan.positionSize === null || plan.positionSize === undefined ? fmt.DASH
          : t('symbol.shares', { n: fmt.number(plan.positionSize) }))) : null,
      plan ? h('div', {}, h('dt', {}, t('symbol.liquidity')),
        h('dd', {}, plan.liquid ? t('symbol.liquid') : t('symbol.illiquid'))) : null),
    weightsTable(analysis),
    provenance(analysis)));

  section.append(h('div', { class: 'agent-grid' }, AGENTS.map((name) => agentCard(name, analysis.agents?.[name],
    analysis.weights?.[name]))));
}

function weightsTable(analysis) {
  const weights = analysis.weights ?? {};
  const names = AGENTS.filter((name) => name in weights);
  if (names.length === 0) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'weights-table' },
    h('caption', {}, t('symbol.weights', { regime: fmt.regimeLabel(analysis.regime) })),
    h('thead', {}, h('tr', {}, names.map((name) => h('th', { scope: 'col', class: 'num' }, fmt.agentLabel(name))))),
    h('tbody', {}, h('tr', {}, names.map((name) => h('td', { class: 'num' }, fmt.share(weights[name], 0)))))));
}

function agentCard(name, agent, weight) {
  const abstained = !agent || agent.abstained;
  return h('article', { class: ['card', 'agent-card', abstained ? 'is-abstained' : ''], id: `agent-${name}`,
    'aria-labelledby': `agent-${name}-title` },
  h('h3', { id: `agent-${name}-title` }, fmt.agentLabel(name)),
  h('p', { class: 'agent-summary' }, agentScore(agent),
    weight !== undefined && weight !== null ? h('span', { class: 'weight' }, t('symbol.weight', { w: fmt.share(weight, 0) })) : null),
  h('p', { class: 'hint' }, t(`agent.about.${name}`)),
  h('ul', { class: 'signals' }, (agent?.signals ?? []).map((signal) => h('li', { 'data-code': signal.code },
    pick(signal.text) || signal.code))));
}

function showTimeline(section, timeline) {
  clear(section).append(h('h2', { id: 'timeline-title' }, t('symbol.timeline')));
  const points = timeline.points ?? [];
  if (points.length === 0) {
    section.append(h('p', { class: 'empty' }, t('symbol.noTimeline')));
    return;
  }
  section.append(h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('symbol.analysisDate')),
      h('th', { scope: 'col' }, t('history.universe')),
      h('th', { scope: 'col', class: 'num' }, t('results.rank')),
      h('th', { scope: 'col', class: 'num' }, t('results.composite')),
      h('th', { scope: 'col' }, t('results.grade')),
      h('th', { scope: 'col' }, t('history.run')))),
    h('tbody', {}, points.slice().reverse().map((point) => h('tr', {},
      h('td', {}, fmt.tradingDate(point.date)),
      h('td', {}, fmt.universeLabel(point.universe)),
      h('td', { class: 'num' }, String(point.rank)),
      h('td', { class: 'num' }, fmt.score(point.composite)),
      h('td', {}, gradeBadge(point.grade)),
      h('td', {}, h('a', { href: `#/history/run/${encodeURIComponent(point.runId)}` }, t('history.open')))))))));
}

