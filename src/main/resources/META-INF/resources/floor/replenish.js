'use strict';
// The replenisher's handheld page: refill a pick face from reserve. The server decides what is right
// and what comes next (expect: FROM, ITEM, TO, DONE); this page shows the move big, sends one scan
// at a time and says plainly when a scan could not be sent (scan it again).
(() => {
  const $ = id => document.getElementById(id);
  const DEVICE = 'handheld-web';
  const scan = $('scan');
  const store = window.sessionStorage;
  const zone = new URLSearchParams(location.search).get('zone') || undefined; // /floor/replenish?zone=A: faces of one zone only
  const READY = 'Press Get task (or Enter) for the next pick face to refill.';

  let picker = null; // the signed-in user: the server lets a picker replenish only as themselves
  let task = null;   // the last ReplenishmentTask the server sent
  let screen = 'loading';
  let sending = false;
  let answers = 0;

  const { good, bad, banner, api } = window.Floor;

  function show(name) {
    screen = name;
    for (const s of ['loading', 'idle', 'task', 'done']) $(s).hidden = s !== name;
    document.body.dataset.screen = name;
    document.body.dataset.expect = name === 'task' && task ? task.expect : '';
    $('actions').hidden = name !== 'task';
    $('signout').hidden = !picker;
    $('who').textContent = picker || '…';
    $('progress').hidden = name !== 'task';
    prompt();
  }

  /** The line above the scan field: what to scan (or key) next; the row it is about is outlined. */
  function prompt() {
    let text = 'Wait';
    for (const r of ['row-from', 'row-item', 'row-to']) $(r).classList.remove('want');
    if (screen === 'idle' || screen === 'done') text = 'Enter = get task';
    else if (screen === 'task' && task.expect === 'FROM') { text = 'Scan bin ' + task.from; $('row-from').classList.add('want'); }
    else if (screen === 'task' && task.expect === 'ITEM') {
      text = task.picked > 0 ? 'Scan item, or key quantity' : 'Scan item ' + task.sku; // the banner says which bin ends it early
      $('row-item').classList.add('want');
    } else if (screen === 'task' && task.expect === 'TO') { text = 'Scan pick face ' + task.to; $('row-to').classList.add('want'); }
    $('expect').textContent = text;
  }

  function render(t) {
    task = t;
    if (!t) { store.removeItem('surge.replenishment'); return show('idle'); }
    if (t.status === 'DONE') {
      store.removeItem('surge.replenishment');
      $('done-text').textContent = `${t.moved} × ${t.sku} moved from ${t.from} to ${t.to}.`;
      return show('done');
    }
    if (t.status !== 'CLAIMED' || t.picker !== picker) { // released, cancelled or taken over meanwhile
      return idle('Not yours now', `Replenishment ${t.id} is ${t.status === 'CLAIMED' ? 'held by ' + t.picker : t.status}. ${READY}`);
    }
    store.setItem('surge.replenishment', String(t.id));
    const why = t.reason === 'WAVE' ? `wave ${t.waveId}` + (t.waitingStops ? ` · ${t.waitingStops} pick${t.waitingStops === 1 ? '' : 's'} waiting` : '')
      : 'below min';
    $('progress').textContent = `Replenish ${t.id} · ${why}`;
    $('from').textContent = t.from;
    $('sku').textContent = t.sku;
    $('name').textContent = t.name || '';
    $('picked').textContent = t.picked;
    $('quantity').textContent = t.quantity;
    $('to').textContent = t.to;
    show('task');
  }

  function idle(title, text) {
    $('idle-title').textContent = title;
    $('idle-text').textContent = text;
    render(null);
  }

  function answered() { answers++; document.body.dataset.answers = String(answers); }

  /** One scan at a time, in order. */
  async function send(code) {
    if (sending) { bad(); return banner('Wait for the answer, then scan again', 'bad'); }
    sending = true;
    try {
      const a = await api('POST', `/api/replenishment/tasks/${task.id}/scan`, { picker, device: DEVICE, code });
      if (a.result === 'ACCEPTED') { good(); banner(a.message, 'good'); } else { bad(); banner(a.message, 'bad'); }
      if (a.task) render(a.task);
      else if (a.reason === 'NO_TASK') idle('Ready', READY);
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
    if (screen === 'task') return code ? send(code) : undefined;
    if (screen === 'idle' || screen === 'done') return code ? (bad(), banner('No task: press Get task first', 'bad')) : claim();
  }

  const act = (button, fn) => window.Floor.act(button, fn, () => refocus());

  const claim = () => act($('claim'), async () => {
    const t = await api('POST', '/api/replenishment/claim', { picker, zone });
    if (!t) { idle('No work', 'No pick face needs refilling. Try again in a minute.'); return banner('No replenishment right now', 'info'); }
    banner('', '');
    render(t);
  });

  const release = () => act($('release'), async () => {
    const id = task.id;
    await api('POST', `/api/replenishment/tasks/${id}/release`);
    idle('Released', `Replenishment ${id} is back in the pool. Put any units you took back in ${task.from}.`);
    banner(`Replenishment ${id} released`, 'info');
  });

  function signOut() {
    if (screen === 'task') return banner('Finish or release the task before signing out', 'bad');
    store.removeItem('surge.replenishment');
    store.removeItem('surge.replenisher');
    window.Session.signOut();
  }

  const refocus = window.Floor.scanField(scan, v => onEntry(v));
  $('claim').addEventListener('click', claim);
  $('next').addEventListener('click', claim);
  window.Floor.twoTap($('release'), 'Tap again to release', release);
  $('signout').addEventListener('click', signOut);

  show('loading');
  refocus();
  window.Session.me().then(me => {
    picker = me.username;
    if (store.getItem('surge.replenisher') !== picker) store.removeItem('surge.replenishment'); // another user's task is not ours
    store.setItem('surge.replenisher', picker);
    document.body.dataset.ready = '1';
    // Pickers may not read a task by id; claiming gives back the task this replenisher holds, so one Enter carries on.
    const held = store.getItem('surge.replenishment');
    idle(held ? 'Your task' : 'Ready', held ? `Press Get task (or Enter) to carry on with replenishment ${held}.` : READY);
  }).catch(e => { bad(); banner(e.message, 'bad'); });
})();
