// Screener: start a run (universe or own symbols, preset, filters), follow its progress (SSE over fetch,
// falling back to polling), cancel it, read the ranked results; and the latest precomputed screens.
import { h, clear, uid } from '../dom.js';
import { t, pick, has } from '../i18n.js';
import { api, query, ApiError } from '../api.js';
import { readEventStream } from '../sse.js';
import * as fmt from '../format.js';
import {
  provenance, regimeBadge, resultsTable, errorBox, loading, field, showFormErrors, clearFormErrors,
} from '../components.js';

const UNIVERSES = ['KOSPI200', 'KOSDAQ150', 'SP500'];
const SORT_KEYS = ['composite', 'technical', 'fundamental', 'sector', 'risk'];
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const POLL_MS = 1500;

function marketOf(universe) {
  if (universe === 'SP500') return 'US';
  if (universe === 'KOSPI200' || universe === 'KOSDAQ150') return 'KR';
  return null;
}

/** Money inputs are entered in 억원 (KR) or million USD (US) and sent in the currency's units. */
function moneyUnit(market) {
  if (market === 'KR') return { factor: 1e8, label: t('screener.unitEok') };
  if (market === 'US') return { factor: 1e6, label: t('screener.unitMillionUsd') };
  return { factor: 1, label: t('screener.unitRaw') };
}

export function renderScreener(container, ctx) {
  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('screener.title')),
    runForm(ctx),
    latestSection(ctx));
}

