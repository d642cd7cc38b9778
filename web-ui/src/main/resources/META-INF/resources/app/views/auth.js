// Sign in and sign up. Field errors from problem+json appear next to the field they name.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { login, signup, ApiError } from '../api.js';
import { field, showFormErrors, clearFormErrors } from '../components.js';

export function renderLogin(container, { navigate, next }) {
  const form = h('form', { class: 'card auth-form', novalidate: true, 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title', class: 'view-title', tabindex: '-1' }, t('auth.loginTitle')),
    h('p', { class: 'form-alert alert alert-error', role: 'alert', hidden: true }),
    field(t('auth.usernameOrEmail'), { id: 'login-username', name: 'username', 'data-field': 'username',
      autocomplete: 'username', required: true, maxlength: '254' }),
    field(t('auth.password'), { id: 'login-password', name: 'password', 'data-field': 'password',
      type: 'password', autocomplete: 'current-password', required: true, maxlength: '1024' }),
    h('button', { type: 'submit', class: 'button primary', id: 'login-submit' }, t('auth.login')),
    h('p', { class: 'switch' }, t('auth.noAccount'), ' ', h('a', { href: '#/signup' }, t('auth.signup'))));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      await login(form.username.value.trim(), form.password.value);
      navigate(next || '#/market');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // a wrong password is not the username's fault: say it once, at form level
        const alertBox = form.querySelector('.form-alert');
        alertBox.textContent = t('auth.badCredentials');
        alertBox.hidden = false;
        form.password.focus();
      } else {
        showFormErrors(form, error);
      }
    } finally {
      submit.disabled = false;
    }
  });
  container.append(form);
}

export function renderSignup(container, { navigate }) {
  const form = h('form', { class: 'card auth-form', novalidate: true, 'aria-labelledby': 'signup-title' },
    h('h1', { id: 'signup-title', class: 'view-title', tabindex: '-1' }, t('auth.signupTitle')),
    h('p', { class: 'form-alert alert alert-error', role: 'alert', hidden: true }),
    field(t('auth.username'), { id: 'signup-username', name: 'username', 'data-field': 'username',
      autocomplete: 'username', required: true, minlength: '3', maxlength: '32' }, t('auth.usernameHint')),
    field(t('auth.email'), { id: 'signup-email', name: 'email', 'data-field': 'email', type: 'email',
      autocomplete: 'email', required: true }),
    field(t('auth.password'), { id: 'signup-password', name: 'password', 'data-field': 'password',
      type: 'password', autocomplete: 'new-password', required: true, minlength: '12', maxlength: '128' },
    t('auth.passwordHint')),
    h('button', { type: 'submit', class: 'button primary', id: 'signup-submit' }, t('auth.signup')),
    h('p', { class: 'switch' }, t('auth.haveAccount'), ' ', h('a', { href: '#/login' }, t('auth.login'))));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    const username = form.username.value.trim();
    const password = form.password.value;
    try {
      await signup(username, form.email.value.trim(), password);
      await login(username, password);
      navigate('#/market');
    } catch (error) {
      // 409 names the taken field (username or email) like a 400 names an invalid one
      showFormErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  container.append(form);
}
