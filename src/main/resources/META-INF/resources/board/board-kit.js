'use strict';
// Small pieces the board's scripts share: DOM helpers (text only, never HTML from the server),
// number and time formats, toasts, and JSON over HTTP with problem+json turned into a message.
window.BoardKit = (() => {
  const $ = id => document.getElementById(id);

  // ---- small DOM helpers: text only, never HTML from the server
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, ...kids) { for (const k of kids) if (k) parent.append(k); return parent; }
  function btn(label, action, data, title) {
    const b = el('button', 'btn', label);
    b.type = 'button';
    b.dataset.action = action;
    Object.assign(b.dataset, data);
    if (title) b.title = title;
    return b;
  }

  // ---- formats
  const num = n => (n === null || n === undefined) ? '–' : Math.round(n).toLocaleString('en-US');
  const pad = n => String(n).padStart(2, '0');
  function clock(iso, withSeconds) {
    if (!iso) return '–';
    const d = new Date(iso);
    const t = pad(d.getHours()) + ':' + pad(d.getMinutes()) + (withSeconds ? ':' + pad(d.getSeconds()) : '');
    const now = new Date();
    if (d.toDateString() === now.toDateString()) return t;
    return d.toLocaleDateString('en-GB', { weekday: 'short' }) + ' ' + t;
  }
  function span(seconds) {
    const m = Math.round(Math.abs(seconds) / 60);
    if (m < 1) return Math.round(Math.abs(seconds)) + ' s';
    if (m < 60) return m + ' min';
    const h = Math.floor(m / 60), r = m % 60;
    if (h < 48) return h + ' h' + (r ? ' ' + r + ' min' : '');
    return Math.round(h / 24) + ' days';
  }
  /** "in 25 min" / "5 min ago", against the board's own clock (at: the board's time). */
  function relative(iso, at) {
    if (!iso || !at) return '';
    const s = (new Date(iso) - new Date(at)) / 1000;
    if (Math.abs(s) < 30) return 'now';
    return s > 0 ? 'in ' + span(s) : span(s) + ' ago';
  }
  const REASONS = { LATE: 'Late', PICK_RATE: 'Pick rate', PACK_RATE: 'Pack rate', BACKORDERED: 'Backordered' };

  // ---- toasts
  function toast(text, kind) {
    const t = el('div', 'toast ' + (kind || 'ok'), text);
    $('toasts').append(t);
    setTimeout(() => t.remove(), kind === 'bad' ? 9000 : 5000);
  }

  /** JSON over HTTP; a problem+json answer becomes its title and detail. */
  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(path, {
        method, cache: 'no-store',
        headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error('No connection to the server');
    }
    if (res.status === 204) return null;
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      const parts = json ? [json.title, json.detail].filter(Boolean) : [];
      if (json && Array.isArray(json.errors)) for (const e of json.errors) parts.push(`${e.field}: ${e.reason}`);
      throw Object.assign(new Error(parts.length ? [...new Set(parts)].join(' · ') : 'Server error ' + res.status), { status: res.status });
    }
    return json;
  }

  return { $, el, add, btn, num, pad, clock, span, relative, REASONS, toast, api };
})();