function runForm({ navigate }) {
  const formId = uid('run');
  const presetDescription = h('p', { class: 'hint', id: `${formId}-preset-desc` });
  const presetSelect = h('select', { id: `${formId}-preset`, name: 'preset', 'data-field': 'preset',
    'aria-describedby': `${formId}-preset-desc`, 'data-describedby': `${formId}-preset-desc` },
  h('option', { value: '' }, t('screener.noPreset')));
  const symbolsField = field(t('screener.symbols'), {
    tag: 'textarea', id: `${formId}-symbols`, name: 'symbols', 'data-field': 'symbols', rows: '3',
    placeholder: '005930.KS, 000660.KS, AAPL',
  }, t('screener.symbolsHint'));
  symbolsField.hidden = true;

  const universeFieldset = h('fieldset', { class: 'field universe-choice', 'data-field': 'universe', id: `${formId}-universe`,
    tabindex: '-1' },
  h('legend', {}, t('screener.universe')),
  [...UNIVERSES, 'CUSTOM'].map((universe, index) => {
    const id = `${formId}-u-${universe}`;
    return h('span', { class: 'radio' },
      h('input', { type: 'radio', name: 'universe', id, value: universe, checked: index === 0 }),
      h('label', { for: id }, fmt.universeLabel(universe === 'CUSTOM' ? null : universe)));
  }));

  const capField = field(t('screener.minMarketCap'), { id: `${formId}-cap`, name: 'minMarketCap',
    'data-field': 'filters.minMarketCap', type: 'number', min: '0', step: 'any', inputmode: 'decimal' }, ' ');
  const liquidityField = field(t('screener.minLiquidity'), { id: `${formId}-liq`, name: 'minLiquidity',
    'data-field': 'filters.minLiquidity', type: 'number', min: '0', step: 'any', inputmode: 'decimal' }, ' ');
  const scoreField = field(t('screener.minScore'), { id: `${formId}-score`, name: 'minScore',
    'data-field': 'filters.minScore', type: 'number', min: '0', max: '100', step: 'any' }, t('screener.minScoreHint'));
  const sortField = field(t('screener.sort'), { tag: 'select', id: `${formId}-sort`, name: 'sort', 'data-field': 'sort',
    options: SORT_KEYS.map((key) => h('option', { value: key }, t(`sort.${key}`))) });
  const limitField = field(t('screener.limit'), { id: `${formId}-limit`, name: 'limit', 'data-field': 'limit',
    type: 'number', min: '1', max: '200', value: '20' }, t('screener.limitHint'));
  const sectorsBox = h('div', { class: 'sector-choices', id: `${formId}-sectors`, 'data-field': 'filters.sectors',
    tabindex: '-1' });
  const sectorsDetails = h('details', { class: 'field sectors-details' },
    h('summary', {}, t('screener.sectors')), h('p', { class: 'hint' }, t('screener.sectorsHint')), sectorsBox);

  const form = h('form', { class: 'card run-form', novalidate: true, 'aria-labelledby': `${formId}-title` },
    h('h2', { id: `${formId}-title` }, t('screener.newRun')),
    h('p', { class: 'form-alert alert alert-error', role: 'alert', hidden: true }),
    h('div', { class: 'form-grid' },
      universeFieldset,
      h('div', { class: 'field' }, h('label', { for: `${formId}-preset` }, t('screener.preset')), presetSelect,
        presetDescription)),
    symbolsField,
    h('div', { class: 'form-grid filters' }, capField, liquidityField, scoreField, sortField, limitField),
    sectorsDetails,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary', id: 'run-submit' },
      t('screener.start'))));

  let presets = [];
  const selectedUniverse = () => form.querySelector('input[name=universe]:checked')?.value ?? 'KOSPI200';

  const updateUnits = () => {
    const unit = moneyUnit(marketOf(selectedUniverse()));
    capField.querySelector('.hint').textContent = unit.label;
    liquidityField.querySelector('.hint').textContent = `${unit.label} · ${t('screener.liquidityHint')}`;
  };

  const loadSectors = () => {
    const market = marketOf(selectedUniverse());
    clear(sectorsBox);
    if (!market) {
      sectorsBox.append(h('p', { class: 'hint' }, t('screener.sectorsCustom')));
      return;
    }
    sectorsBox.append(loading());
    api(`/api/market/sectors?market=${market}`).then((data) => {
      clear(sectorsBox).append((data.sectors ?? []).map((sector) => {
        const id = uid('sector');
        return h('span', { class: 'checkbox' },
          h('input', { type: 'checkbox', id, name: 'sector', value: sector.sector }),
          h('label', { for: id }, `${sector.sector} (${fmt.number(sector.members)})`));
      }));
    }).catch((error) => clear(sectorsBox).append(errorBox(error)));
  };

  universeFieldset.addEventListener('change', () => {
    symbolsField.hidden = selectedUniverse() !== 'CUSTOM';
    updateUnits();
    loadSectors();
  });

  presetSelect.addEventListener('change', () => {
    const preset = presets.find((p) => p.id === presetSelect.value);
    presetDescription.textContent = preset ? pick(preset.description) : '';
    if (!preset) return;
    const request = preset.request ?? {};
    form.sort.value = request.sort ?? 'composite';
    form.limit.value = request.limit ?? 20;
    form.minScore.value = request.filters?.minScore ?? '';
  });

  api('/api/screener/presets').then((list) => {
    presets = list ?? [];
    presetSelect.append(presets.map((preset) => h('option', { value: preset.id }, pick(preset.name) || preset.id)));
  }).catch(() => { presetDescription.textContent = t('screener.presetsUnavailable'); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const universe = selectedUniverse();
    const unit = moneyUnit(marketOf(universe));
    const body = {};
    if (universe === 'CUSTOM') {
      body.symbols = form.symbols.value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    } else {
      body.universe = universe;
    }
    if (presetSelect.value) body.preset = presetSelect.value;
    const filters = {};
    const numberOf = (input) => (input.value.trim() === '' ? null : Number(input.value));
    if (numberOf(form.minMarketCap) !== null) filters.minMarketCap = numberOf(form.minMarketCap) * unit.factor;
    if (numberOf(form.minLiquidity) !== null) filters.minLiquidity = numberOf(form.minLiquidity) * unit.factor;
    if (numberOf(form.minScore) !== null) filters.minScore = numberOf(form.minScore);
    const sectors = [...form.querySelectorAll('input[name=sector]:checked')].map((box) => box.value);
    if (sectors.length > 0) filters.sectors = sectors;
    if (Object.keys(filters).length > 0) body.filters = filters;
    body.sort = form.sort.value;
    if (form.limit.value.trim() !== '') body.limit = Number(form.limit.value);

    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const accepted = await api('/api/screener/runs', { method: 'POST', body });
      navigate(`#/screener/run/${encodeURIComponent(accepted.runId)}`);
    } catch (error) {
      showFormErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });

  updateUnits();
  loadSectors();
  return form;
}

