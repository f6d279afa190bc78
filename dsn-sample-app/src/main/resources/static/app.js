// DSN monitor: renders the network from the server-sent events of /api/events.
(function () {
  'use strict';

  const HISTORY_MS = 5 * 60 * 1000;
  const LEFT_KEPT_MS = 5 * 60 * 1000;
  // A node's reading, typed ('reading') or plain strings ('temperature', 'timestamp'), is shown as
  // its temperature (the server reads it into view.reading), not among the other keys.
  const READING_KEYS = new Set(['reading', 'temperature', 'timestamp']);
  const STATUS_ORDER = { self: 0, live: 1, stale: 2, left: 3 };
  const PALETTE = ['#3b5bdb', '#e8590c', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599',
    '#e67700', '#5c940d', '#d6336c', '#1971c2'];

  const nodes = new Map();     // id -> node view plus { left, leftAt, fresh }
  const history = new Map();   // id -> [{ t, v }] oldest first
  const colours = new Map();   // id -> css colour, fixed once given
  const rows = new Map();      // id -> <tr>

  let selfId = null;
  let staleAfterMs = 9000;
  let clockOffsetMs = 0;       // server clock minus browser clock
  let sortKey = 'id';
  let sortDir = 1;
  let highlighted = null;
  let chartDirty = true;

  const $ = (id) => document.getElementById(id);

  // ---- time -----------------------------------------------------------------------------------

  function serverNow() {
    return Date.now() + clockOffsetMs;
  }

  function syncClock(serverTime) {
    const t = Date.parse(serverTime);
    if (!Number.isNaN(t)) {
      clockOffsetMs = t - Date.now();
    }
  }

  function age(iso) {
    if (!iso) {
      return null;
    }
    const t = Date.parse(iso);
    return Number.isNaN(t) ? null : Math.max(0, serverNow() - t);
  }

  function formatAge(ms) {
    if (ms === null) {
      return '\u2014';
    }
    const s = Math.floor(ms / 1000);
    if (s < 60) {
      return s + ' s ago';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min ago';
    }
    return Math.floor(s / 3600) + ' h ago';
  }

  // ---- model ----------------------------------------------------------------------------------

  function colourOf(id) {
    if (!colours.has(id)) {
      const n = colours.size;
      colours.set(id, n < PALETTE.length ? PALETTE[n]
        : 'hsl(' + Math.round((n * 137.508) % 360) + ', 62%, 46%)');
    }
    return colours.get(id);
  }

  function statusOf(node) {
    if (node.left) {
      return 'left';
    }
    if (node.self) {
      return 'self';
    }
    const heard = age(node.lastHeardFrom);
    if (heard === null) {
      return node.status || 'stale';
    }
    return heard <= staleAfterMs ? 'live' : 'stale';
  }

  function upsert(view, changedKeys) {
    const previous = nodes.get(view.id);
    const node = Object.assign({}, view, { left: false, leftAt: null, fresh: new Set(changedKeys || []) });
    if (previous && !previous.left && previous.lastUpdate && node.lastUpdate
        && Date.parse(previous.lastUpdate) > Date.parse(node.lastUpdate)) {
      return; // an older state than the one shown
    }
    nodes.set(view.id, node);
    colourOf(view.id);
    addPoint(view.id, view.reading);
  }

  function celsius(node) {
    return node.reading ? node.reading.celsius : null;
  }

  function addPoint(id, reading) {
    const t = reading ? Date.parse(reading.takenAt) : NaN;
    if (Number.isNaN(t)) {
      return;
    }
    let points = history.get(id);
    if (!points) {
      points = [];
      history.set(id, points);
    }
    if (points.length && points[points.length - 1].t >= t) {
      return;
    }
    points.push({ t: t, v: reading.celsius });
    chartDirty = true;
  }

  function markLeft(id) {
    const node = nodes.get(id);
    if (node) {
      node.left = true;
      node.leftAt = serverNow();
    }
  }

  function prune() {
    const now = serverNow();
    for (const [id, points] of history) {
      while (points.length && points[0].t < now - HISTORY_MS) {
        points.shift();
      }
      if (!points.length && !nodes.has(id)) {
        history.delete(id);
      }
    }
    for (const [id, node] of nodes) {
      if (node.left && now - node.leftAt > LEFT_KEPT_MS) {
        nodes.delete(id);
        const row = rows.get(id);
        if (row) {
          row.remove();
          rows.delete(id);
        }
      }
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  function applySnapshot(snapshot) {
    syncClock(snapshot.serverTime);
    selfId = snapshot.self;
    staleAfterMs = snapshot.staleAfterMs || staleAfterMs;
    $('self-id').textContent = selfId;
    const present = new Set(snapshot.nodes.map((n) => n.id));
    for (const id of nodes.keys()) {
      if (!present.has(id)) {
        markLeft(id);
      }
    }
    Object.entries(snapshot.history || {}).forEach(([id, points]) => {
      const known = history.get(id) || [];
      if (points.length >= known.length) {
        history.set(id, points.map((p) => ({ t: p.t, v: p.v })));
      }
    });
    snapshot.nodes.forEach((view) => upsert(view));
    render();
  }

  function connect() {
    const source = new EventSource('api/events');
    const on = (name, handler) => source.addEventListener(name, (e) => {
      handler(JSON.parse(e.data));
      render();
    });
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? 'closed' : 'error');
    source.addEventListener('snapshot', (e) => applySnapshot(JSON.parse(e.data)));
    on('joined', (view) => upsert(view));
    on('state-changed', (change) => upsert(change.node, change.changedKeys));
    on('left', (left) => markLeft(left.id));
    on('heartbeat', (beat) => {
      syncClock(beat.serverTime);
      beat.nodes.forEach((n) => {
        const node = nodes.get(n.id);
        if (node && !node.left) {
          node.lastHeardFrom = n.lastHeardFrom;
          node.status = n.status;
        }
      });
    });
  }

  function setConnection(state) {
    const el = $('connection-status');
    el.dataset.state = state;
    const text = el.querySelector('.text');
    if (state === 'open') {
      const count = [...nodes.values()].filter((n) => !n.left).length;
      text.textContent = 'Live \u00b7 ' + count + (count === 1 ? ' node' : ' nodes');
    } else if (state === 'error') {
      text.textContent = 'Reconnecting\u2026';
    } else if (state === 'closed') {
      text.textContent = 'Disconnected';
    }
  }

  // ---- table ----------------------------------------------------------------------------------

  function compareNodes(a, b) {
    if (a.id === selfId) {
      return -1;
    }
    if (b.id === selfId) {
      return 1;
    }
    const byId = a.id.localeCompare(b.id, undefined, { numeric: true });
    const key = (n) => {
      switch (sortKey) {
        case 'status': return STATUS_ORDER[statusOf(n)];
        case 'temperature': return celsius(n);
        case 'age': return age(n.lastUpdate);
        case 'heard': return age(n.lastHeardFrom);
        case 'endpoint': return n.address + ':' + String(n.port).padStart(5, '0');
        default: return null;
      }
    };
    if (sortKey !== 'id') {
      const ka = key(a);
      const kb = key(b);
      if (ka === null && kb !== null) {
        return 1; // missing values last, whatever the direction
      }
      if (kb === null && ka !== null) {
        return -1;
      }
      if (ka !== null && kb !== null && ka !== kb) {
        return (ka < kb ? -1 : 1) * sortDir;
      }
      return byId;
    }
    return byId * sortDir;
  }

  function cell(row, testId, className) {
    const td = document.createElement('td');
    if (testId) {
      td.dataset.testid = testId;
    }
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function createRow(id) {
    const row = document.createElement('tr');
    row.dataset.testid = 'node-row-' + id;
    row.dataset.nodeId = id;
    const name = cell(row, 'node-id');
    const wrap = document.createElement('div');
    wrap.className = 'node-cell';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colourOf(id);
    const label = document.createElement('span');
    label.textContent = id;
    wrap.append(swatch, label);
    name.appendChild(wrap);
    cell(row, 'node-status');
    cell(row, 'node-temperature', 'num temp');
    cell(row, 'node-updated', 'num');
    cell(row, 'node-heard', 'num');
    cell(row, 'node-endpoint', 'endpoint');
    cell(row, 'node-keys', 'keys');
    row.addEventListener('mouseenter', () => { highlighted = id; chartDirty = true; });
    row.addEventListener('mouseleave', () => { highlighted = null; chartDirty = true; });
    rows.set(id, row);
    return row;
  }

  function setText(td, text) {
    if (td.textContent !== text) {
      td.textContent = text;
    }
  }

  function fillRow(row, node) {
    const status = statusOf(node);
    const c = row.cells;
    row.classList.toggle('self-row', node.id === selfId);
    row.classList.toggle('left-row', status === 'left');
    row.dataset.status = status;
    row.dataset.lastUpdate = node.lastUpdate || '';
    const pillText = status === 'self' ? 'this node' : status;
    if (c[1].dataset.status !== status) {
      c[1].dataset.status = status;
      c[1].innerHTML = '';
      const pill = document.createElement('span');
      pill.className = 'pill ' + status;
      pill.textContent = pillText;
      c[1].appendChild(pill);
    }
    const t = celsius(node);
    setText(c[2], t === null ? '\u2014' : t.toFixed(2) + ' \u00b0C');
    setText(c[3], formatAge(age(node.lastUpdate)));
    setText(c[4], node.id === selfId ? '\u2014' : formatAge(age(node.lastHeardFrom)));
    setText(c[5], node.address + ':' + node.port);
    const keys = Object.keys(node.state).filter((k) => !READING_KEYS.has(k));
    const signature = keys.map((k) => k + '=' + node.state[k]).join('\u0000');
    if (c[6].dataset.signature !== signature) {
      c[6].dataset.signature = signature;
      c[6].innerHTML = '';
      keys.forEach((k) => {
        const kv = document.createElement('span');
        kv.className = 'kv' + (node.fresh.has(k) ? ' fresh' : '');
        kv.dataset.key = k;
        kv.textContent = k + '=' + node.state[k];
        kv.title = kv.textContent;
        c[6].appendChild(kv);
      });
    }
    node.fresh.clear();
  }

  function renderTable() {
    const body = $('nodes-body');
    const sorted = [...nodes.values()].sort(compareNodes);
    sorted.forEach((node) => {
      const row = rows.get(node.id) || createRow(node.id);
      fillRow(row, node);
      body.appendChild(row); // moves the row into sorted order
    });
    $('nodes-empty').style.display = sorted.length ? 'none' : '';
    document.querySelectorAll('th.sortable').forEach((th) => {
      th.classList.toggle('sorted-asc', th.dataset.sort === sortKey && sortDir === 1);
      th.classList.toggle('sorted-desc', th.dataset.sort === sortKey && sortDir === -1);
    });
  }

  function renderSummary() {
    const all = [...nodes.values()];
    const count = (s) => all.filter((n) => statusOf(n) === s).length;
    $('count-nodes').textContent = all.length - count('left');
    $('count-live').textContent = count('live');
    $('count-stale').textContent = count('stale');
    $('count-left').textContent = count('left');
    const temps = all.filter((n) => !n.left).map(celsius).filter((v) => v !== null);
    $('mean-temperature').textContent = temps.length
      ? (temps.reduce((a, b) => a + b, 0) / temps.length).toFixed(1) + ' \u00b0C' : '\u2013';
    if ($('connection-status').dataset.state === 'open') {
      setConnection('open');
    }
  }

  function render() {
    renderTable();
    renderSummary();
    chartDirty = true;
  }

  // ---- chart ----------------------------------------------------------------------------------

  function niceStep(span, target) {
    const raw = span / target;
    const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 50];
    return steps.find((s) => s >= raw) || steps[steps.length - 1];
  }

  function drawChart() {
    const canvas = $('chart');
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const pad = { left: 52, right: 18, top: 14, bottom: 28 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const now = serverNow();
    const from = now - HISTORY_MS;

    let min = Infinity;
    let max = -Infinity;
    for (const points of history.values()) {
      for (const p of points) {
        if (p.t >= from) {
          min = Math.min(min, p.v);
          max = Math.max(max, p.v);
        }
      }
    }
    const empty = min === Infinity;
    if (empty) {
      min = 20;
      max = 22;
    }
    if (max - min < 1) {
      const mid = (max + min) / 2;
      min = mid - 0.5;
      max = mid + 0.5;
    }
    const step = niceStep(max - min, 6);
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    const x = (t) => pad.left + ((t - from) / HISTORY_MS) * plotW;
    const y = (v) => pad.top + (1 - (v - lo) / (hi - lo)) * plotH;

    g.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
    g.lineWidth = 1;

    // temperature axis: grid lines and labels
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    const decimals = step < 1 ? (step < 0.5 ? 2 : 1) : 0;
    for (let v = lo; v <= hi + step / 2; v += step) {
      const yy = Math.round(y(v)) + 0.5;
      g.strokeStyle = '#edf0f5';
      g.beginPath();
      g.moveTo(pad.left, yy);
      g.lineTo(pad.left + plotW, yy);
      g.stroke();
      g.fillStyle = '#6b7486';
      g.fillText(v.toFixed(decimals) + ' \u00b0C', pad.left - 8, yy);
    }

    // time axis: a tick every minute, labelled with the time of day
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const minute = 60 * 1000;
    for (let t = Math.ceil(from / minute) * minute; t <= now; t += minute) {
      const xx = Math.round(x(t)) + 0.5;
      g.strokeStyle = '#f3f5f9';
      g.beginPath();
      g.moveTo(xx, pad.top);
      g.lineTo(xx, pad.top + plotH);
      g.stroke();
      g.strokeStyle = '#c5ccd9';
      g.beginPath();
      g.moveTo(xx, pad.top + plotH);
      g.lineTo(xx, pad.top + plotH + 4);
      g.stroke();
      const d = new Date(t);
      g.fillStyle = '#6b7486';
      g.fillText(String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0'), xx, pad.top + plotH + 7);
    }
    g.strokeStyle = '#c5ccd9';
    g.beginPath();
    g.moveTo(pad.left + 0.5, pad.top);
    g.lineTo(pad.left + 0.5, pad.top + plotH + 0.5);
    g.lineTo(pad.left + plotW, pad.top + plotH + 0.5);
    g.stroke();

    if (empty) {
      g.fillStyle = '#9aa3b5';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.font = '13px system-ui, sans-serif';
      g.fillText('Waiting for temperature readings\u2026', pad.left + plotW / 2, pad.top + plotH / 2);
      return;
    }

    // one line per node; the highlighted one on top
    g.save();
    g.beginPath();
    g.rect(pad.left, pad.top - 4, plotW + 4, plotH + 8);
    g.clip();
    const ids = [...history.keys()].sort((a, b) => (a === highlighted) - (b === highlighted));
    const normalWidth = ids.length > 12 ? 1.2 : 1.8; // many lines: thinner, so they stay apart
    for (const id of ids) {
      const points = history.get(id).filter((p) => p.t >= from - minute);
      if (!points.length) {
        continue;
      }
      const node = nodes.get(id);
      const dimmed = (highlighted && highlighted !== id) || !node || node.left;
      g.globalAlpha = dimmed ? 0.25 : 1;
      g.strokeStyle = colourOf(id);
      g.fillStyle = colourOf(id);
      g.lineWidth = highlighted === id ? 3 : normalWidth;
      g.lineJoin = 'round';
      g.beginPath();
      points.forEach((p, i) => (i ? g.lineTo(x(p.t), y(p.v)) : g.moveTo(x(p.t), y(p.v))));
      g.stroke();
      const last = points[points.length - 1];
      g.beginPath();
      g.arc(x(last.t), y(last.v), highlighted === id ? 4 : 2.6, 0, 2 * Math.PI);
      g.fill();
    }
    g.restore();
    g.globalAlpha = 1;
  }

  // ---- form -----------------------------------------------------------------------------------

  function feedback(text, ok) {
    const el = $('state-feedback');
    el.textContent = text;
    el.className = 'feedback ' + (ok ? 'ok' : 'error');
  }

  async function changeState(method) {
    const key = $('state-key').value.trim();
    const value = $('state-value').value;
    if (!key) {
      feedback('Enter a key first.', false);
      $('state-key').focus();
      return;
    }
    const buttons = document.querySelectorAll('#state-form button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch('api/state/' + encodeURIComponent(key), {
        method: method,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: method === 'PUT' ? value : undefined,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        feedback((body && body.message) || ('The node answered ' + response.status), false);
        return;
      }
      upsert(body, [key]);
      render();
      feedback(method === 'PUT'
        ? 'Set ' + key + ' = "' + value + '" on ' + body.id + '; sent to every peer.'
        : 'Removed ' + key + ' from ' + body.id + '.', true);
    } catch (e) {
      feedback('Could not reach the node: ' + e.message, false);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  // ---- start ----------------------------------------------------------------------------------

  function start() {
    $('state-form').addEventListener('submit', (e) => {
      e.preventDefault();
      changeState('PUT');
    });
    $('state-remove').addEventListener('click', () => changeState('DELETE'));
    document.querySelectorAll('th.sortable').forEach((th) => th.addEventListener('click', () => {
      if (sortKey === th.dataset.sort) {
        sortDir = -sortDir;
      } else {
        sortKey = th.dataset.sort;
        sortDir = 1;
      }
      renderTable();
    }));
    window.addEventListener('resize', () => { chartDirty = true; });

    // One read of the network for a first picture; from then on the event stream keeps it current.
    fetch('api/nodes')
      .then((response) => (response.ok ? response.json() : []))
      .then((views) => {
        if (!selfId) {
          views.forEach((view) => upsert(view));
          const self = views.find((v) => v.self);
          if (self) {
            selfId = self.id;
            $('self-id').textContent = selfId;
          }
          render();
        }
      })
      .catch(() => { /* the stream will bring the network */ });
    connect();

    setInterval(() => {
      prune();
      renderTable();
      renderSummary();
      chartDirty = true;
    }, 1000);
    const frame = () => {
      if (chartDirty) {
        chartDirty = false;
        drawChart();
      }
      window.requestAnimationFrame(frame);
    };
    window.requestAnimationFrame(frame);
  }

  start();
}());
