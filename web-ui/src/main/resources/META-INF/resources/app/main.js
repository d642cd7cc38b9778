// The application shell: hash routing, navigation, language toggle, session (resume on reload, expiry).
import { h, clear } from './dom.js';
import { t, lang, setLang, onLangChange, translateShell } from './i18n.js';
import { isSignedIn, hasStoredSession, resume, logout, onSessionChange, api } from './api.js';
import { searchBox } from './search.js';
import { renderLogin, renderSignup } from './views/auth.js';
import { renderMarket } from './views/market.js';
import { renderScreener, renderRun } from './views/screener.js';
import { renderSymbol } from './views/symbol.js';
import { renderHistory, renderHistoryRun, renderScorecard } from './views/history.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const searchSlot = document.getElementById('search-slot');
let cleanup = null;
let me = null;
let started = false;

/** Routes: first path segment → view. `public` views do not need a session. */
const ROUTES = {
  login: { view: renderLogin, public: true, title: 'auth.loginTitle' },
  signup: { view: renderSignup, public: true, title: 'auth.signupTitle' },
  market: { view: renderMarket, nav: true, title: 'nav.market' },
  screener: { view: (c, ctx) => (ctx.path[1] === 'run' ? renderRun(c, ctx) : renderScreener(c, ctx)), nav: true, title: 'nav.screener' },
  symbol: { view: renderSymbol, title: 'nav.symbol' },
  history: { view: (c, ctx) => (ctx.path[1] === 'run' ? renderHistoryRun(c, ctx) : renderHistory(c, ctx)), nav: true, title: 'nav.history' },
  scorecard: { view: renderScorecard, nav: true, title: 'nav.scorecard' },
};

export function navigate(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const path = pathPart.split('/').filter(Boolean);
  return { path, params: new URLSearchParams(queryPart), raw: `#/${raw}` };
}

function renderNav(active) {
  clear(nav);
  if (!isSignedIn()) return;
  nav.append(h('ul', {}, Object.entries(ROUTES).filter(([, r]) => r.nav).map(([name, r]) => h('li', {},
    h('a', { href: `#/${name}`, 'aria-current': name === active ? 'page' : undefined }, t(r.title))))));
}

function renderAccount() {
  clear(account);
  const toggle = h('button', { type: 'button', class: 'button small', id: 'lang-toggle', lang: lang() === 'ko' ? 'en' : 'ko',
    'aria-label': t('shell.switchLanguage'), onclick: () => setLang(lang() === 'ko' ? 'en' : 'ko') },
  lang() === 'ko' ? 'English' : '한국어');
  account.append(toggle);
  if (isSignedIn()) {
    account.append(
      me ? h('span', { class: 'user', id: 'current-user' }, me.username) : null,
      h('button', { type: 'button', class: 'button small', id: 'logout', onclick: async () => {
        me = null;
        await logout(); // the session listener below takes the page to the login form
      } }, t('shell.logout')));
  }
}

async function route() {
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // a view's cleanup must never block navigation
    }
    cleanup = null;
  }
  const { path, params, raw } = parseHash();
  let name = path[0] ?? '';
  if (!ROUTES[name]) {
    name = isSignedIn() ? 'market' : 'login';
    window.history.replaceState(null, '', `#/${name}`);
  }
  const routeDef = ROUTES[name];
  if (!routeDef.public && !isSignedIn()) {
    const next = raw;
    window.history.replaceState(null, '', '#/login');
    return renderView(ROUTES.login, 'login', { path: ['login'], params, next });
  }
  if (routeDef.public && isSignedIn()) {
    window.history.replaceState(null, '', '#/market');
    return renderView(ROUTES.market, 'market', { path: ['market'], params: new URLSearchParams() });
  }
  return renderView(routeDef, name, { path, params });
}

function renderView(routeDef, name, ctx) {
  renderNav(name);
  renderAccount();
  // one search box per language and session (it listens on the document to close its list)
  if (!isSignedIn() || searchSlot.dataset.lang !== lang()) {
    clear(searchSlot);
    delete searchSlot.dataset.lang;
  }
  if (isSignedIn() && !searchSlot.firstChild) {
    searchSlot.append(searchBox({ navigate }));
    searchSlot.dataset.lang = lang();
  }
  clear(main);
  document.title = `${t(routeDef.title)} · Stock Radar`;
  const result = routeDef.view(main, { ...ctx, navigate });
  cleanup = typeof result === 'function' ? result : null;
  // move focus to the new heading so keyboard and screen-reader users land on the new content
  main.querySelector('.view-title')?.focus({ preventScroll: true });
  return undefined;
}

async function loadMe() {
  try {
    me = await api('/api/auth/me');
  } catch {
    me = null;
  }
  renderAccount();
}

async function start() {
  translateShell();
  onLangChange(() => {
    translateShell();
    route();
  });
  onSessionChange((signedIn) => {
    if (signedIn) {
      loadMe();
    } else {
      me = null;
      // the session ended (logout, or a refresh token that no longer works): route() shows the login form and
      // brings the user back to this page after signing in again
      if (started && !ROUTES[parseHash().path[0]]?.public) route();
    }
  });
  window.addEventListener('hashchange', route);
  if (hasStoredSession()) {
    clear(main).append(h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    if (await resume()) await loadMe();
  }
  started = true;
  route();
}

start();
