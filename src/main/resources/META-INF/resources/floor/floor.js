'use strict';
// What every floor page shares: feedback a worker notices without looking (tone, vibration, flash),
// the message banner, and HTTP calls whose problem+json errors become plain messages.
window.Floor = (() => {
  let audio = null;
  function tone(freq, ms, type, gain) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const o = audio.createOscillator(), g = audio.createGain();
      o.type = type; o.frequency.value = freq; g.gain.value = gain;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + ms / 1000);
    } catch (e) { /* no audio on this device: the screen still says it */ }
  }
  function buzz(pattern) { if (navigator.vibrate) navigator.vibrate(pattern); }
  function flash(kind) {
    document.body.classList.remove('flash-good', 'flash-bad');
    void document.body.offsetWidth; // restart the animation
    document.body.classList.add('flash-' + kind);
  }
  const good = () => { tone(1760, 90, 'sine', 0.3); buzz(40); flash('good'); };
  const bad = () => { tone(140, 450, 'sawtooth', 0.4); buzz([200, 80, 200]); flash('bad'); };

  function banner(text, kind) {
    const b = document.getElementById('banner');
    b.textContent = text || '';
    b.className = kind || '';
    b.hidden = !text;
  }

  /** JSON over HTTP; a lost connection or a 5xx is marked retryable, a problem+json becomes "title: detail". */
  async function api(method, path, body, offlineMessage) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw Object.assign(new Error(offlineMessage || 'No connection to the server'), { retry: true });
    }
    if (res.status === 204) return null;
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const msg = json && (json.title || json.detail)
        ? [json.title, json.detail].filter(Boolean).join(': ') : 'Server error ' + res.status;
      throw Object.assign(new Error(msg), { status: res.status, retry: res.status >= 500 });
    }
    return json;
  }

  /**
   * The one scan field: a wedge scanner types wherever focus is, so focus always returns to it (except to
   * fields the page lets the worker type in), buttons never take it, and Enter or Tab ends a scan
   * (DataWedge and wedge scanners send one of them as the suffix). Answers the refocus function.
   */
  function scanField(scan, onEntry, mayHaveFocus = () => false) {
    const refocus = () => {
      if (document.activeElement !== scan && !mayHaveFocus(document.activeElement)) scan.focus({ preventScroll: true });
    };
    scan.addEventListener('blur', () => setTimeout(refocus, 0));
    document.addEventListener('click', () => setTimeout(refocus, 0));
    document.addEventListener('visibilitychange', refocus);
    window.addEventListener('focus', refocus);
    for (const b of document.querySelectorAll('button')) b.addEventListener('mousedown', e => e.preventDefault());
    scan.addEventListener('keydown', e => {
      if (e.key !== 'Enter' && e.key !== 'Tab') return;
      e.preventDefault();
      const v = scan.value;
      scan.value = '';
      onEntry(v);
    });
    if (scan.form) scan.form.addEventListener('submit', e => e.preventDefault());
    return refocus;
  }

  /**
   * Runs a button's request: the button is off meanwhile, a failure is shown (red banner, error tone),
   * and focus goes back to the scan field (after).
   */
  async function act(button, fn, after) {
    if (button) button.disabled = true;
    try { await fn(); } catch (e) { bad(); banner(e.message, 'bad'); } finally { if (button) button.disabled = false; if (after) after(); }
  }

  /** A button that acts on a second tap within 3 s: a glove brushing it must not give the work away. */
  function twoTap(button, armedText, fn) {
    const label = button.textContent;
    let armed = 0;
    button.addEventListener('click', () => {
      if (Date.now() - armed > 3000) {
        armed = Date.now();
        button.textContent = armedText;
        setTimeout(() => { button.textContent = label; }, 3000);
        return;
      }
      armed = 0;
      button.textContent = label;
      fn();
    });
  }

  return { good, bad, banner, api, scanField, act, twoTap };
})();
