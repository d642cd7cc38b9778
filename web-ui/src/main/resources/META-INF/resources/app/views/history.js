// History: the user's runs (filters, cursor pagination, CSV export), one run's details, and the scorecard of how
// past picks actually did.
import { h, clear, uid } from '../dom.js';
import { t } from '../i18n.js';
import { api, query, download } from '../api.js';
import * as fmt from '../format.js';
import {
  AGENTS, provenance, gradeBadge, regimeBadge, resultsTable, errorBox, loading, field, showFormErrors,
  clearFormErrors, signedClass,
} from '../components.js';

const GRADES = ['A', 'B', 'C', 'D', 'F'];
const UNIVERSES = ['KOSPI200', 'KOSDAQ150', 'SP500'];
const FILTERS = ['symbol', 'grade', 'universe', 'from', 'to'];
const PAGE_SIZE = 20;
/** Below this many measured picks a hit rate or an average says nothing: shown as n/a. */
export const MIN_SAMPLES = 10;

export function renderHistory(container, { params, navigate }) {
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? '']));
  const form = filterForm(filters, navigate);
  const listHolder = h('div', { id: 'history-list' }, loading());
  const exportButton = h('button', { type: 'button', class: 'button', id: 'history-export' }, t('history.exportAll'));
  const exportStatus = h('span', { class: 'hint', role: 'status' });
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const name = await download(`/api/history/export${query(filters)}`, 'stockradar-history.csv');
      exportStatus.textContent = t('history.downloaded', { name });
    } catch (error) {
      exportStatus.textContent = '';
      listHolder.prepend(errorBox(error));
    } finally {
      exportButton.disabled = false;
    }
  });

  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('history.title')),
    h('p', {}, h('a', { href: '#/scorecard' }, t('history.toScorecard'))),
    form,
    h('section', { class: 'card', 'aria-labelledby': 'history-list-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'history-list-title' }, t('history.runs')),
        h('div', { class: 'actions' }, exportButton, exportStatus)),
      listHolder));

  const table = h('table', { class: 'history-table' },
    h('caption', { class: 'visually-hidden' }, t('history.runs')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('history.createdAt')),
      h('th', { scope: 'col' }, t('history.universe')),
      h('th', { scope: 'col' }, t('history.regime')),
      h('th', { scope: 'col', class: 'num' }, t('history.resultCount')),
      h('th', { scope: 'col' }, t('history.top')),
      h('th', { scope: 'col' }, t('history.data')),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('history.open'))))));
  const body = h('tbody');
  table.append(body);
  const moreButton = h('button', { type: 'button', class: 'button', id: 'history-more', hidden: true }, t('history.more'));
  const pageStatus = h('p', { class: 'hint', role: 'status' });

  const loadPage = async (cursor) => {
    moreButton.disabled = true;
    try {
      const page = await api(`/api/history${query({ ...filters, limit: PAGE_SIZE, cursor })}`);
      if (!cursor) {
        clear(listHolder);
        if ((page.items ?? []).length === 0) {
          listHolder.append(h('p', { class: 'empty' }, t('history.empty')));
          return;
        }
        listHolder.append(h('div', { class: 'table-wrap' }, table), moreButton, pageStatus);
      }
      for (const item of page.items ?? []) body.append(historyRow(item));
      pageStatus.textContent = t('history.shown', { n: body.children.length });
      moreButton.hidden = !page.nextCursor;
      moreButton.onclick = () => loadPage(page.nextCursor);
    } catch (error) {
      if (!cursor) {
        clear(listHolder);
        if (!showFormErrors(form, error)) listHolder.append(errorBox(error));
      } else {
        listHolder.append(errorBox(error));
      }
    } finally {
      moreButton.disabled = false;
    }
  };
  loadPage(null);
}

