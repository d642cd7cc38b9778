// Market: the regime of KR and US side by side, and the sector table of the chosen market.
import { h, clear } from '../dom.js';
import { t, pick } from '../i18n.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { provenance, regimeBadge, errorBox, loading, signedClass } from '../components.js';

const MARKETS = ['KR', 'US'];

export function renderMarket(container, { params }) {
  const sectorMarket = MARKETS.includes(params.get('sectors')) ? params.get('sectors') : 'KR';
  container.append(
    h('h1', { class: 'view-title', tabindex: '-1' }, t('market.title')),
    h('section', { class: 'regime-grid', 'aria-label': t('market.regimes') },
      MARKETS.map((market) => regimeCard(market))),
    sectorSection(sectorMarket));
}

function regimeCard(market) {
  const body = h('div', { class: 'card-body' }, loading());
  const card = h('article', { class: 'card regime-card', id: `regime-${market}`, 'aria-labelledby': `regime-${market}-title`,
    'aria-busy': 'true' },
  h('h2', { id: `regime-${market}-title` }, t(`market.regimeTitle.${market}`)),
  body);
  api(`/api/market/regime?market=${market}`).then((regime) => {
    clear(body).append(
      h('div', { class: 'regime-headline' },
        regimeBadge(regime.regime),
        h('dl', { class: 'facts' },
          h('div', {}, h('dt', {}, t('market.volatility')), h('dd', { class: 'volatility' }, fmt.volatilityLabel(regime.volatility))),
          h('div', {}, h('dt', {}, t('market.riskAppetite')),
            h('dd', { class: 'risk-appetite' }, `${fmt.number(regime.riskAppetite, 0)} / 100`)))),
      h('meter', { class: 'risk-meter', min: '0', max: '100', low: '35', high: '65', optimum: '100',
        value: String(regime.riskAppetite ?? 0), 'aria-label': t('market.riskAppetite') }),
      h('h3', { class: 'subhead' }, t('market.evidence')),
      h('ul', { class: 'evidence' }, (regime.evidence ?? []).map((signal) => h('li', {},
        h('span', { class: 'evidence-text' }, pick(signal.text) || signal.code)))),
      provenance(regime));
    card.removeAttribute('aria-busy');
  }).catch((error) => {
    clear(body).append(errorBox(error));
    card.removeAttribute('aria-busy');
  });
  return card;
}

function sectorSection(market) {
  const tableHolder = h('div', { class: 'sector-holder' }, loading());
  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': t('market.sectorMarket') },
    MARKETS.map((m) => h('a', { href: `#/market?sectors=${m}`, class: ['segment', m === market ? 'active' : ''],
      'aria-current': m === market ? 'true' : undefined }, t(`market.name.${m}`))));
  const section = h('section', { class: 'card', 'aria-labelledby': 'sectors-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'sectors-title' }, t('market.sectors')), tabs),
    h('p', { class: 'hint' }, t('market.sectorsHint')),
    tableHolder);
  api(`/api/market/sectors?market=${market}`).then((data) => {
    const rows = (data.sectors ?? []).map((sector) => h('tr', {},
      h('td', { class: 'num' }, String(sector.rank)),
      h('th', { scope: 'row' }, sector.sector),
      h('td', { class: 'num' }, fmt.number(sector.members)),
      ['return1m', 'return3m', 'return6m', 'relativeStrength', 'acceleration'].map((key) => h('td',
        { class: ['num', signedClass(sector[key])] }, fmt.percent(sector[key])))));
    clear(tableHolder).append(
      h('div', { class: 'table-wrap' }, h('table', { class: 'sector-table' },
        h('caption', { class: 'visually-hidden' }, t('market.sectorsCaption', { market: t(`market.name.${market}`) })),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'num' }, t('market.rank')),
          h('th', { scope: 'col' }, t('market.sector')),
          h('th', { scope: 'col', class: 'num' }, t('market.members')),
          h('th', { scope: 'col', class: 'num' }, t('market.return1m')),
          h('th', { scope: 'col', class: 'num' }, t('market.return3m')),
          h('th', { scope: 'col', class: 'num' }, t('market.return6m')),
          h('th', { scope: 'col', class: 'num' }, t('market.relativeStrength')),
          h('th', { scope: 'col', class: 'num' }, t('market.acceleration')))),
        h('tbody', {}, rows))),
      provenance(data));
  }).catch((error) => clear(tableHolder).append(errorBox(error)));
  return section;
}