function latestSection() {
  const holder = h('div', { class: 'latest-holder', id: 'latest-results' });
  const selectId = uid('latest');
  const select = h('select', { id: selectId }, UNIVERSES.map((u) => h('option', { value: u }, fmt.universeLabel(u))));
  const load = () => {
    clear(holder).append(loading());
    api(`/api/screener/latest${query({ universe: select.value })}`).then((screen) => {
      clear(holder).append(
        h('p', { class: 'run-meta' },
          t('screener.latestMeta', { analysed: fmt.number(screen.analysed), computedAt: fmt.dateTime(screen.computedAt) }),
          ' ', screen.regime ? regimeBadge(screen.regime.regime) : null),
        provenance({ source: screen.source, asOf: screen.dataAsOf, label: 'provenance.dataAsOf' }),
        resultsTable(screen.results, { caption: t('screener.latestCaption', { universe: fmt.universeLabel(screen.universe) }) }));
    }).catch((error) => {
      clear(holder).append(error instanceof ApiError && error.status === 404
        ? h('p', { class: 'empty' }, t('screener.noLatest'))
        : errorBox(error));
    });
  };
  select.addEventListener('change', load);
  load();
  return h('section', { class: 'card', 'aria-labelledby': `${selectId}-title` },
    h('div', { class: 'card-head' },
      h('h2', { id: `${selectId}-title` }, t('screener.latest')),
      h('div', { class: 'inline-field' }, h('label', { for: selectId }, t('screener.universe')), select)),
    h('p', { class: 'hint' }, t('screener.latestHint')),
    holder);
}