function filterForm(filters, navigate) {
  const gradeOptions = [h('option', { value: '' }, t('history.any')), GRADES.map((g) => h('option', { value: g }, g))];
  const universeOptions = [h('option', { value: '' }, t('history.any')),
    UNIVERSES.map((u) => h('option', { value: u }, fmt.universeLabel(u)))];
  const form = h('form', { class: 'card filter-form', novalidate: true, role: 'search', 'aria-label': t('history.filters') },
    h('p', { class: 'form-alert alert alert-error', role: 'alert', hidden: true }),
    h('div', { class: 'form-grid' },
      field(t('history.symbol'), { name: 'symbol', 'data-field': 'symbol', value: filters.symbol, placeholder: '005930.KS' }),
      field(t('history.grade'), { tag: 'select', name: 'grade', 'data-field': 'grade', options: gradeOptions }),
      field(t('history.universe'), { tag: 'select', name: 'universe', 'data-field': 'universe', options: universeOptions }),
      field(t('history.from'), { name: 'from', 'data-field': 'from', type: 'date', value: filters.from }),
      field(t('history.to'), { name: 'to', 'data-field': 'to', type: 'date', value: filters.to })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary' }, t('history.apply')),
      h('a', { href: '#/history', class: 'button' }, t('history.reset'))));
  form.grade.value = filters.grade;
  form.universe.value = filters.universe;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const next = Object.fromEntries(FILTERS.map((key) => [key, form[key].value.trim()]));
    navigate(`#/history${query(next)}`);
  });
  return form;
}

function historyRow(item) {
  return h('tr', { 'data-run-id': item.runId },
    h('td', {}, fmt.dateTime(item.createdAt)),
    h('td', {}, fmt.universeLabel(item.universe)),
    h('td', {}, item.regime ? regimeBadge(item.regime.regime) : fmt.DASH),
    h('td', { class: 'num' }, fmt.number(item.resultCount)),
    h('td', {}, h('ol', { class: 'top-list' }, (item.top ?? []).slice(0, 5).map((top) => h('li', {},
      h('a', { href: `#/symbol/${encodeURIComponent(top.symbol)}` }, top.name ?? top.symbol), ' ', gradeBadge(top.grade))))),
    h('td', {}, provenance({ source: item.source, asOf: item.dataAsOf, label: 'provenance.dataAsOf' })),
    h('td', {}, h('a', { href: `#/history/run/${encodeURIComponent(item.runId)}`, class: 'open-run' }, t('history.open'))));
}

export function renderHistoryRun(container, { path, navigate }) {
  const runId = decodeURIComponent(path[2] ?? '');
  const holder = h('div', {}, loading());
  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('history.runTitle')),
    h('p', {}, h('a', { href: '#/history' }, t('history.back'))),
    holder);
  api(`/api/history/runs/${encodeURIComponent(runId)}`).then((run) => {
    const status = h('span', { class: 'hint', role: 'status' });
    const exportButton = h('button', { type: 'button', class: 'button', id: 'run-export' }, t('history.exportRun'));
    exportButton.addEventListener('click', async () => {
      exportButton.disabled = true;
      try {
        const name = await download(`/api/history/runs/${encodeURIComponent(runId)}/export`, `stockradar-run-${runId}.csv`);
        status.textContent = t('history.downloaded', { name });
      } catch (error) {
        holder.prepend(errorBox(error));
      } finally {
        exportButton.disabled = false;
      }
    });
    const deleteButton = h('button', { type: 'button', class: 'button danger', id: 'run-delete' }, t('history.delete'));
    deleteButton.addEventListener('click', async () => {
      if (!window.confirm(t('history.confirmDelete'))) return;
      try {
        await api(`/api/history/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' });
        navigate('#/history');
      } catch (error) {
        holder.prepend(errorBox(error));
      }
    });
    const request = run.request ?? {};
    clear(holder).append(h('section', { class: 'card', 'aria-labelledby': 'history-run-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'history-run-title' }, fmt.universeLabel(run.universe)),
        h('div', { class: 'actions' }, exportButton, deleteButton, status)),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, t('history.createdAt')), h('dd', {}, fmt.dateTime(run.createdAt))),
        run.regime ? h('div', {}, h('dt', {}, t('history.regime')), h('dd', {}, regimeBadge(run.regime.regime), ' ',
          fmt.volatilityLabel(run.regime.volatility))) : null,
        h('div', {}, h('dt', {}, t('screener.sortedBy')), h('dd', {}, t(`sort.${request.sort ?? 'composite'}`))),
        h('div', {}, h('dt', {}, t('history.resultCount')), h('dd', {}, fmt.number(run.resultCount)))),
      provenance({ source: run.source, asOf: run.dataAsOf, label: 'provenance.dataAsOf' }),
      resultsTable(run.results, { caption: t('screener.resultsCaption') })));
  }).catch((error) => clear(holder).append(errorBox(error)));
}

export function renderScorecard(container, { params }) {
  const scope = params.get('scope') === 'all' ? 'all' : 'me';
  const holder = h('div', { id: 'scorecard' }, loading());
  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('scorecard.title')),
    h('p', {}, h('a', { href: '#/history' }, t('history.back'))),
    h('div', { class: 'segmented', role: 'group', 'aria-label': t('scorecard.scope') },
      ['me', 'all'].map((s) => h('a', { href: `#/scorecard?scope=${s}`, class: ['segment', s === scope ? 'active' : ''],
        'aria-current': s === scope ? 'true' : undefined }, t(`scorecard.scope.${s}`)))),
    holder);
  api(`/api/history/scorecard${query({ scope })}`).then((card) => {
    clear(holder).append(
      h('section', { class: 'card' },
        h('p', {}, t('scorecard.explain')),
        h('p', { class: 'hint' }, t('scorecard.honesty', { min: MIN_SAMPLES })),
        card.computedAt ? null : h('p', { class: 'alert', id: 'scorecard-none' }, t('scorecard.noneYet')),
        h('p', { class: 'provenance' },
          h('span', { class: 'asof' }, t('scorecard.asOf', { date: fmt.tradingDate(card.asOf) })), ' · ',
          h('span', { class: 'asof' }, t('scorecard.computedAt', { at: fmt.dateTime(card.computedAt) })))),
      statsTable(t('scorecard.byGrade'), card.byGrade ?? [], (row) => gradeBadge(row.grade), 'scorecard-grade'),
      statsTable(t('scorecard.byAgent', { threshold: fmt.number(card.agentThreshold) }), sortAgents(card.byAgent ?? []),
        (row) => fmt.agentLabel(row.agent), 'scorecard-agent'));
  }).catch((error) => clear(holder).append(errorBox(error)));
}

