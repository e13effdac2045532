'use strict';
// The picker's handheld page. The server decides what is right; this page shows the next stop,
// sends every scan in order, and never drops one: a scan that could not be sent stays queued
// (also across a reload) until the picker retries.
(() => {
  const $ = id => document.getElementById(id);
  const DEVICE = 'handheld-web';
  const scan = $('scan');
  const store = window.sessionStorage;

  let picker = null;     // the signed-in user (GET /api/auth/me): the server lets a picker act only as themselves
  let task = null;       // the last TaskView the server sent
  let screen = 'loading';
  let shortMode = false; // the next entry is the quantity found at a short bin
  let queue = JSON.parse(store.getItem('surge.queue') || '[]'); // scans not answered yet, oldest first
  let sending = false;
  let answers = 0;

  const { good, bad, banner, api } = window.Floor;

  // ---- screens
  function show(name) {
    screen = name;
    for (const s of ['loading', 'idle', 'task', 'paused', 'done']) $(s).hidden = s !== name;
    document.body.dataset.screen = name;
    document.body.dataset.expect = name === 'task' && task ? task.expect : '';
    $('actions').hidden = name !== 'task' || shortMode;
    $('cancel-short').hidden = !shortMode;
    $('signout').hidden = !picker;
    $('who').textContent = picker || '…';
    $('progress').hidden = name !== 'task' && name !== 'done';
    prompt();
  }

  /** The line above the scan field: what to scan (or key) next. */
  function prompt() {
    let text = 'Wait';
    for (const r of ['stop-location', 'stop-item', 'stop-tote']) $(r).classList.remove('want');
    if (screen === 'idle' || screen === 'done') text = 'Enter = get task';
    else if (screen === 'paused') text = 'Enter = resume';
    else if (screen === 'task' && shortMode) text = `Key units found (${task.next.picked}–${task.next.quantity - 1}), Enter`;
    else if (screen === 'task') {
      const s = task.next;
      if (task.expect === 'LOCATION') { text = 'Scan bin ' + s.location; $('stop-location').classList.add('want'); }
      if (task.expect === 'ITEM') {
        text = s.picked > 0 && s.quantity > 1 ? 'Scan item, or key quantity' : 'Scan item ' + s.sku;
        $('stop-item').classList.add('want');
      }
      if (task.expect === 'TOTE') { text = 'Scan tote ' + s.tote; $('stop-tote').classList.add('want'); }
    }
    $('expect').textContent = text;
  }

  function render(t) {
    task = t;
    if (t) store.setItem('surge.task', String(t.id)); else store.removeItem('surge.task');
    if (!t) return show('idle');
    const total = t.stops.length;
    $('progress').textContent = `Stops ${t.stopsDone}/${total} · Units ${t.unitsPicked}/${t.units}`;
    if (t.status === 'PAUSED') return show('paused');
    if (t.expect === 'DONE' || !t.next) {
      shortMode = false;
      $('done-text').textContent = `${t.unitsPicked} of ${t.units} units in ${total} stops. Take the totes to packing.`;
      return show('done');
    }
    const s = t.next;
    $('location').textContent = s.location;
    $('sku').textContent = s.sku;
    $('name').textContent = s.name;
    $('picked').textContent = s.picked;
    $('quantity').textContent = s.quantity;
    $('tote').textContent = s.tote;
    show('task');
  }

  function idle(title, text) {
    $('idle-title').textContent = title;
    $('idle-text').textContent = text;
    render(null);
  }

  // ---- scans: sent one at a time, in order
  function save() { store.setItem('surge.queue', JSON.stringify(queue)); }

  function showPending() {
    const p = $('pending');
    p.hidden = queue.length === 0 || sending;
    if (queue.length) {
      $('pending-text').textContent = `Not sent yet: ${queue[0].code}` + (queue.length > 1 ? ` (+${queue.length - 1} more)` : '');
      $('retry').textContent = 'Retry (or Enter)';
    }
  }

  function answered() { answers++; document.body.dataset.answers = String(answers); }

  async function pump() {
    if (sending || queue.length === 0) return showPending();
    sending = true;
    showPending();
    const s = queue[0];
    try {
      const a = await api('POST', '/api/scans', { picker, device: DEVICE, taskId: s.taskId, code: s.code });
      queue.shift(); save();
      if (a.result === 'ACCEPTED') { good(); banner(a.message, 'good'); } else { bad(); banner(a.message, 'bad'); }
      if (a.task) render(a.task);
      answered();
    } catch (e) {
      if (e.retry) { // keep the scan; the picker retries when the network is back
        sending = false;
        bad();
        banner(`${e.message}: scan NOT sent`, 'bad');
        return showPending();
      }
      queue.shift(); save(); // the server answered: this scan is settled
      bad();
      banner(e.message, 'bad');
      answered();
    }
    sending = false;
    pump();
  }

  // ---- what the picker does
  function onEntry(raw) {
    const code = raw.trim();
    if (screen === 'loading') return;
    if (queue.length && !sending && !code) return pump(); // Enter on an empty field retries
    if (screen === 'task' && shortMode) return reportShort(code);
    if (screen === 'task') {
      if (!code) return;
      queue.push({ taskId: task.id, code });
      save();
      return pump();
    }
    if (screen === 'paused') return code ? banner('Paused: press Resume first', 'bad') : resume();
    if (screen === 'idle' || screen === 'done') return code ? banner('No task: press Get task first', 'bad') : claim();
  }

  const act = (button, fn) => window.Floor.act(button, fn, () => refocus());

  const claim = () => act($('claim'), async () => {
    const t = await api('POST', '/api/picking/claim', { picker });
    if (!t) { idle('No work', 'No pick task is waiting. Try again in a minute.'); return banner('No work right now', 'info'); }
    banner('', '');
    render(t);
  });

  const resume = () => act($('resume'), async () => {
    render(await api('POST', `/api/picking/tasks/${task.id}/resume`, { picker }));
    banner('', '');
  });

  const reportShort = code => act(null, async () => {
    if (!/^\d{1,4}$/.test(code)) { bad(); return banner('Key the number of units found, then Enter', 'bad'); }
    const t = await api('POST', `/api/picking/tasks/${task.id}/short`, { picker, found: Number(code) });
    shortMode = false;
    banner(`Short reported at ${task.next.location}: ${code} found`, 'info');
    render(t);
  });

  const release = () => act($('release'), async () => {
    const id = task.id;
    await api('POST', `/api/picking/tasks/${id}/release`);
    idle('Released', `Task ${id} is back in the pool.`);
    banner(`Task ${id} released`, 'info');
  });

  function signOut() {
    if (screen === 'task' || screen === 'paused') return banner('Finish, pause or release the task before signing out', 'bad');
    if (queue.length) return banner('A scan is not sent yet: retry it before signing out', 'bad');
    store.removeItem('surge.picker');
    store.removeItem('surge.task');
    window.Session.signOut();
  }

  // ---- focus and scans: see Floor.scanField
  const refocus = window.Floor.scanField(scan, v => onEntry(v));

  $('claim').addEventListener('click', claim);
  $('next').addEventListener('click', claim);
  $('resume').addEventListener('click', resume);
  $('retry').addEventListener('click', () => { pump(); refocus(); });
  $('short').addEventListener('click', () => {
    if (task.next.picked >= task.next.quantity) return banner('All units are picked here: scan the tote', 'info');
    shortMode = true;
    banner(`Short at ${task.next.location}: how many units did you find?`, 'info');
    show('task');
  });
  $('cancel-short').addEventListener('click', () => { shortMode = false; banner('', ''); show('task'); });
  $('pause').addEventListener('click', () => act($('pause'), async () => render(await api('POST', `/api/picking/tasks/${task.id}/pause`))));
  window.Floor.twoTap($('release'), 'Tap again', release);
  $('signout').addEventListener('click', signOut);

  // ---- start: who is signed in, then pick up where this tab left off
  async function start() {
    const held = store.getItem('surge.task');
    if (!held) return idle('Ready', 'Press Get task (or Enter) for your next pick.');
    try {
      const t = await api('GET', `/api/picking/tasks/${held}`);
      if (t.picker === picker && (t.status === 'CLAIMED' || t.status === 'PAUSED' || t.status === 'DONE')) render(t);
      else idle('Ready', 'Press Get task (or Enter) for your next pick.');
    } catch (e) {
      idle('Ready', 'Press Get task (or Enter) for your next pick.');
      banner(e.message, 'bad');
    }
    pump();
  }
  show('loading');
  refocus();
  window.Session.me().then(me => {
    picker = me.username;
    if (store.getItem('surge.picker') !== picker) { // someone else used this tab: their task and unsent scans are not ours
      store.removeItem('surge.task');
      queue = [];
      save();
    }
    store.setItem('surge.picker', picker);
    document.body.dataset.ready = '1';
    start();
  }).catch(e => { bad(); banner(e.message, 'bad'); });
})();