/** #/screener/run/{id}: progress until the run ends, then its results. Returns the cleanup function. */
export function renderRun(container, { params: _params, path }) {
  const runId = decodeURIComponent(path[2] ?? '');
  const controller = new AbortController();
  const statusText = h('p', { class: 'run-status', id: 'run-status', role: 'status', 'aria-live': 'polite' },
    t('common.loading'));
  const progressBar = h('progress', { id: 'run-progress', max: '1', value: '0', 'aria-labelledby': 'run-status' });
  const channel = h('p', { class: 'hint', id: 'run-channel' });
  const cancelButton = h('button', { type: 'button', class: 'button danger', id: 'run-cancel', disabled: true },
    t('screener.cancel'));
  const resultsHolder = h('div', { id: 'run-results' });

  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('screener.runTitle')),
    h('p', {}, h('a', { href: '#/screener' }, t('screener.backToForm'))),
    h('section', { class: 'card run-progress-card', 'aria-label': t('screener.progress') },
      statusText, progressBar, channel, h('div', { class: 'actions' }, cancelButton)),
    resultsHolder);

  let lastStatus = null;
  const showProgress = (status, progress) => {
    lastStatus = status;
    const done = progress?.done ?? 0;
    const total = progress?.total ?? 0;
    progressBar.max = Math.max(total, 1);
    progressBar.value = status === 'COMPLETED' ? Math.max(total, 1) : done;
    const phase = progress?.phase ? ` · ${has(`phase.${progress.phase}`) ? t(`phase.${progress.phase}`) : progress.phase}` : '';
    statusText.textContent = `${t(`status.${status}`)} — ${t('screener.doneOfTotal', { done: fmt.number(done), total: fmt.number(total) })}${phase}`;
    statusText.dataset.status = status;
    cancelButton.disabled = TERMINAL.has(status);
    cancelButton.hidden = TERMINAL.has(status);
  };

  cancelButton.addEventListener('click', async () => {
    cancelButton.disabled = true;
    try {
      await api(`/api/screener/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' });
      channel.textContent = t('screener.cancelRequested');
    } catch (error) {
      resultsHolder.prepend(errorBox(error));
      cancelButton.disabled = TERMINAL.has(lastStatus);
    }
  });

  const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  (async () => {
    try {
      let run = await api(`/api/screener/runs/${encodeURIComponent(runId)}`, { signal: controller.signal });
      showProgress(run.status, run.progress);
      if (!TERMINAL.has(run.status)) {
        channel.textContent = t('screener.live');
        try {
          // an instance that shuts down ends its streams with `reconnect` (and a retry: hint): open the stream
          // again, served by another instance; a few times at most, then polling below takes over
          for (let reopen = 3; reopen > 0; reopen -= 1) {
            let reconnect = false;
            const { retry } = await readEventStream(`/api/screener/runs/${encodeURIComponent(runId)}/events`, {
              signal: controller.signal,
              onEvent: ({ event, data }) => {
                // how the page learnt of progress, for the curious (and the browser test): events over the stream
                channel.dataset.streamEvents = String(Number(channel.dataset.streamEvents ?? 0) + 1);
                if (data && typeof data === 'object' && data.status) showProgress(data.status, data.progress ?? run.progress);
                if (event === 'completed' || event === 'failed' || event === 'cancelled') channel.textContent = '';
                reconnect = event === 'reconnect';
              },
            });
            if (!reconnect || controller.signal.aborted) break;
            await sleep(retry ?? POLL_MS);
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          channel.textContent = t('screener.polling');
          channel.dataset.polling = 'true';
        }
        // the stream ended (or could not be opened): poll until the stored run is terminal
        for (;;) {
          if (controller.signal.aborted) return;
          run = await api(`/api/screener/runs/${encodeURIComponent(runId)}`, { signal: controller.signal });
          showProgress(run.status, run.progress);
          if (TERMINAL.has(run.status)) break;
          await sleep(POLL_MS);
        }
      }
      channel.textContent = '';
      showRun(resultsHolder, run);
    } catch (error) {
      if (controller.signal.aborted) return;
      clear(resultsHolder).append(errorBox(error));
    }
  })();

  return () => controller.abort();
}

function showRun(holder, run) {
  clear(holder);
  if (run.status === 'FAILED') {
    holder.append(h('div', { class: 'alert alert-error', role: 'alert' }, t('screener.failed', { error: run.error ?? '' })));
    return;
  }
  if (run.status === 'CANCELLED') {
    holder.append(h('p', { class: 'alert' }, t('screener.cancelled')));
    return;
  }
  const request = run.request ?? {};
  const subject = request.universe ? fmt.universeLabel(request.universe) : (request.symbols ?? []).join(', ');
  holder.append(h('section', { class: 'card', 'aria-labelledby': 'run-results-title' },
    h('h2', { id: 'run-results-title' }, t('screener.results', { subject })),
    h('dl', { class: 'facts run-facts' },
      h('div', {}, h('dt', {}, t('screener.sortedBy')), h('dd', {}, t(`sort.${request.sort ?? 'composite'}`))),
      run.regime ? h('div', {}, h('dt', {}, t('screener.regimeAtRun')), h('dd', {}, regimeBadge(run.regime.regime),
        ' ', fmt.volatilityLabel(run.regime.volatility))) : null,
      h('div', {}, h('dt', {}, t('screener.completedAt')), h('dd', {}, fmt.dateTime(run.completedAt))),
      run.missing?.length ? h('div', {}, h('dt', {}, t('screener.missing')),
        h('dd', { title: run.missing.join(', ') }, fmt.number(run.missing.length))) : null),
    provenance({ source: run.source, asOf: run.dataAsOf, label: 'provenance.dataAsOf' }),
    resultsTable(run.results, { caption: t('screener.resultsCaption') }),
    h('p', { class: 'hint' }, t('screener.abstainNote'))));
}
