// Pieces shared by the screens: provenance badges, grades, the ranked results table, error and loading states.
import { h, clear, uid } from './dom.js';
import { t, pick } from './i18n.js';
import * as fmt from './format.js';
import { api, ApiError, NetworkError } from './api.js';

export const AGENTS = ['regime', 'sector', 'technical', 'fundamental', 'risk'];

/** "demo data" badge (when the API says source=demo), the as-of date, and "stale" when served from cache. */
export function provenance({ source, asOf, stale, label } = {}) {
  const parts = [];
  if (source === 'demo') {
    parts.push(h('span', { class: 'badge badge-demo', title: t('provenance.demoTitle') }, t('provenance.demo')));
  } else if (source) {
    parts.push(h('span', { class: 'badge badge-source' }, t('provenance.source', { source })));
  }
  if (stale) parts.push(h('span', { class: 'badge badge-stale' }, t('provenance.stale')));
  if (asOf) parts.push(h('span', { class: 'asof' }, t(label ?? 'provenance.asOf', { date: fmt.tradingDate(asOf) })));
  return h('p', { class: 'provenance' }, parts);
}

export function gradeBadge(grade) {
  if (!grade) return h('span', { class: 'grade' }, fmt.DASH);
  return h('span', { class: `grade grade-${grade}`, title: t('grade.title', { grade }) }, grade);
}

export function regimeBadge(regime) {
  return h('span', { class: `regime regime-${(regime ?? 'none').toLowerCase()}` }, fmt.regimeLabel(regime));
}

/** An agent's sub-score, or a visible "abstained" marker (never a zero). */
export function agentScore(agent) {
  if (!agent || agent.abstained || agent.score === null || agent.score === undefined) {
    return h('span', { class: 'abstained', title: t('agent.abstainedTitle') }, t('agent.abstained'));
  }
  return h('span', { class: 'agent-score' }, fmt.score(agent.score));
}

/** A 0-100 score with a bar; the number is the content, the bar decoration only. */
export function scoreBar(value) {
  const bucket = Math.max(0, Math.min(10, Math.round(Number(value) / 10)));
  return h('span', { class: 'score-with-bar' },
    h('span', { class: 'score-number' }, fmt.score(value)),
    h('span', { class: `score-bar w${Number.isFinite(bucket) ? bucket : 0}`, 'aria-hidden': 'true' }));
}

export function signedClass(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value)) || Number(value) === 0) return '';
  return Number(value) > 0 ? 'up' : 'down';
}

export function loading(text) {
  return h('p', { class: 'loading', role: 'status' }, text ?? t('common.loading'));
}

/** A human message for an error from api(). */
export function errorMessage(error) {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter ? t('error.rateLimitedRetry', { seconds: error.retryAfter }) : t('error.rateLimited');
    }
    if (error.status === 401) return t('error.sessionExpired');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return error.problem.detail || t('error.notFound');
    if (error.status >= 500) return error.problem.detail || t('error.server');
    return error.problem.detail || error.problem.title || t('error.generic');
  }
  return error?.message ?? t('error.generic');
}

export function errorBox(error) {
  return h('div', { class: 'alert alert-error', role: 'alert' }, errorMessage(error));
}

/**
 * Shows problem+json field errors next to the fields of a form (inputs carrying data-field="name"), and the
 * rest in the form's alert box. Returns true when at least one field error was placed.
 */
