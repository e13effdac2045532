// Floor analytics page: filters in the address (so a view can be shared), tiles, hourly charts (uPlot), breakdown.
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const PRESETS = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 };
  const state = readAddress();
  const charts = {};
  let timer = null;

  function readAddress() {
    const p = new URLSearchParams(location.search);
    return {
      range: PRESETS[p.get('range')] ? p.get('range') : (p.get('from') || p.get('to') ? null : '24h'),
      from: p.get('from') || '', to: p.get('to') || '',
      shop: p.get('shop') || '', channel: p.get('channel') || '', tag: p.get('tag') || '',
      by: ['shop', 'channel', 'tag'].includes(p.get('by')) ? p.get('by') : 'shop'
    };
  }

  function writeAddress() {
    const p = new URLSearchParams();
    if (state.range) p.set('range', state.range); else { p.set('from', state.from); p.set('to', state.to); }
    for (const k of ['shop', 'channel', 'tag']) if (state[k]) p.set(k, state[k]);
    if (state.by !== 'shop') p.set('by', state.by);
    history.replaceState(null, '', location.pathname + '?' + p);
  }

  /** The API's parameters: a preset ends at the end of the current hour (UTC). */
  function params(extra) {
    const p = new URLSearchParams();
    if (state.range) {
      const end = new Date(); end.setUTCMinutes(0, 0, 0); end.setUTCHours(end.getUTCHours() + 1);
      p.set('from', new Date(end - PRESETS[state.range] * 3600e3).toISOString().replace('.000', ''));
      p.set('to', end.toISOString().replace('.000', ''));
    } else {
      if (state.from) p.set('from', state.from);
      if (state.to) p.set('to', state.to);
    }
    for (const k of ['shop', 'channel', 'tag']) if (state[k]) p.set(k, state[k]);
    for (const k in extra || {}) if (extra[k] === '') p.delete(k); else p.set(k, extra[k]);
    return p.toString();
  }

  async function get(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.detail || (r.status + ' ' + r.statusText));
    return body;
  }

  const num = n => n == null ? '–' : n.toLocaleString('en-US');
  function duration(s) {
    if (s == null) return '–';
    const m = Math.round(s / 60);
    if (m < 60) return m + 'm';
    if (m < 48 * 60) return Math.floor(m / 60) + 'h ' + String(m % 60).padStart(2, '0') + 'm';
    return Math.floor(m / 1440) + 'd ' + Math.round((m % 1440) / 60) + 'h';
  }
  /** "2025-03-12 06:00 → 18:00 UTC", the date repeated only when the range crosses midnight. */
  function rangeText(from, to) {
    const f = from.slice(0, 16).replace('T', ' '), t = to.slice(0, 16).replace('T', ' ');
    return f + ' → ' + (f.slice(0, 10) === t.slice(0, 10) ? t.slice(11) : t) + ' UTC';
  }

  async function load() {
    const banner = $('banner');
    try {
      const q = params();
      const [hourly, breakdown, tags] = await Promise.all([
        get('/api/analytics/hourly?' + q),
        get('/api/analytics/breakdown?' + params({ by: state.by })),
        get('/api/analytics/breakdown?' + params({ by: 'tag', tag: '' }))
      ]);
      banner.hidden = true;
      tiles(hourly.summary);
      draw(hourly.hours);
      table(breakdown);
      reasons(hourly.summary.rejectReasons);
      $('tags').replaceChildren(...tags.rows.map(r => Object.assign(document.createElement('option'), { value: r.key })));
      $('range-text').textContent = rangeText(hourly.from, hourly.to);
      $('csv-hourly').href = '/api/analytics/hourly.csv?' + q;
      $('csv-breakdown').href = '/api/analytics/breakdown.csv?' + params({ by: state.by });
    } catch (e) {
      banner.textContent = 'Could not load analytics: ' + e.message;
      banner.hidden = false;
    }
    document.body.dataset.loads = String(Number(document.body.dataset.loads) + 1);
    document.body.dataset.ready = '1';
  }

  function tiles(s) {
    $('tile-orders').textContent = num(s.ordersIn);
    $('tile-orders-sub').textContent = num(s.unitsOrdered) + ' units ordered';
    $('tile-picked').textContent = num(s.unitsPicked);
    $('tile-picked-sub').textContent = num(s.pickScans) + ' pick scans';
    $('tile-parcels').textContent = num(s.parcelsShipped);
    $('tile-parcels-sub').textContent = num(s.ordersShipped) + ' orders shipped';
    const acc = $('tile-accuracy');
    acc.textContent = s.pickAccuracyPercent == null ? '–' : s.pickAccuracyPercent.toFixed(1) + ' %';
    acc.className = s.pickAccuracyPercent == null ? '' : s.pickAccuracyPercent >= 98 ? 'good' : s.pickAccuracyPercent >= 90 ? 'warn' : 'bad';
    $('tile-accuracy-sub').textContent = num(s.rejectedScans) + ' of ' + num(s.pickScans) + ' scans rejected';
    $('tile-shorts').textContent = num(s.shortPicks);
    $('tile-shorts').className = s.shortPicks > 0 ? 'warn' : '';
    $('tile-shorts-sub').textContent = 'bins found short';
    $('tile-p50').textContent = duration(s.leadTimeP50Seconds);
    $('tile-p90').textContent = duration(s.leadTimeP90Seconds);
  }

  // ---- charts ----
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // UTC hours on a 24-hour clock; the date where a day starts (and on the first tick).
  const hourLabels = (u, splits) => splits.map((s, i) => {
    const d = new Date(s * 1000), hh = String(d.getUTCHours()).padStart(2, '0') + ':00';
    return d.getUTCHours() === 0 || i === 0 ? d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + '\n' + hh : hh;
  });
  const axis = { stroke: '#bbb', grid: { stroke: '#262626', width: 1 }, ticks: { stroke: '#444', width: 1 }, font: '12px system-ui, sans-serif' };
  const yAxis = Object.assign({}, axis, { size: 46, values: (u, v) => v.map(x => Number.isInteger(x) ? x.toLocaleString('en-US') : '') });
  const bars = () => uPlot.paths.bars({ size: [0.7, 40] });
  const SPECS = {
    'chart-flow': [
      { label: 'Orders in', stroke: '#ffd400', width: 2, fill: 'rgba(255,212,0,.12)', key: 'ordersIn' },
      { label: 'Parcels shipped', stroke: '#3ee26b', width: 2, key: 'parcelsShipped' }],
    'chart-picked': [
      { label: 'Units picked', stroke: '#4ea3ff', fill: 'rgba(78,163,255,.75)', paths: bars(), points: { show: false }, key: 'unitsPicked' }],
    'chart-quality': [
      { label: 'Rejected scans', stroke: '#ff5c5c', fill: 'rgba(255,92,92,.75)', paths: bars(), points: { show: false }, key: 'rejectedScans' },
      { label: 'Short picks', stroke: '#ffb35c', width: 2, points: { show: true, size: 6, fill: '#ffb35c' }, key: 'shortPicks' }]
  };

  function size(el) { return { width: Math.max(300, el.clientWidth), height: 150 }; }

  function draw(hours) {
    const xs = hours.map(h => Date.parse(h.hour) / 1000);
    for (const id in SPECS) {
      const data = [xs, ...SPECS[id].map(s => hours.map(h => h[s.key]))];
      if (charts[id]) { charts[id].setData(data); continue; }
      const el = $(id);
      charts[id] = new uPlot(Object.assign(size(el), {
        tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
        series: [{ label: 'Hour (UTC)' }, ...SPECS[id].map(s => Object.assign({}, s))],
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
        axes: [Object.assign({}, axis, { values: hourLabels }), yAxis],
        cursor: { points: { size: 6 } },
        legend: { live: true }
      }), data, el);
    }
  }

  window.addEventListener('resize', () => { for (const id in charts) charts[id].setSize(size($(id))); });

  // ---- breakdown and reasons ----
  function table(b) {
    $('by-head').textContent = { shop: 'Shop', channel: 'Channel', tag: 'Tag' }[b.by];
    const rows = b.rows.map(r => {
      const tr = document.createElement('tr');
      tr.dataset.key = r.key;
      tr.title = 'Show only ' + r.key;
      const cells = [[r.key, 'key'], [num(r.ordersIn), 'n orders'], [num(r.unitsPicked), 'n picked'], [num(r.ordersShipped), 'n shipped'],
        [duration(r.leadTimeP50Seconds), 'n p50'], [duration(r.leadTimeP90Seconds), 'n p90'],
        [r.pickAccuracyPercent == null ? '–' : r.pickAccuracyPercent.toFixed(1) + '%', 'n accuracy'], [num(r.shortPicks), 'n shorts']];
      for (const [text, cls] of cells) tr.appendChild(Object.assign(document.createElement('td'), { textContent: text, className: cls }));
      tr.addEventListener('click', () => { state[b.by] = r.key; syncControls(); changed(); });
      return tr;
    });
    document.querySelector('#breakdown tbody').replaceChildren(...rows);
    $('breakdown-empty').hidden = rows.length > 0;
  }

  function reasons(list) {
    const max = Math.max(1, ...list.map(r => r.scans));
    $('reasons').replaceChildren(...list.map(r => {
      const li = document.createElement('li');
      li.innerHTML = '<span class="name"></span><span class="bar"></span><span class="count"></span>';
      li.querySelector('.name').textContent = r.reason;
      li.querySelector('.bar').style.width = Math.round(220 * r.scans / max) + 'px';
      li.querySelector('.count').textContent = num(r.scans);
      return li;
    }));
    $('reasons-empty').hidden = list.length > 0;
  }

  // ---- controls ----
  function syncControls() {
    document.querySelectorAll('#ranges button').forEach(b => b.classList.toggle('on', b.dataset.range === state.range));
    document.querySelectorAll('#by button').forEach(b => b.classList.toggle('on', b.dataset.by === state.by));
    if (state.shop && ![...$('shop').options].some(o => o.value === state.shop))
      $('shop').add(new Option(state.shop, state.shop));
    $('shop').value = state.shop;
    $('channel').value = state.channel;
    $('tag').value = state.tag;
  }

  function changed() {
    writeAddress();
    load();
    clearInterval(timer);
    // A preset follows the clock: refresh every minute; a fixed range does not change.
    if (state.range) timer = setInterval(load, 60000);
  }

  document.querySelectorAll('#ranges button').forEach(b => b.addEventListener('click', () => {
    state.range = b.dataset.range; state.from = state.to = ''; syncControls(); changed();
  }));
  document.querySelectorAll('#by button').forEach(b => b.addEventListener('click', () => { state.by = b.dataset.by; syncControls(); changed(); }));
  $('shop').addEventListener('change', e => { state.shop = e.target.value; changed(); });
  $('channel').addEventListener('change', e => { state.channel = e.target.value; changed(); });
  $('tag').addEventListener('change', e => { state.tag = e.target.value.trim(); changed(); });

  async function shops() {
    try {
      const page = await get('/api/shops?size=500');
      for (const s of page.items) if (s.code !== state.shop) $('shop').add(new Option(s.code + ' · ' + s.name, s.code));
      $('shop').value = state.shop;
    } catch (e) { /* the filter still works with the shop from the address */ }
  }

  syncControls();
  shops();
  changed();
})();
