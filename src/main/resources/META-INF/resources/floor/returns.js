'use strict';
// The returns station page. The server decides what is right; this page finds the return from what is
// scanned off the parcel, holds the unit in hand until its fate is chosen (RESTOCK asks for the bin),
// sends it, and shows the return line by line. Scanning RESTOCK / QUARANTINE / SCRAP / CLOSE works too.
(() => {
  const $ = id => document.getElementById(id);
  const scan = $('scan');
  const { good, bad, banner } = window.Floor;
  const api = (method, path, body) => window.Floor.api(method, path, body, 'No connection to the server: scan again');
  const DISPOSITIONS = ['RESTOCK', 'QUARANTINE', 'SCRAP'];

  let clerk = null;     // the signed-in user
  let rma = null;       // the open return, as the server last answered it
  let pending = null;   // the item code in hand, waiting for its fate
  let chosen = null;    // RESTOCK while waiting for the bin scan
  let expect = '';      // rma | item | disposition | location
  let busy = false;
  let answers = 0;
  let closed = 0;

  function show(screen, want) {
    for (const s of ['setup', 'ready', 'receiving']) $(s).hidden = s !== screen;
    document.body.dataset.screen = screen;
    expect = want || '';
    document.body.dataset.expect = expect;
    $('who').textContent = clerk ? 'Returns clerk ' + clerk : '…';
    $('signout').hidden = !clerk;
    $('count').hidden = closed === 0;
    $('count').textContent = 'Returns closed: ' + closed;
    $('expect').textContent = {
      rma: 'Scan the RMA, the parcel label or the order number',
      item: 'Scan each item out of the parcel · CLOSE when done',
      disposition: 'Choose: RESTOCK, QUARANTINE or SCRAP',
      location: 'Scan the bin it goes back to',
    }[expect] || 'Wait';
    const hand = $('inhand');
    hand.textContent = pending || '—';
    hand.className = 'value mono' + (pending && !lineOf(pending) ? ' unexpected' : '');
    for (const d of DISPOSITIONS) {
      $(d).disabled = !pending || busy;
      $(d).classList.toggle('chosen', chosen === d);
    }
    $('close').disabled = !rma || busy;
  }

  /** The expected line a code names (its SKU or one of its barcodes), if any. */
  function lineOf(code) {
    if (!rma) return null;
    const c = code.toUpperCase();
    return rma.lines.find(l => l.sku.toUpperCase() === c || l.barcodes.includes(code)) || null;
  }

  function render(r) {
    rma = r;
    $('rma-code').textContent = r.code;
    $('order-ref').textContent = r.externalId;
    $('shop').textContent = r.shop;
    $('rma-status').textContent = r.status;
    $('rma-status').className = 'status ' + r.status;
    const body = $('lines').tBodies[0];
    body.textContent = '';
    const match = pending ? lineOf(pending) : null;
    for (const l of r.lines) {
      const left = l.quantity - l.received;
      const tr = body.insertRow();
      tr.className = (left > 0 ? 'todo' : 'done') + (match === l ? ' match' : '');
      tr.dataset.sku = l.sku;
      const fate = [['restocked', l.restocked], ['quarantined', l.quarantined], ['scrapped', l.scrapped]]
        .filter(x => x[1] > 0).map(x => x[1] + ' ' + x[0]).join(', ') + (l.unexpected ? ` (+${l.unexpected} extra)` : '');
      for (const [cls, v] of [['sku', l.sku], ['name', l.name], ['reason', l.reason.replaceAll('_', ' ').toLowerCase()],
        ['n expected', l.quantity], ['n received', l.received], ['n left', left], ['fate', fate]]) {
        const td = tr.insertCell();
        td.className = cls;
        td.textContent = v;
      }
    }
    const list = $('units');
    list.textContent = '';
    for (const u of [...r.units].reverse()) {
      const li = document.createElement('li');
      li.className = u.unexpected ? 'unexpected' : '';
      const code = document.createElement('span');
      code.className = 'mono';
      code.textContent = u.sku || u.code;
      li.append(code, ' ' + { RESTOCK: 'restocked at ' + u.location, QUARANTINE: 'quarantined at ' + u.location, SCRAP: 'scrapped' }[u.disposition]);
      if (u.unexpected) li.append(tag('unexpected', 'flag'));
      if (u.note) li.append(tag('note: ' + u.note));
      if (u.photoRef) li.append(tag('photo ' + u.photoRef));
      list.append(li);
    }
    $('unit-count').textContent = r.units.length ? '(' + r.units.length + ')' : '';
  }

  function tag(text, cls) {
    const s = document.createElement('span');
    s.className = 'tag' + (cls ? ' ' + cls : '');
    s.textContent = text;
    return s;
  }

  function answered() { answers++; document.body.dataset.answers = String(answers); }

  function hold(code) {
    pending = code;
    chosen = null;
    const line = lineOf(code);
    $('inhand-hint').textContent = line ? line.name + ' · ' + line.reason.replaceAll('_', ' ').toLowerCase()
      : 'Not on this return: it will be recorded as unexpected';
    render(rma);
    show('receiving', 'disposition');
  }

  async function find(code) {
    busy = true;
    try {
      const r = await api('GET', '/api/returns/lookup?code=' + encodeURIComponent(code));
      pending = null; chosen = null;
      $('inhand-hint').textContent = '';
      render(r);
      if (r.status === 'OPEN' || r.status === 'RECEIVED') {
        good();
        banner(r.code + ' · order ' + r.externalId + ': ' + r.lines.reduce((n, l) => n + l.quantity - l.received, 0) + ' items expected', 'good');
      }
      busy = false;
      show('receiving', 'item');
    } catch (e) {
      bad();
      banner(e.message, 'bad');
      busy = false;
      show(rma ? 'receiving' : 'ready', rma ? expect : 'rma');
    }
  }

  async function send(disposition, location) {
    busy = true;
    show('receiving', expect);
    const body = { code: pending, disposition, note: $('note').value.trim() || null, photoRef: $('photo').value.trim() || null };
    if (location) body.location = location;
    try {
      const a = await api('POST', `/api/returns/${rma.id}/units`, body);
      if (a.rma) render(a.rma);
      busy = false;
      if (a.result === 'ACCEPTED') {
        good();
        banner(a.message, a.reason === 'UNEXPECTED' ? 'info' : 'good');
        pending = null; chosen = null;
        $('note').value = ''; $('photo').value = ''; $('inhand-hint').textContent = '';
        render(rma);
        show('receiving', 'item');
      } else {
        bad();
        banner(a.message, 'bad');
        // A wrong bin: the unit stays in hand, scan another bin. Anything else: start the unit again.
        if (['UNKNOWN_LOCATION', 'NOT_SELLABLE_LOCATION', 'LOCATION_REQUIRED'].includes(a.reason)) show('receiving', 'location');
        else if (a.reason === 'RMA_CLOSED') { pending = null; chosen = null; show('receiving', 'rma'); }
        else { chosen = null; show('receiving', 'disposition'); }
      }
    } catch (e) {
      busy = false;
      bad();
      banner(e.message, 'bad');
      show('receiving', expect);
    } finally {
      answered();
    }
  }

  function choose(d) {
    if (!pending || busy) return;
    if (d === 'RESTOCK') {
      chosen = d;
      banner('Restock ' + pending + ': scan the bin', 'info');
      return show('receiving', 'location');
    }
    send(d, null);
  }

  async function close() {
    if (!rma || busy) return;
    busy = true;
    try {
      const r = await api('POST', `/api/returns/${rma.id}/close`);
      good();
      closed++;
      banner(r.code + ' closed: ' + r.status + ' (' + r.units.length + ' units)', 'good');
      rma = null; pending = null; chosen = null;
      $('ready-title').textContent = r.code + ' closed';
      $('ready-title').className = 'ok';
      busy = false;
      show('ready', 'rma');
    } catch (e) {
      bad();
      banner(e.message, 'bad');
      busy = false;
      show('receiving', expect);
    } finally {
      answered();
    }
  }

  async function onEntry(raw) {
    const code = raw.trim();
    if (!code || !clerk || busy) return;
    const word = code.toUpperCase();
    if (expect === 'rma') return find(code).finally(answered);
    if (word === 'CLOSE') return close();
    if (DISPOSITIONS.includes(word) && pending) { choose(word); if (word === 'RESTOCK') answered(); return; }
    if (expect === 'location') return send('RESTOCK', code);
    // An RMA code scanned mid-return switches to that return.
    if (/^RMA-\d+$/.test(word)) return find(code).finally(answered);
    hold(code);
    answered();
  }

  for (const d of DISPOSITIONS) $(d).addEventListener('click', () => choose(d));
  $('close').addEventListener('click', close);
  $('signout').addEventListener('click', () => window.Session.signOut());
  // The note and photo fields may take focus; Enter there hands it back to the scan field.
  const typing = el => el === $('note') || el === $('photo');
  const refocus = window.Floor.scanField(scan, onEntry, typing);
  for (const f of [$('note'), $('photo')])
    f.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); scan.focus(); } });

  window.Session.me().then(me => {
    clerk = me.username;
    show('ready', 'rma');
    refocus();
    document.body.dataset.ready = '1';
  }).catch(e => { banner(e.message, 'bad'); document.body.dataset.ready = '1'; });
})();
