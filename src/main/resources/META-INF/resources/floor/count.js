'use strict';
// The counter's handheld page. Blind count: the server never sends the quantity it expects, so the
// page can only show what the counter scanned. Bin first, then every item (or one item and the
// quantity keyed), then DONE or Finish. The server decides what is right and says so.
(() => {
  const $ = id => document.getElementById(id);
  const DEVICE = 'handheld-web';
  const scan = $('scan');
  const store = window.sessionStorage;
  const zone = new URLSearchParams(location.search).get('zone') || undefined; // /floor/count?zone=A: counts of one zone only

  let counter = null; // the signed-in user: the server lets a picker count only as themselves
  let count = null;   // the last CounterView the server sent
  let screen = 'loading';
  let sending = false;
  let answers = 0;

  const { good, bad, banner, api } = window.Floor;

  function show(name) {
    screen = name;
    for (const s of ['loading', 'idle', 'count', 'done']) $(s).hidden = s !== name;
    document.body.dataset.screen = name;
    document.body.dataset.expect = name === 'count' && count ? count.expect : '';
    $('actions').hidden = name !== 'count';
    $('signout').hidden = !counter;
    $('who').textContent = counter || '…';
    $('progress').hidden = name !== 'count';
    prompt();
  }

  function prompt() {
    let text = 'Wait';
    $('count-location').classList.remove('want');
    $('count-item').classList.remove('want');
    if (screen === 'idle' || screen === 'done') text = 'Enter = get count';
    else if (screen === 'count' && count.expect === 'LOCATION') { text = 'Scan bin ' + count.location; $('count-location').classList.add('want'); }
    else if (screen === 'count' && count.expect === 'ITEM') {
      text = (count.sku ? 'Scan each ' + count.sku : 'Scan each item') + ', key qty, or DONE';
      $('count-item').classList.add('want');
    }
    $('expect').textContent = text;
  }

  function render(c) {
    count = c;
    if (c) store.setItem('surge.count', String(c.id)); else store.removeItem('surge.count');
    if (!c) return show('idle');
    if (c.status !== 'CLAIMED') {
      const units = (c.scanned || []).reduce((n, t) => n + t.counted, 0);
      $('done-text').textContent = `${c.location}: ${units} unit${units === 1 ? '' : 's'} counted.`;
      store.removeItem('surge.count');
      return show('done');
    }
    $('progress').textContent = `Count ${c.id}` + (c.zone ? ` · zone ${c.zone}` : '');
    $('location').textContent = c.location;
    $('sku').textContent = c.sku || 'Every item';
    $('name').textContent = c.sku ? (c.name || '') : 'in the bin, one by one';
    const list = $('tally');
    list.textContent = '';
    for (const t of c.scanned || []) {
      const li = document.createElement('li');
      const sku = document.createElement('span');
      sku.className = 'mono';
      sku.textContent = t.sku;
      const n = document.createElement('b');
      n.textContent = String(t.counted);
      li.append(sku, n);
      list.append(li);
    }
    if (!list.children.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'nothing scanned yet';
      list.append(li);
    }
    $('finish').disabled = c.expect !== 'ITEM'; // the bin first
    show('count');
  }

  function idle(title, text) {
    $('idle-title').textContent = title;
    $('idle-text').textContent = text;
    render(null);
  }

  function answered() { answers++; document.body.dataset.answers = String(answers); }

  /** One scan at a time, in order; a scan that could not be sent is said so plainly (scan it again). */
  async function send(path, body) {
    if (sending) { bad(); return banner('Wait for the answer, then scan again', 'bad'); }
    sending = true;
    try {
      const a = await api('POST', path, body);
      if (a.result === 'ACCEPTED') { good(); banner(a.message, 'good'); } else { bad(); banner(a.message, 'bad'); }
      if (a.count) render(a.count);
    } catch (e) {
      bad();
      banner(e.retry ? `${e.message}: scan NOT sent, scan it again` : e.message, 'bad');
    } finally {
      sending = false;
      answered();
    }
  }

  function onEntry(raw) {
    const code = raw.trim();
    if (screen === 'loading') return;
    if (screen === 'count') {
      if (!code) return;
      return send(`/api/counts/${count.id}/scan`, { counter, device: DEVICE, code });
    }
    if (screen === 'idle' || screen === 'done') return code ? (bad(), banner('No count: press Get count first', 'bad')) : claim();
  }

  const act = (button, fn) => window.Floor.act(button, fn, () => refocus());

  const claim = () => act($('claim'), async () => {
    const c = await api('POST', '/api/counts/claim', { counter, zone });
    if (!c) { idle('No counts', 'No bin is waiting to be counted. Try again later.'); return banner('No counts right now', 'info'); }
    banner('', '');
    render(c);
  });

  const release = () => act($('release'), async () => {
    const id = count.id;
    await api('POST', `/api/counts/${id}/release`);
    idle('Released', `Count ${id} is back in the pool.`);
    banner(`Count ${id} released`, 'info');
  });

  function signOut() {
    if (screen === 'count') return banner('Finish or release the count before signing out', 'bad');
    store.removeItem('surge.count');
    store.removeItem('surge.counter');
    window.Session.signOut();
  }

  const refocus = window.Floor.scanField(scan, v => onEntry(v));
  $('claim').addEventListener('click', claim);
  $('next').addEventListener('click', claim);
  $('finish').addEventListener('click', () => act($('finish'), () => send(`/api/counts/${count.id}/finish`, { counter })));
  window.Floor.twoTap($('release'), 'Tap again', release);
  $('signout').addEventListener('click', signOut);

  async function start() {
    const held = store.getItem('surge.count');
    if (!held) return idle('Ready', 'Press Get count (or Enter) for the next bin to count.');
    try {
      const c = await api('GET', `/api/counts/${held}`);
      if (c.counter === counter && c.status === 'CLAIMED') render(c);
      else idle('Ready', 'Press Get count (or Enter) for the next bin to count.');
    } catch (e) {
      idle('Ready', 'Press Get count (or Enter) for the next bin to count.');
    }
  }
  show('loading');
  refocus();
  window.Session.me().then(me => {
    counter = me.username;
    if (store.getItem('surge.counter') !== counter) store.removeItem('surge.count'); // another user's count is not ours
    store.setItem('surge.counter', counter);
    document.body.dataset.ready = '1';
    start();
  }).catch(e => { bad(); banner(e.message, 'bad'); });
})();
