'use strict';
// The supervisor's live board. The server computes every number (GET /api/board) and pushes a new
// board within a second of any floor change (Server-Sent Events, /api/board/events); this page only
// draws it and offers the floor's own actions. Relative times ("in 25 min") are measured from the
// board's clock (the database's), so a wall screen with a wrong clock still shows the right ETA.
(() => {
  const { $, pad, clock, toast, api } = window.BoardKit;
  const params = new URLSearchParams(location.search);
  const shop = (params.get('shop') || '').trim();
  const query = shop ? '?shop=' + encodeURIComponent(shop) : '';
  window.surgeBoardLoadedAt = Date.now(); // a reload would reset it: the browser test checks it stays

  let board = null;        // the last board drawn
  let receivedAt = 0;      // browser time it arrived
  let updates = 0;
  let source = null;
  const P = window.BoardPanels({ board: () => board, shop });


  // ---- drawing
  function render(b) {
    board = b;
    receivedAt = Date.now();
    updates++;
    document.body.dataset.updates = String(updates);
    document.body.dataset.at = b.at;
    P.header(b);
    P.waves(b.waves);
    P.risk(b.atRisk);
    P.backlog(b.backlog);
    P.pickers(b.pickers);
    P.stations(b.stations);
    P.exceptions(b.exceptions);
    P.devices(b.devices);
    P.skus(b.skus);
    $('updated').textContent = 'updated ' + clock(b.at, true);
  }

  // ---- live connection
  function live(state, text) {
    document.body.dataset.live = state;
    $('live').className = 'live ' + state;
    $('live-text').textContent = text;
  }

  function connect() {
    if (source) source.close();
    source = new EventSource('/api/board/events' + query);
    live('connecting', 'connecting');
    source.onopen = () => live('on', 'live');
    source.onmessage = e => {
      try { render(JSON.parse(e.data)); } catch (err) { console.error('board: bad event', err); }
      live('on', 'live');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server answered with an error): try again ourselves.
        live('off', 'offline · retrying');
        setTimeout(connect, 3000);
      } else live('off', 'reconnecting');
    };
  }

  function tick() {
    const now = new Date();
    $('clock').textContent = pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
    // No board for 15 s while "connected": the feed has stalled; say so.
    if (board && document.body.dataset.live === 'on' && Date.now() - receivedAt > 15000) live('stale', 'no update');
  }

  // ---- actions: each is one call to the floor's own API; the next pushed board shows its effect
  async function act(label, fn, button) {
    if (button) button.disabled = true;
    try {
      const msg = await fn();
      toast(msg || label + ': done', 'ok');
    } catch (e) {
      toast(label + ': ' + e.message, 'bad');
    } finally {
      if (button) button.disabled = false;
    }
  }

  async function reprint(shipmentId) {
    const job = await api('POST', `/api/shipments/${shipmentId}/reprint`, {});
    return `Label for shipment ${shipmentId} queued${job && job.printer ? ' on ' + job.printer : ''} (job ${job ? job.id : '?'})`;
  }

  document.addEventListener('click', e => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    const d = b.dataset;
    switch (d.action) {
      case 'release-wave':
        return act('Release W' + d.id, async () => {
          await api('POST', `/api/waves/${d.id}/release`);
          return `Wave ${d.id} released`;
        }, b);
      case 'priority':
        return act('Priority W' + d.id, async () => {
          const w = await api('POST', `/api/waves/${d.id}/priority`, { priority: Number(d.priority) });
          return `Wave ${d.id} priority ${w && w.priority !== undefined ? w.priority : d.priority}`;
        }, b);
      case 'release-task':
        if (!confirm(`Release task ${d.task} from ${d.picker} back to the pool?`)) return;
        return act('Release task ' + d.task, async () => {
          await api('POST', `/api/picking/tasks/${d.task}/release`);
          return `Task ${d.task} is back in the pool`;
        }, b);
      case 'reassign-task': {
        const to = (prompt(`Give task ${d.task} (now ${d.picker}) to which picker?`) || '').trim();
        if (!to) return;
        return act('Reassign task ' + d.task, async () => {
          await api('POST', `/api/picking/tasks/${d.task}/reassign`, { picker: to });
          return `Task ${d.task} given to ${to}`;
        }, b);
      }
      case 'reprint':
        return act('Reprint', () => reprint(d.shipment), b);
      case 'retry-job':
        return act('Retry job ' + d.job, async () => {
          await api('POST', `/api/print-jobs/${d.job}/retry`, {});
          P.forgetJob(d.job);
          return `Print job ${d.job} queued again`;
        }, b);
    }
  });

  $('reprint').addEventListener('submit', e => {
    e.preventDefault();
    const ref = $('reprint-ref').value.trim();
    if (!ref) return;
    act('Reprint ' + ref, async () => {
      const p = await api('GET', '/api/board/parcel?ref=' + encodeURIComponent(ref));
      const msg = await reprint(p.shipmentId);
      $('reprint-ref').value = '';
      return msg + ` · order ${p.orderRef || p.orderId}, ${p.tracking}`;
    }, e.submitter);
  });

  $('auto-release').addEventListener('change', e => {
    const box = e.target, want = box.checked;
    box.dataset.busy = '1';
    box.disabled = true;
    act(want ? 'Auto-release on' : 'Auto-release pause', async () => {
      try {
        const policy = await api('GET', '/api/picking/policy'); // PUT takes the whole policy
        await api('PUT', '/api/picking/policy', Object.assign({}, policy, { autoRelease: want }));
        $('auto-release-state').textContent = want ? 'ON' : 'PAUSED';
        return want ? 'Auto-release is on' : 'Auto-release paused: waves are released by hand';
      } catch (err) {
        box.checked = !want;
        throw err;
      } finally {
        delete box.dataset.busy;
        box.disabled = false;
      }
    });
  });

  // ---- start: the board at once, then the live feed
  tick();
  setInterval(tick, 1000);
  api('GET', '/api/board' + query)
    .then(b => { render(b); document.body.dataset.ready = '1'; connect(); })
    .catch(e => {
      document.body.dataset.ready = '1';
      if (e.status === 404) { // an unknown shop: nothing will ever come, so do not keep asking
        toast('Board: ' + e.message, 'bad');
        return live('off', 'no such shop');
      }
      toast('Board: ' + e.message + ' · waiting for the live feed', 'bad');
      connect();
    });
})();
