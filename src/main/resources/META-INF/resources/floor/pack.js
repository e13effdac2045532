'use strict';
// The pack station page. The server decides what is right; this page opens an order from a tote
// (or order number), sends each item scan, closes parcels and shows each parcel's label.
// At a SINGLES station every scan ships one order.
(() => {
  const $ = id => document.getElementById(id);
  const scan = $('scan');
  const store = window.sessionStorage;
  const params = new URLSearchParams(location.search);

  let packer = null;    // the signed-in user (GET /api/auth/me)
  let station = (params.get('station') || store.getItem('surge.station') || '').trim().toUpperCase() || null;
  if (station) store.setItem('surge.station', station);
  let pack = null;      // the open order's PackView (STANDARD)
  let screen = 'setup';
  let busy = false;
  let answers = 0;
  let shipped = 0;      // parcels closed or singles shipped at this screen since sign-in

  const kindKey = () => 'surge.kind.' + station;
  /** STANDARD or SINGLES once the server's answers have told; null until then. */
  const kind = () => (station ? store.getItem(kindKey()) : null);
  const setKind = k => store.setItem(kindKey(), k);

  const { good, bad, banner } = window.Floor;
  const api = (method, path, body) => window.Floor.api(method, path, body, 'No connection to the server: scan again');
  const stationPath = what => `/api/packing/stations/${encodeURIComponent(station)}/${what}`;

  // ---- screens
  function show(name) {
    screen = name;
    const section = { setup: 'setup', ready: 'ready', packed: 'ready', singles: 'ready', packing: 'packing' }[name];
    for (const s of ['setup', 'ready', 'packing']) $(s).hidden = s !== section;
    document.body.dataset.screen = name;
    $('who').textContent = packer ? 'Packer ' + packer : '…';
    $('station-code').textContent = station ? 'Station ' + station + (kind() === 'SINGLES' ? ' · singles' : '') : '';
    $('signout').hidden = !packer;
    $('count').hidden = shipped === 0;
    $('count').textContent = (kind() === 'SINGLES' ? 'Shipped: ' : 'Parcels closed: ') + shipped;
    if (name === 'setup') $('parcel').hidden = true;
    let text = 'Wait';
    if (name === 'setup' && packer) text = 'Scan or type the station code';
    if (name === 'ready' || name === 'packed') text = 'Scan a tote or order number';
    if (name === 'singles') text = 'Scan an item to ship its order';
    if (name === 'packing') text = 'Scan each item · CLOSE closes the parcel';
    $('expect').textContent = text;
  }

  function ready(title, text, ok) {
    $('ready-title').textContent = title;
    $('ready-title').className = ok ? 'ok' : '';
    $('ready-text').textContent = text;
  }

  function home() {
    if (!packer || !station) {
      $('setup-text').textContent = packer ? 'Which station is this? Scan its code, then Enter.' : 'Checking who is signed in…';
      return show('setup');
    }
    if (kind() === 'SINGLES') {
      ready('Singles', 'Scan one unit: its order is packed and the label prints.');
      return show('singles');
    }
    ready('Ready', 'Scan a tote or an order number to start packing.');
    show('ready');
  }

  /** The open order, line by line; remaining units stand out. */
  function render(p) {
    pack = p;
    $('order-id').textContent = p.orderId;
    $('external-id').textContent = p.externalId || '';
    $('shop').textContent = p.shop;
    $('order-status').textContent = p.status;
    $('order-status').className = 'status ' + p.status;
    $('parcels').textContent = p.parcels;
    $('estimate').textContent = p.estimatedWeightG + ' g';
    $('suggested').textContent = p.suggestedCarton || '—';
    const body = $('lines').tBodies[0];
    body.textContent = '';
    for (const l of p.lines) {
      const left = l.ordered - l.packed - l.scanned;
      const tr = body.insertRow();
      tr.className = left > 0 ? 'todo' : 'done';
      tr.dataset.sku = l.sku;
      for (const [cls, v] of [['sku', l.sku], ['name', l.name], ['n ordered', l.ordered], ['n packed', l.packed], ['n scanned', l.scanned], ['n left', left]]) {
        const td = tr.insertCell();
        td.className = cls;
        td.textContent = v;
      }
    }
  }

  function opened(p) {
    render(p);
    $('carton').value = p.suggestedCarton || 'MAILER-S';
    $('weight').value = '';
    show('packing');
  }

  // ---- the label: shown only with the answer that made it. A packer sticks on whatever label is on
  // screen, so after any other answer (above all a refused scan) the last parcel's label must be gone.

  let pendingPoll = null;

  /** The label of the shipment this answer made; title and caption come from the same answer. */
  function showLabel(a, title) {
    const id = a.shipmentId, p = a.pack;
    stopPending();
    if (a.reason === 'LABEL_PENDING') return showPending(a);
    $('parcel-title').textContent = title;
    $('shipment-id').textContent = id;
    $('label-for').textContent = `Label for order ${p.orderId}${p.externalId ? ' (' + p.externalId + ')' : ''} · shop ${p.shop} · shipment ${id}`;
    const pdf = `/api/shipments/${id}/label`;
    const img = $('label');
    // The server's PNG preview (rasterized from the same PDF) shows in any browser, kiosk or not. Until
    // it has loaded the browser keeps painting the previous picture: keep it invisible until then.
    img.classList.add('loading');
    img.onload = img.onerror = () => img.classList.remove('loading');
    img.src = pdf + '?format=png';
    $('pdf').href = pdf;
    $('zpl').href = pdf + '?format=zpl';
    $('zpl').setAttribute('download', `shipment-${id}.zpl`);
    $('parcel').hidden = false;
    $('nolabel').hidden = true;
  }

  /**
   * The carrier has not sold this parcel's label yet (slow or down): nothing to stick on, say so in amber, and
   * look every 2 s whether it has come; it then shows here, unless a later answer took this parcel's place.
   */
  function showPending(a) {
    const id = a.shipmentId, p = a.pack;
    $('parcel').hidden = true;
    $('label').removeAttribute('src');
    $('nolabel').hidden = true;
    $('pending-for').textContent = `Order ${p.orderId}${p.externalId ? ' (' + p.externalId + ')' : ''} · shop ${p.shop} · shipment ${id}`;
    $('pending').hidden = false;
    pendingPoll = setInterval(async () => {
      const r = await fetch(`/api/shipments/${id}/label?format=zpl`, { credentials: 'same-origin' }).catch(() => null);
      if (!r || !r.ok || pendingPoll === null || $('pending').hidden) return;
      banner(`Label for order ${p.orderId} bought: sent to the printer`, 'good');
      showLabel({ ...a, reason: null }, `Label for order ${p.orderId} printed`);
    }, 2000);
  }

  function stopPending() {
    if (pendingPoll !== null) clearInterval(pendingPoll);
    pendingPoll = null;
    $('pending').hidden = true;
  }

  /** This answer made no label: take the last one away; after a refused scan say so where it was. */
  function dropLabel(refusedScan) {
    const wasShown = !$('parcel').hidden || !$('nolabel').hidden || !$('pending').hidden;
    stopPending();
    $('parcel').hidden = true;
    $('label').removeAttribute('src');
    $('nolabel').hidden = !(refusedScan && wasShown);
  }

  /** A scan refused (by the server, or never sent): red, no label, no success of an earlier scan left. */
  function refused(message) {
    bad();
    banner(message, 'bad');
    dropLabel(true);
    if (screen === 'packed' || screen === 'singles') home(); // "Order … PACKED", "Last shipped: …"
  }

  function answered() { answers++; document.body.dataset.answers = String(answers); }

  // ---- what the packer does
  async function onEntry(raw) {
    const code = raw.trim();
    if (!code) return;
    if (!packer) return;
    if (!station) return setStation(code);
    if (busy) return refused('Wait for the last scan to be answered, then scan again');
    busy = true;
    try {
      if (screen === 'packing' && code.toUpperCase() === 'CLOSE') await closeParcel();
      else if (screen === 'packing' || kind() !== 'STANDARD') await itemScan(code);
      else await open(code);
    } catch (e) {
      refused(e.message);
    } finally {
      busy = false;
      answered();
    }
  }

  async function open(code) {
    let p;
    try {
      p = await api('POST', stationPath('open'), { code, packer });
    } catch (e) {
      // The station still has an order open (a reload, another tab): pick it up by sending the
      // code as an item scan, whose answer carries the open order.
      if (e.status === 409 && / is packing order /.test(e.message)) return itemScan(code);
      throw e;
    }
    good();
    banner(`Order ${p.orderId} open: scan each item`, 'good');
    dropLabel(false);
    opened(p);
  }

  /** An item into the open parcel; with nothing open, the answer tells the station's kind. */
  async function itemScan(code) {
    const a = await api('POST', stationPath('scan'), { code, packer });
    if (a.result === 'REJECTED' && a.reason === 'NO_ORDER' && screen !== 'packing') {
      setKind('STANDARD'); // a standard station with nothing open: this code opens an order
      return open(code);
    }
    itemAnswered(a);
  }

  /** The server's answer to an item scan, typed here or sent by the station's serial scanner. */
  function itemAnswered(a) {
    if (a.shipmentId != null) { // a singles station: this scan shipped one order
      setKind('SINGLES');
      good();
      shipped++;
      banner(a.message, a.reason === 'LABEL_PENDING' ? 'info' : 'good');
      showLabel(a, `Order ${a.pack.orderId} ${a.pack.externalId ? '(' + a.pack.externalId + ') ' : ''}shipped`);
      ready('Singles', `Last shipped: order ${a.pack.orderId}, shop ${a.pack.shop}. Scan the next unit.`);
      return show('singles');
    }
    if (['NO_ORDER_WAITS', 'UNKNOWN_ITEM'].includes(a.reason)) setKind('SINGLES');
    if (a.result === 'ACCEPTED') { good(); banner(a.message, 'good'); dropLabel(false); } else refused(a.message);
    if (a.pack) opened(a.pack); else if (screen !== 'packing') home();
  }

  async function closeParcel() {
    if (!pack) throw new Error('No order is open: scan a tote first');
    const w = $('weight').value.trim();
    if (w && !/^\d{1,7}$/.test(w)) throw new Error('Weight is whole grams, e.g. 420');
    const body = { packer, carton: $('carton').value };
    if (w) body.weightG = Number(w);
    closed(await api('POST', stationPath('close'), body));
  }

  /** A parcel closed (by the button, a CLOSE scan here, or CLOSE from the serial scanner). */
  function closed(a) {
    good();
    shipped++;
    const p = a.pack;
    showLabel(a, `Parcel ${p.parcels} closed`);
    if (p.status === 'PACKED') {
      pack = null;
      banner(`Parcel ${p.parcels} closed · order ${p.orderId} PACKED`, 'good');
      ready(`Order ${p.orderId} PACKED`, `${p.parcels} parcel${p.parcels > 1 ? 's' : ''}. Scan the next tote or order number.`, true);
      return show('packed');
    }
    banner(`Parcel ${p.parcels} closed · scan the items for the next parcel`, 'info');
    opened(p);
  }

  const closeButton = () => {
    if (busy) return;
    busy = true;
    closeParcel().catch(e => refused(e.message))
      .finally(() => { busy = false; answered(); refocus(); });
  };

  function setStation(code) {
    const c = code.toUpperCase();
    if (!/^[A-Z0-9-]{2,32}$/.test(c)) { bad(); return banner('A station code is 2–32 of A–Z, 0–9 and -', 'bad'); }
    station = c;
    store.setItem('surge.station', c);
    banner('', '');
    home();
    listen();
  }

  function signOut() {
    if (pack) return banner('Close the parcel before signing out', 'bad');
    if (feed) feed.close();
    feed = null;
    window.Session.signOut();
  }

  // ---- pushed by the server: scans from this station's serial scanner, its scale, its devices' state
  let feed = null;
  const offline = new Map(); // device name -> error, while it is offline

  function listen() {
    if (feed) feed.close();
    feed = null;
    if (!packer || !station || !window.EventSource) return;
    feed = new EventSource(`${stationPath('events')}?packer=${encodeURIComponent(packer)}`);
    feed.onopen = () => { window.Floor.feedOpen = true; };
    feed.onerror = () => { window.Floor.feedOpen = false; }; // EventSource reconnects by itself
    feed.onmessage = e => {
      const m = JSON.parse(e.data);
      if (m.type === 'scan') serialScan(m);
      else if (m.type === 'weight') weighed(m);
      else if (m.type === 'device') deviceState(m);
    };
  }

  function serialScan(m) {
    const a = m.answer;
    $('serial').textContent = `${m.device}: ${m.code}`;
    $('serial').hidden = false;
    if (a.result === 'ACCEPTED' && (m.code || '').toUpperCase() === 'CLOSE') closed(a);
    else itemAnswered(a);
    answered();
  }

  function weighed(m) {
    $('scale').textContent = `Scale ${m.grams} g${m.stable ? '' : ' (moving)'}`;
    $('scale').hidden = false;
    if (m.stable && document.activeElement !== $('weight')) $('weight').value = m.grams;
  }

  function deviceState(m) {
    if (m.state === 'ONLINE') offline.delete(m.device); else offline.set(m.device, m.error || m.state);
    const chip = $('devices');
    chip.hidden = offline.size === 0;
    chip.textContent = [...offline.keys()].map(d => d + ' offline').join(' · ');
    chip.title = [...offline.entries()].map(([d, e]) => d + ': ' + e).join('\n');
    if (m.state !== 'ONLINE') { bad(); banner(`${m.device} is ${m.state.toLowerCase()}${m.error ? ': ' + m.error : ''}`, 'bad'); }
    else banner(`${m.device} is back online`, 'good');
  }

  // ---- focus: the scan field, except while the packer sets weight or carton
  // Focus returns to the scan field, except while the packer types a weight or picks a carton.
  const own = el => el === $('weight') || el === $('carton');
  const refocus = window.Floor.scanField(scan, v => onEntry(v), own);
  for (const f of [$('weight'), $('carton')]) {
    f.addEventListener('blur', () => setTimeout(refocus, 0));
    f.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); scan.focus(); } });
  }
  $('carton').addEventListener('change', () => scan.focus());
  $('close').addEventListener('click', closeButton);
  $('signout').addEventListener('click', signOut);

  home();
  refocus();
  window.Session.me().then(me => {
    packer = me.username;
    home();
    listen();
    document.body.dataset.ready = '1';
  }).catch(e => { bad(); banner(e.message, 'bad'); });
})();