function sortAgents(rows) {
  return rows.slice().sort((a, b) => AGENTS.indexOf(a.agent) - AGENTS.indexOf(b.agent));
}

/** A hit rate or average only where the sample supports it; otherwise "n/a" with the reason in the title. */
function measured(value, samples, format) {
  if (value === null || value === undefined || samples < MIN_SAMPLES) {
    return h('span', { class: 'na', title: t('scorecard.naTitle', { n: samples, min: MIN_SAMPLES }) }, t('scorecard.na'));
  }
  return format(value);
}

function statsTable(caption, rows, labelOf, id) {
  const horizons = ['5d', '20d', '60d'];
  return h('section', { class: 'card', id },
    h('div', { class: 'table-wrap' }, h('table', { class: 'scorecard-table' },
      h('caption', {}, caption),
      h('thead', {},
        h('tr', {},
          h('th', { scope: 'col', rowspan: '2' }, t('scorecard.group')),
          h('th', { scope: 'col', rowspan: '2', class: 'num' }, t('scorecard.picks')),
          horizons.map((horizon) => h('th', { scope: 'colgroup', colspan: '3', class: 'horizon' },
            t('scorecard.after', { horizon: t(`scorecard.h${horizon}`) })))),
        h('tr', {}, horizons.map(() => [
          h('th', { scope: 'col', class: 'num' }, t('scorecard.hitRate')),
          h('th', { scope: 'col', class: 'num' }, t('scorecard.excess')),
          h('th', { scope: 'col', class: 'num' }, t('scorecard.samples'))]))),
      h('tbody', {}, rows.length === 0
        ? h('tr', {}, h('td', { colspan: '11', class: 'empty' }, t('scorecard.empty')))
        : rows.map((row) => h('tr', {},
          h('th', { scope: 'row' }, labelOf(row)),
          h('td', { class: 'num' }, fmt.number(row.picks)),
          horizons.map((horizon) => {
            const samples = Number(row[`samples${horizon}`] ?? 0);
            const excess = row[`avgExcessReturn${horizon}`];
            return [
              h('td', { class: 'num' }, measured(row[`hitRate${horizon}`], samples, (v) => fmt.share(v))),
              h('td', { class: ['num', samples >= MIN_SAMPLES ? signedClass(excess) : ''] },
                measured(excess, samples, (v) => fmt.percent(v))),
              h('td', { class: 'num samples' }, fmt.number(samples))];
          })))))));
}
