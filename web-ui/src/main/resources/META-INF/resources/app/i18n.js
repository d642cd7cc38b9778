// Korean / English strings. The chosen language is remembered in localStorage; Korean is the default unless
// the browser prefers another language.
import { MESSAGES } from './messages.js';

const STORAGE_KEY = 'stockradar.lang';
const listeners = new Set();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'ko' || stored === 'en') return stored;
  const preferred = (navigator.languages ?? [navigator.language ?? 'ko']).find(Boolean) ?? 'ko';
  return preferred.toLowerCase().startsWith('ko') ? 'ko' : (preferred.toLowerCase().startsWith('en') ? 'en' : 'ko');
}

let current = initialLanguage();

export function lang() {
  return current;
}

/** The BCP 47 locale used for number and date formatting. */
export function locale() {
  return current === 'ko' ? 'ko-KR' : 'en-US';
}

export function setLang(next) {
  if (next !== 'ko' && next !== 'en' || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener(next));
}

export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** t('search.count', {n: 3}) → the message in the current language, {name} placeholders filled. */
export function t(key, vars) {
  const entry = MESSAGES[key];
  let text = entry ? (entry[current] ?? entry.en) : key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
  }
  return text;
}

/** Whether a message key exists. */
export function has(key) {
  return Object.hasOwn(MESSAGES, key);
}

/** Picks the current language out of an API {ko, en} text, falling back to the other one. */
export function pick(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[current] ?? text.en ?? text.ko ?? '';
}

/** Fills every [data-i18n] element of the static shell. */
export function translateShell(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  });
}

document.documentElement.lang = current;
