'use strict';
// The board's panels: each draws one part of a board (as GET /api/board answers it) into its box.
// ctx.board() is the board being drawn (for its clock), ctx.shop the shop filter.
window.BoardPanels = ctx => {
  const { $, el, add, btn, num, clock, span, REASONS, api } = window.BoardKit;
  const relative = iso => window.BoardKit.relative(iso, ctx.board() && ctx.board().at);

  function header(b) {
    $('shop').textContent = ctx.shop ? ctx.shop : 'all shops';
    $('rate-pick').textContent = num(b.rates.pickUnitsPerHour);
    $('rate-pack').textContent = num(b.rates.packOrdersPerHour);
    $('rate-basis').textContent = 'over ' + b.rates.basis;
    const n = b.atRisk.count;
    $('at-risk-count').textContent = num(n);
    $('risk-chip').dataset.count = String(n);
    $('risk-chip').classList.toggle('bad', n > 0);
    const ar = $('auto-release');
    if (!ar.dataset.busy) ar.checked = !!b.autoRelease;
    ar.disabled = !!ar.dataset.busy;
    $('auto-release-state').textContent = b.autoRelease ? 'ON' : 'PAUSED';
    document.body.classList.toggle('paused', !b.autoRelease);
  }

  function waves(list) {
    const box = $('waves');
    box.textContent = '';
    const open = list.filter(w => w.status !== 'COMPLETED' && w.status !== 'CANCELLED').length;
    $('waves-count').textContent = open + ' open' + (list.length > open ? ' · ' + (list.length - open) + ' done last hour' : '');
    if (!list.length) box.append(el('p', 'none', 'No open waves.'));
    for (const w of list) {
      const done = w.status === 'COMPLETED' || w.status === 'CANCELLED';
      const card = el('div', 'wave s-' + w.status + (w.stuck ? ' stuck' : '') + (done ? ' done' : ''));
      card.dataset.wave = w.id;
      card.dataset.status = w.status;
      card.dataset.picked = w.picked;
      card.dataset.units = w.units;
      card.dataset.priority = w.priority;

      const head = el('div', 'wavehead');
      add(head, el('span', 'wid', 'W' + w.id), el('span', 'chip st-' + w.status, w.status));
      if (w.stuck) head.append(el('span', 'chip stuckchip', 'STUCK'));
      head.append(el('span', 'grow'));
      if (!done) {
        const pr = el('span', 'prio');
        add(pr, btn('−', 'priority', { id: w.id, priority: w.priority - 1 }, 'Lower priority'),
          el('span', 'pv', 'P' + w.priority),
          btn('+', 'priority', { id: w.id, priority: w.priority + 1 }, 'Raise priority'));
        head.append(pr);
      }
      if (w.status === 'PLANNED') head.append(btn('Release', 'release-wave', { id: w.id }, 'Release this wave to the pickers'));
      card.append(head);

      const bar = el('div', 'bar');
      const pct = w.units ? 100 * w.picked / w.units : 0, spct = w.units ? 100 * w.shorted / w.units : 0;
      const fill = el('i', 'fill'); fill.style.width = pct + '%';
      const sh = el('i', 'short'); sh.style.width = spct + '%';
      add(bar, fill, sh);
      const nums = el('div', 'wavenums');
      const picked = el('span', 'picked'); picked.append(el('b', 'v', num(w.picked)), ' / ' + num(w.units) + ' units');
      add(nums, picked, el('span', 'pct', Math.round(pct) + '%'));
      if (w.shorted) nums.append(el('span', 'shorted', num(w.shorted) + ' short'));
      card.append(bar, nums);

      const meta = el('div', 'wavemeta');
      add(meta, el('span', 'tasks', `tasks ${w.tasksOpen} open · ${w.tasksActive} active · ${w.tasksDone}/${w.tasks} done`),
        el('span', 'orders', num(w.orders) + ' orders'));
      card.append(meta);
      const eta = el('div', 'waveeta');
      if (done) eta.append(el('span', 'muted', w.status === 'COMPLETED' ? 'completed' : 'cancelled'));
      else if (w.eta) {
        const late = w.earliestDeadline && new Date(w.eta) > new Date(w.earliestDeadline);
        const e = el('span', 'eta' + (late ? ' late' : ''));
        e.append('ETA ', el('b', null, clock(w.eta)), ' ' + relative(w.eta));
        eta.append(e);
      } else eta.append(el('span', 'eta late', 'ETA — no pick rate'));
      if (w.earliestDeadline && !done) eta.append(el('span', 'due', 'due ' + clock(w.earliestDeadline)));
      card.append(eta);
      box.append(card);
    }
  }

  function risk(r) {
    $('risk-late').textContent = r.count ? `${num(r.count)} orders · ${num(r.late)} late` : '';
    const body = $('risk').tBodies[0];
    body.textContent = '';
    for (const o of r.orders) {
      const tr = body.insertRow();
      tr.dataset.order = o.id;
      tr.className = 'r-' + o.risk;
      const cells = [[o.externalId || String(o.id), 'ref'], [o.shop, 'shop'], [o.status, 'st'],
        [clock(o.deadline), 't'], [o.eta ? clock(o.eta) : '—', 't'], [REASONS[o.risk] || o.risk, 'why']];
      for (const [v, cls] of cells) { const td = tr.insertCell(); td.className = cls; td.textContent = v; td.title = v; }
    }
    if (r.count > r.orders.length) {
      const tr = body.insertRow(); const td = tr.insertCell(); td.colSpan = 6; td.className = 'more';
      td.textContent = '+ ' + num(r.count - r.orders.length) + ' more';
    }
    $('risk').hidden = !r.orders.length;
    $('risk-none').hidden = r.orders.length > 0;
  }

  function backlog(bl) {
    $('backlog-orders').textContent = num(bl.orders);
    $('backlog-units').textContent = num(bl.unitsToPick);
    const st = $('backlog-status');
    st.textContent = '';
    for (const [s, n] of Object.entries(bl.byStatus)) {
      const t = el('div', 'stat' + (s === 'BACKORDERED' && n > 0 ? ' bad' : '') + (n === 0 ? ' zero' : ''));
      t.dataset.status = s;
      add(t, el('span', 'n', num(n)), el('span', 'k', s.toLowerCase()));
      st.append(t);
    }
    const hours = $('backlog-hours');
    hours.textContent = '';
    const max = Math.max(1, ...bl.byShipByHour.map(h => h.orders));
    for (const h of bl.byShipByHour) {
      const row = el('div', 'hour' + (h.atRisk ? ' risky' : ''));
      row.dataset.hour = h.hour;
      const bar = el('div', 'hbar');
      const ok = el('i', 'ok'); ok.style.width = (100 * (h.orders - h.atRisk) / max) + '%';
      const bad = el('i', 'bad'); bad.style.width = (100 * h.atRisk / max) + '%';
      add(bar, ok, bad);
      const n = el('span', 'hn', num(h.orders));
      if (h.atRisk) n.append(el('b', 'hr', ' ' + num(h.atRisk) + '!'));
      add(row, el('span', 'hl', clock(h.hour)), bar, n);
      row.title = `${h.orders} orders, ${h.units} units to pick, ${h.atRisk} at risk`;
      hours.append(row);
    }
    if (!bl.byShipByHour.length) hours.append(el('p', 'none', 'Nothing waiting.'));
  }

  function pickers(list) {
    const box = $('pickers');
    box.textContent = '';
    $('pickers-count').textContent = list.length ? list.filter(p => p.taskId).length + ' on a task · ' + list.filter(p => p.idle).length + ' idle' : '';
    if (!list.length) box.append(el('p', 'none', 'No pickers in the last 2 hours.'));
    for (const p of list) {
      const row = el('div', 'row picker' + (p.idle ? ' idle' : ''));
      row.dataset.picker = p.picker;
      row.dataset.pph = p.picksPerHour;
      const who = el('div', 'who');
      add(who, el('span', 'name', p.picker),
        el('span', 'sub', p.taskId ? `task ${p.taskId} · W${p.waveId}${p.taskStatus === 'PAUSED' ? ' · paused' : ''}` : 'no task'));
      who.firstChild.title = p.picker;
      const rate = el('div', 'metric');
      add(rate, el('span', 'v pph', num(p.picksPerHour)), el('span', 'k', 'picks/h'));
      const idle = el('div', 'metric idlet');
      add(idle, el('span', 'v', p.lastScan ? span(p.idleSeconds) : '–'), el('span', 'k', p.idle ? 'IDLE' : 'since scan'));
      add(row, who, rate, idle);
      const acts = el('div', 'acts');
      if (p.taskId) add(acts, btn('Release', 'release-task', { task: p.taskId, picker: p.picker }, 'Put the task back in the pool'),
        btn('Reassign', 'reassign-task', { task: p.taskId, picker: p.picker }, 'Give the task to another picker'));
      row.append(acts);
      if (p.rejectedLast15m) who.append(el('span', 'rej', p.rejectedLast15m + ' rejected scans'));
      box.append(row);
    }
  }

  function stations(list) {
    const box = $('stations');
    box.textContent = '';
    $('stations-count').textContent = list.length ? num(list.reduce((a, s) => a + s.parcelsPerHour, 0)) + ' parcels/h' : '';
    if (!list.length) box.append(el('p', 'none', 'No pack stations.'));
    for (const s of list) {
      const row = el('div', 'row station');
      row.dataset.station = s.code;
      row.dataset.pph = s.parcelsPerHour;
      row.dataset.lastHour = s.parcelsLastHour;
      const who = el('div', 'who');
      add(who, el('span', 'name', s.code),
        el('span', 'sub', [s.kind === 'SINGLES' ? 'singles' : null, s.packer || 'no packer', s.orderRef ? 'order ' + s.orderRef : null]
          .filter(Boolean).join(' · ')));
      who.firstChild.title = s.code;
      const rate = el('div', 'metric');
      add(rate, el('span', 'v pph', num(s.parcelsPerHour)), el('span', 'k', 'parcels/h'));
      const hour = el('div', 'metric');
      add(hour, el('span', 'v lasthour', num(s.parcelsLastHour)), el('span', 'k', 'last hour'));
      add(row, who, rate, hour);
      const acts = el('div', 'acts');
      if (s.lastShipmentId) acts.append(btn('Reprint last label', 'reprint', { shipment: s.lastShipmentId },
        `Reprint the last label of ${s.code} (${s.lastTracking || 'shipment ' + s.lastShipmentId}, ${clock(s.lastParcel)})`));
      row.append(acts);
      box.append(row);
    }
  }

  let heldJobsAt = 0;
  function exceptions(x) {
    const tiles = [['x-shorts', x.shortPicksLastHour], ['x-rejected', x.rejectedScansLast15m], ['x-orders', x.orderExceptions],
      ['x-toobig', x.tooBigForAWave], ['x-print', x.printJobsFailing], ['x-carrier', x.carrierLabelsWaiting],
      ['x-held', x.heldByChannels], ['x-recovered', x.recoveredLastHour]];
    for (const [id, n] of tiles) {
      $(id).dataset.n = String(n);
      $(id).querySelector('.n').textContent = num(n);
      $(id).classList.toggle('hot', n > 0 && !$(id).classList.contains('calm')); // held orders are normal work, not trouble
    }
    const ul = $('exceptions');
    ul.textContent = '';
    for (const s of x.shortPicks) {
      const li = el('li', 'short');
      li.dataset.kind = 'short';
      add(li, el('span', 'tm', clock(s.at)), el('span', 'tag', 'SHORT'),
        el('span', 'txt', `${s.sku || '?'} at ${s.location || '?'} · ${s.picker || ''}${s.message ? ' — ' + s.message : ''}`));
      li.title = li.textContent;
      ul.append(li);
    }
    for (const o of x.orders) {
      const li = el('li', 'order');
      li.dataset.kind = 'order';
      add(li, el('span', 'tm', '#' + (o.externalId || o.id)), el('span', 'tag', 'ORDER'), el('span', 'txt', o.exception));
      li.title = li.textContent;
      ul.append(li);
    }
    for (const j of heldJobs) {
      const li = el('li', 'print');
      li.dataset.kind = 'print';
      add(li, el('span', 'tm', 'job ' + j.id), el('span', 'tag', 'LABEL'),
        el('span', 'txt', `${j.printer || 'no printer'}${j.shipmentId ? ' · shipment ' + j.shipmentId : ''} · ${j.attempts} tries — ${j.lastError || j.status}`));
      if (j.status === 'HELD') li.append(btn('Retry', 'retry-job', { job: j.id }, 'Send this label again'));
      li.title = li.querySelector('.txt').textContent;
      ul.append(li);
    }
    if (!ul.children.length) ul.append(el('li', 'none', 'No exceptions.'));
    // Failing labels: the board counts them (held, or queued and already tried); the print queue lists
    // them, asked at most every 10 s and drawn when the answer comes.
    if (x.printJobsFailing > 0 && Date.now() - heldJobsAt > 10000) {
      heldJobsAt = Date.now();
      Promise.all(['HELD', 'QUEUED'].map(st => api('GET', '/api/print-jobs?status=' + st).catch(() => [])))
        .then(([held, queued]) => {
          heldJobs = [...(held || []), ...(queued || []).filter(j => j.attempts > 0)].slice(0, 4);
          if (ctx.board()) exceptions(ctx.board().exceptions);
        });
    } else if (x.printJobsFailing === 0) heldJobs = [];
  }
  let heldJobs = [];

  const PRINTER_FLAGS = { paperOut: 'paper out', headOpen: 'head open', paused: 'paused', ribbonOut: 'ribbon out', bufferFull: 'buffer full' };
  function devices(list) {
    const box = $('devices');
    box.textContent = '';
    const bad = list.filter(d => d.state === 'OFFLINE' || d.state === 'ERROR').length;
    $('devices-count').textContent = list.length ? `${list.length - bad} ok · ${bad} down` : '';
    $('devices-count').classList.toggle('badtext', bad > 0);
    if (!list.length) box.append(el('p', 'none', 'No devices registered.'));
    for (const d of list) {
      const row = el('div', 'dev st-' + d.state);
      row.dataset.device = d.name;
      row.dataset.state = d.state;
      const flags = Object.entries(PRINTER_FLAGS).filter(([k]) => d.detail && d.detail[k] === true).map(([, v]) => v);
      const where = [d.kind.toLowerCase(), d.station, d.picker].filter(Boolean).join(' · ');
      const main = el('div', 'devmain');
      add(main, el('span', 'name', d.name), el('span', 'sub', where));
      main.firstChild.title = d.name + (d.connection ? ' (' + d.connection + ')' : '');
      add(row, el('span', 'chip state', d.state), main);
      const info = el('div', 'devinfo');
      if (d.jobsWaiting) info.append(el('span', 'waiting', d.jobsWaiting + ' waiting'));
      for (const f of flags) info.append(el('span', 'flag', f));
      const err = d.lastError && d.state !== 'ONLINE' ? d.lastError : '';
      if (err) { const e = el('span', 'err', err); e.title = err; info.append(e); }
      else if (d.lastSeen) info.append(el('span', 'seen', 'seen ' + relative(d.lastSeen)));
      row.append(info);
      box.append(row);
    }
  }

  function skus(list) {
    const body = $('skus').tBodies[0];
    body.textContent = '';
    for (const s of list) {
      const tr = body.insertRow();
      tr.dataset.sku = s.sku;
      tr.dataset.shop = s.shop;
      tr.className = s.viral ? 'viral' : '';
      const name = tr.insertCell();
      name.className = 'skucell';
      add(name, el('span', 'sku', (s.viral ? '🔥 ' : '') + s.sku), el('span', 'sub', s.name || ''));
      name.title = `${s.sku} — ${s.name || ''} (${s.shop})`;
      const left = s.stockOutEta ? (new Date(s.stockOutEta) - new Date(ctx.board().at)) / 1000 : null;
      const out = s.available <= 0 ? 'out' : left === null ? '—' : left < 12 * 3600 ? clock(s.stockOutEta) : span(left);
      const soon = s.stockOutEta && (new Date(s.stockOutEta) - new Date(ctx.board().at)) < 4 * 3600e3;
      const cells = [[num(s.unitsPerHour), 'n uph'], [s.baselinePerHour ? (s.baselinePerHour < 10 ? s.baselinePerHour.toFixed(1) : num(s.baselinePerHour)) : '0', 'n'],
        [s.ratio === null || s.ratio === undefined ? (s.unitsPerHour > 0 ? 'new' : '–') : (s.ratio < 10 ? s.ratio.toFixed(1) : num(s.ratio)) + '×', 'n ratio'],
        [num(s.available), 'n avail' + (s.available <= 0 ? ' bad' : '')], [out, 'n out' + (soon || s.available <= 0 ? ' bad' : '')]];
      for (const [v, cls] of cells) { const td = tr.insertCell(); td.className = cls; td.textContent = v; td.title = v; }
      tr.lastChild.title = s.available <= 0 ? 'sold out' : s.stockOutEta ? 'stock-out ' + clock(s.stockOutEta) + ', ' + relative(s.stockOutEta) : 'not selling';
    }
    $('skus').hidden = !list.length;
    $('skus-none').hidden = list.length > 0;
  }

  /** A retried label leaves the list at once; the next board recounts. */
  function forgetJob(id) {
    heldJobs = heldJobs.filter(j => String(j.id) !== String(id));
  }

  return { header, waves, risk, backlog, pickers, stations, exceptions, devices, skus, forgetJob };
};
