'use strict';
// Included first by every signed-in page. It wraps window.fetch so every change (POST, PUT, PATCH,
// DELETE) carries the session's CSRF token (X-CSRF-Token, from the readable surge_csrf cookie), and
// an API answer of 401 (session ended, signed out elsewhere, user disabled) sends the browser to
// /login?next=<this page>. window.Session: me() (who is signed in, asked once), signOut(), and a
// small "name · Sign out" widget for any element marked data-session.
window.Session = (() => {
  const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
  const original = window.fetch.bind(window);

  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)surge_csrf=([^;]*)/);
    return m && m[1] ? decodeURIComponent(m[1]) : null;
  }

  /** This page's own address, to come back to after signing in. */
  const here = () => location.pathname + location.search + location.hash;

  let leaving = false;
  function toLogin() {
    if (leaving) return;
    leaving = true;
    location.assign('/login?next=' + encodeURIComponent(here()));
  }

  function sameSite(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  /** Only our own API: a 401 from /api/auth/login or /badge means a wrong password, not an ended session. */
  function ownApi(url) {
    try {
      const u = new URL(url, location.href);
      return u.origin === location.origin && u.pathname.startsWith('/api/')
        && u.pathname !== '/api/auth/login' && u.pathname !== '/api/auth/badge';
    } catch (e) {
      return false;
    }
  }

  window.fetch = async (input, init) => {
    const request = input instanceof Request ? input : null;
    const method = String((init && init.method) || (request && request.method) || 'GET').toUpperCase();
    const url = request ? request.url : String(input);
    if (!SAFE.has(method) && sameSite(url)) {
      const token = csrf();
      if (token) {
        const headers = new Headers((init && init.headers) || (request && request.headers) || undefined);
        headers.set('X-CSRF-Token', token);
        init = Object.assign({}, init, { headers });
      }
    }
    const res = await original(input, init);
    if (res.status === 401 && ownApi(url)) toLogin();
    return res;
  };

  let who = null;
  /** {username, roles, shops, csrf} of the signed-in user; a 401 goes to the sign-in page (and never resolves). */
  function me() {
    if (!who) {
      who = fetch('/api/auth/me', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(r => {
        if (r.status === 401) return new Promise(() => {}); // on our way to /login
        if (!r.ok) throw new Error('Could not read who is signed in: ' + r.status);
        return r.json();
      });
    }
    return who;
  }

  /** Ends the session on the server, then shows the sign-in page (also when the server cannot be reached). */
  async function signOut() {
    try {
      await fetch('/api/auth/logout', { method: 'POST', cache: 'no-store' });
    } catch (e) { /* the cookie may outlive this, but the sign-in page comes anyway */ }
    leaving = true;
    location.assign('/login?signedout=1');
  }

  /** Fills an element with "username · Sign out" (pages that have their own bar call me()/signOut() themselves). */
  function widget(el) {
    el.classList.add('session');
    const name = document.createElement('span');
    name.className = 'session-user';
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'session-signout';
    out.textContent = 'Sign out';
    out.addEventListener('click', signOut);
    el.replaceChildren(name, out);
    me().then(m => { name.textContent = m.username; name.title = 'Signed in as ' + m.username + ' (' + m.roles.join(', ') + ')'; })
      .catch(e => { name.textContent = '?'; name.title = e.message; });
  }

  function mount() { for (const el of document.querySelectorAll('[data-session]')) widget(el); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount); else mount();

  return { me, signOut, toLogin, csrf };
})();
