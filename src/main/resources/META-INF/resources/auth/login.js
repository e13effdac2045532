'use strict';
// The sign-in page. Badge + PIN (handhelds, pack stations): focus stays in the badge field so a
// keyboard-wedge scanner types the badge and Enter (or Tab); then the PIN on the numeric keypad and
// Enter signs in. Username + password for desks. Afterwards the browser goes to ?next= when it is a
// path on this site, else to the user's home page by role.
(() => {
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'));
  let mode = null;
  let busy = false;
  let attempts = 0;

  /** Only a path on this site ("/floor/pick?x=1"), never an absolute or scheme-relative URL: no open redirect. */
  function safeNext(raw) {
    if (!raw || raw.length > 2000 || raw[0] !== '/' || raw[1] === '/' || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
    let u;
    try { u = new URL(raw, location.origin); } catch (e) { return null; }
    if (u.origin !== location.origin || u.pathname === '/login' || u.pathname.startsWith('/api/')) return null;
    return u.pathname + u.search + u.hash;
  }

  /** Where a user goes without a next=: the floor for a badge on a picker's or packer's device, the board for staff. */
  function home(roles, via) {
    const has = r => roles.includes(r);
    const floor = has('PICKER') ? '/floor/pick' : has('PACKER') ? '/floor/pack' : null;
    if (via === 'badge' && floor) return floor;
    if (has('ADMIN') || has('SUPERVISOR')) return '/board';
    if (floor) return floor;
    if (has('SHOP')) return '/board/analytics';
    return '/board';
  }

  function error(text) {
    $('error').textContent = text || '';
    $('error').hidden = !text;
    if (text && navigator.vibrate) navigator.vibrate([200, 80, 200]);
  }

  function setMode(m) {
    mode = m;
    document.body.dataset.mode = m;
    for (const b of document.querySelectorAll('#modes button')) b.setAttribute('aria-selected', String(b.dataset.mode === m));
    $('badge-form').hidden = m !== 'badge';
    $('password-form').hidden = m !== 'password';
    try { localStorage.setItem('surge.login.mode', m); } catch (e) { /* private mode */ }
    step();
  }

  /** Which field wants the next keystrokes, and what the hint says; focus goes there. */
  function step() {
    if (mode === 'badge') {
      const badge = $('badge').value.trim();
      $('badge-label').className = badge ? 'done' : '';
      $('badge-label').textContent = badge ? 'Badge ✓' : 'Scan your badge';
      $('hint').textContent = badge ? 'Key your PIN, then Enter.' : 'Scan your badge (or type it, then Enter).';
    } else {
      $('hint').textContent = 'Username and password, then Enter.';
    }
    wanted().focus({ preventScroll: true });
  }

  function wanted() {
    if (mode === 'badge') return $('badge').value.trim() ? $('pin') : $('badge');
    return $('username').value.trim() ? $('password') : $('username');
  }

  /** Focus returns to the field that wants input whenever it is on nothing a person types in (a tap beside the form). */
  function refocus() {
    const a = document.activeElement;
    if (a && a.tagName === 'INPUT' && !a.closest('form').hidden) return;
    wanted().focus({ preventScroll: true });
  }

  // ---- badge mode keys: the scanner's suffix (Enter or Tab) ends the badge
  $('badge').addEventListener('keydown', e => {
    if (e.key !== 'Enter' && e.key !== 'Tab') return;
    e.preventDefault();
    if (!$('badge').value.trim()) return;
    $('pin').value = '';
    step();
  });
  $('badge').addEventListener('input', () => { if (!$('badge').value) step(); });
  $('pin').addEventListener('keydown', e => {
    if (e.key === 'Tab') e.preventDefault();
    if (e.key !== 'Enter' && e.key !== 'Tab') return;
    e.preventDefault();
    const v = $('pin').value.trim();
    // Another badge scanned while the PIN field had focus: it is the badge now.
    if (v && !/^\d{1,8}$/.test(v) && /^[A-Za-z0-9-]{4,40}$/.test(v)) {
      $('badge').value = v;
      $('pin').value = '';
      return step();
    }
    if (e.key === 'Enter') submit();
  });
  $('badge-form').addEventListener('submit', e => { e.preventDefault(); submit(); });
  $('password-form').addEventListener('submit', e => { e.preventDefault(); submit(); });
  $('username').addEventListener('keydown', e => {
    if (e.key === 'Enter') { e.preventDefault(); if ($('username').value.trim()) $('password').focus(); }
  });

  for (const b of document.querySelectorAll('#modes button')) {
    b.addEventListener('mousedown', e => e.preventDefault());
    b.addEventListener('click', () => { error(''); setMode(b.dataset.mode); });
  }
  // A tap anywhere else must not leave the scanner typing into nothing.
  document.addEventListener('click', () => setTimeout(refocus, 0));
  window.addEventListener('focus', refocus);
  for (const f of ['badge', 'pin', 'username', 'password']) $(f).addEventListener('blur', () => setTimeout(refocus, 0));

  async function submit() {
    if (busy) return;
    let path, body;
    if (mode === 'badge') {
      const badge = $('badge').value.trim(), pin = $('pin').value.trim();
      if (!badge) { error('Scan your badge first'); return step(); }
      if (!/^\d{4,8}$/.test(pin)) { error('The PIN is 4 to 8 digits'); $('pin').value = ''; return step(); }
      path = '/api/auth/badge'; body = { badge, pin };
    } else {
      const username = $('username').value.trim(), password = $('password').value;
      if (!username || !password) { error('Enter your username and password'); return step(); }
      path = '/api/auth/login'; body = { username, password };
    }
    busy = true;
    for (const b of document.querySelectorAll('button.go')) b.disabled = true;
    try {
      const res = await fetch(path, {
        method: 'POST', cache: 'no-store', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) return failed(res.status, await res.json().catch(() => null));
      const me = await fetch('/api/auth/me', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(r => r.ok ? r.json() : null);
      error('');
      $('hint').textContent = 'Signed in' + (me ? ' as ' + me.username : '') + '…';
      location.replace(next || home(me ? me.roles : [], mode));
    } catch (e) {
      error('No connection to the server: try again');
    } finally {
      busy = false;
      for (const b of document.querySelectorAll('button.go')) b.disabled = false;
      if (!$('error').hidden) step(); // after a failure: back to the field to fill again
    }
  }

  /** 401: wrong badge, PIN or password; 429: locked for a while. The problem's detail says which. */
  function failed(status, problem) {
    attempts++;
    document.body.dataset.attempts = String(attempts);
    let text = problem && (problem.detail || problem.title);
    if (problem && Array.isArray(problem.errors) && problem.errors.length) text = problem.errors.map(e => e.reason).join(' · ');
    error(text || (status === 429 ? 'Too many failed attempts: wait a little' : 'Sign-in failed (' + status + ')'));
    if (mode === 'badge') { $('badge').value = ''; $('pin').value = ''; } // the next person, or a fresh try, scans again
    else $('password').value = '';
  }

  // ---- start: badge mode on the floor's devices, username on desks (the choice is remembered)
  let initial = params.get('mode');
  if (initial !== 'badge' && initial !== 'password') {
    try { initial = localStorage.getItem('surge.login.mode'); } catch (e) { initial = null; }
  }
  if (initial !== 'badge' && initial !== 'password')
    initial = (next && next.startsWith('/floor/')) || window.innerWidth < 700 ? 'badge' : 'password';
  setMode(initial);
  if (params.get('signedout') === '1') $('hint').textContent = 'Signed out. ' + $('hint').textContent;
  document.body.dataset.ready = '1';
})();
