// The symbol search in the header: type a name, code or ticker (삼성, 005930, AAPL), pick a result.
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';
import { api, query } from './api.js';
import { errorMessage } from './components.js';

export function searchBox({ navigate }) {
  const input = h('input', {
    type: 'search', id: 'symbol-search', name: 'q', autocomplete: 'off', maxlength: '100',
    placeholder: t('search.placeholder'), 'aria-describedby': 'symbol-search-status',
  });
  const status = h('p', { class: 'visually-hidden', id: 'symbol-search-status', role: 'status' });
  const list = h('ul', { class: 'search-results', id: 'symbol-search-results', hidden: true });
  const form = h('form', { class: 'search', role: 'search', 'aria-label': t('search.label') },
    h('label', { for: 'symbol-search', class: 'visually-hidden' }, t('search.label')),
    input, status, list);

  let timer = null;
  let seq = 0;
  const close = () => { list.hidden = true; };

  const run = async () => {
    const q = input.value.trim();
    seq += 1;
    const mine = seq;
    if (q.length === 0) {
      clear(list);
      close();
      return;
    }
    try {
      const results = await api(`/api/market/search${query({ q, limit: 10 })}`);
      if (mine !== seq) return;
      clear(list);
      for (const item of results ?? []) {
        const name = (lang() === 'ko' ? item.nameKo : item.nameEn) || item.name || item.symbol;
        list.append(h('li', {}, h('a', { href: `#/symbol/${encodeURIComponent(item.symbol)}`, class: 'search-hit',
          onclick: () => { input.value = ''; close(); } },
        h('span', { class: 'stock-name' }, name),
        h('span', { class: 'stock-symbol' }, item.symbol),
        item.sector ? h('span', { class: 'stock-sector' }, item.sector) : null)));
      }
      if (list.children.length === 0) list.append(h('li', { class: 'empty' }, t('search.none')));
      status.textContent = t('search.count', { n: results?.length ?? 0 });
      list.hidden = false;
    } catch (error) {
      if (mine !== seq) return;
      clear(list).append(h('li', { class: 'empty' }, errorMessage(error)));
      list.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
    if (event.key === 'ArrowDown') {
      const first = list.querySelector('a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll('a')];
    const index = links.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && index < links.length - 1) {
      event.preventDefault();
      links[index + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (index > 0 ? links[index - 1] : input).focus();
    } else if (event.key === 'Escape') {
      close();
      input.focus();
    }
  });
  form.addEventListener('submit', (event) => {
    // Enter opens the first hit, or the typed text as a symbol (AAPL, 005930.KS)
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) {
      navigate(first.getAttribute('href'));
    } else if (input.value.trim()) {
      navigate(`#/symbol/${encodeURIComponent(input.value.trim().toUpperCase())}`);
    }
    input.value = '';
    close();
  });
  const closeOnOutsideClick = (event) => {
    if (!form.isConnected) {
      document.removeEventListener('click', closeOnOutsideClick);
    } else if (!form.contains(event.target)) {
      close();
    }
  };
  document.addEventListener('click', closeOnOutsideClick);
  return form;
}