export function showFormErrors(form, error) {
  clearFormErrors(form);
  const alertBox = form.querySelector('.form-alert');
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  let placed = false;
  const unplaced = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`)
      ?? form.querySelector(`[data-field="${CSS.escape(field.replace(/\[\d+\]$/, ''))}"]`);
    if (!input) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    const errorId = `${input.id}-error`;
    const note = h('p', { class: 'field-error', id: errorId }, message);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.dataset.describedby, errorId].filter(Boolean).join(' '));
    (input.closest('.field') ?? input.parentElement).append(note);
    if (!placed) input.focus();
    placed = true;
  }
  if (alertBox) {
    const text = unplaced.length > 0 ? unplaced.join(' · ') : (placed ? t('error.fixFields') : errorMessage(error));
    alertBox.textContent = text;
    alertBox.hidden = false;
  }
  return placed;
}

export function clearFormErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    if (el.dataset.describedby) el.setAttribute('aria-describedby', el.dataset.describedby);
    else el.removeAttribute('aria-describedby');
  });
  const alertBox = form.querySelector('.form-alert');
  if (alertBox) {
    alertBox.textContent = '';
    alertBox.hidden = true;
  }
}

/** A labelled input wrapped in a .field; extra attributes go to the input. */
export function field(labelText, inputAttrs, hint) {
  const id = inputAttrs.id ?? uid('f');
  const hintId = hint ? `${id}-hint` : undefined;
  const tag = inputAttrs.tag ?? 'input';
  const attrs = { ...inputAttrs, id, 'aria-describedby': hintId, 'data-describedby': hintId };
  delete attrs.tag;
  const options = attrs.options;
  delete attrs.options;
  const control = h(tag, attrs, options ?? []);
  return h('div', { class: 'field' },
    h('label', { for: id }, labelText),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

/**
 * The ranked results of a run (screener run, latest precomputed screen or a history run): rank, stock, composite,
 * grade, action, each agent's sub-score (abstentions visible) and, on demand, the explanation sentence from
 * the stock's analysis in the chosen language.
 */
export function resultsTable(results, { caption, currencyFor } = {}) {
  if (!results || results.length === 0) {
    return h('p', { class: 'empty' }, t('results.empty'));
  }
  const headRow = h('tr', {},
    h('th', { scope: 'col', class: 'num' }, t('results.rank')),
    h('th', { scope: 'col' }, t('results.stock')),
    h('th', { scope: 'col', class: 'num' }, t('results.composite')),
    h('th', { scope: 'col' }, t('results.grade')),
    h('th', { scope: 'col' }, t('results.action')),
    AGENTS.map((agent) => h('th', { scope: 'col', class: 'num agent-col' }, fmt.agentLabel(agent))),
    h('th', { scope: 'col', class: 'num' }, t('results.price')),
    h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('results.why'))));
  const body = h('tbody');
  for (const result of results) {
    const currency = currencyFor ? currencyFor(result) : fmt.currencyOf(result.market ?? result.symbol);
    const explanationId = uid('why');
    const explanationRow = h('tr', { class: 'explanation-row', id: explanationId, hidden: true },
      h('td', { colspan: String(8 + AGENTS.length - 1) }));
    const whyButton = h('button', {
      type: 'button', class: 'link-button why-button', 'aria-expanded': 'false', 'aria-controls': explanationId,
      onclick: () => toggleExplanation(result.symbol, whyButton, explanationRow),
    }, t('results.why'));
    body.append(h('tr', { class: 'result-row', 'data-symbol': result.symbol },
      h('td', { class: 'num' }, String(result.rank)),
      h('td', {},
        h('a', { href: `#/symbol/${encodeURIComponent(result.symbol)}`, class: 'stock-link' },
          h('span', { class: 'stock-name' }, result.name ?? result.symbol),
          h('span', { class: 'stock-symbol' }, result.symbol)),
        result.sector ? h('span', { class: 'stock-sector' }, result.sector) : null),
      h('td', { class: 'num' }, scoreBar(result.composite)),
      h('td', {}, gradeBadge(result.grade)),
      h('td', { class: `action action-${(result.action ?? '').toLowerCase()}` }, fmt.actionLabel(result.action)),
      AGENTS.map((agent) => h('td', { class: 'num agent-col', 'data-agent': agent }, agentScore(result.agents?.[agent]))),
      h('td', { class: 'num' }, fmt.price(result.price, currency)),
      h('td', {}, whyButton)));
    body.append(explanationRow);
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'results-table' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, headRow),
      body));
}

async function toggleExplanation(symbol, button, row) {
  const open = button.getAttribute('aria-expanded') === 'true';
  button.setAttribute('aria-expanded', String(!open));
  row.hidden = open;
  if (open || row.dataset.loaded) return;
  const cell = clear(row.firstChild);
  cell.append(loading());
  try {
    const analysis = await api(`/api/analysis/${encodeURIComponent(symbol)}`);
    // runs do not store a sentence per stock: this is the stock's current analysis (same data date, cached
    // 10 minutes), so its numbers can differ a little from the run's row
    clear(cell).append(
      h('p', { class: 'explanation' }, pick(analysis.rationale) || t('results.noRationale')),
      h('p', { class: 'hint' }, t('results.whySource', { date: fmt.tradingDate(analysis.asOf) })));
    row.dataset.loaded = 'true';
  } catch (error) {
    clear(cell).append(errorBox(error));
  }
}
