// The page's glue: loads trs80.wasm (crates/web), feeds it keys, files and the animation
// clock, draws its picture and shows the TermiNet's paper. Every decision about the machine
// is made in Rust (crates/web/src/lib.rs); this file only moves events and bytes.
'use strict';

(async function main() {
  const $ = (id) => document.getElementById(id);
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const status = (msg) => { $('status').textContent = msg; };
  const ROM_KEY = 'trs80-rom';

  let ex;
  try {
    const resp = await fetch('trs80.wasm');
    const bytes = await resp.arrayBuffer();
    ex = (await WebAssembly.instantiate(bytes, {})).instance.exports;
  } catch (e) {
    status('cannot load trs80.wasm: ' + e);
    return;
  }

  // The inbox and outbox of crates/web/src/ffi.rs.
  function inbox(bytes) {
    const p = ex.trs_inbox(bytes.length);
    new Uint8Array(ex.memory.buffer, p, bytes.length).set(bytes);
  }
  const out = () => new Uint8Array(ex.memory.buffer, ex.trs_out_ptr(), ex.trs_out_len()).slice();
  const outText = () => dec.decode(out());

  let phosphor = 0;
  function create(rom) {
    if (rom) inbox(rom);
    if (!ex.trs_create(rom ? 1 : 0, performance.now())) throw new Error(outText());
    ex.trs_set_phosphor(phosphor);
  }

  // Our ROM, or the user's from this browser's storage.
  function storedRom() {
    const s = localStorage.getItem(ROM_KEY);
    if (!s) return null;
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  }
  function boot() {
    const rom = storedRom();
    try {
      create(rom);
      status(rom ? 'your ROM (kept in this browser)' : 'built-in ROM');
    } catch (e) {
      create(null);
      status('your stored ROM was refused (' + e.message + '); built-in ROM');
    }
  }
  boot();

  // Screen.
  const canvas = $('screen');
  const ctx = canvas.getContext('2d');
  const picture = ctx.createImageData(canvas.width, canvas.height);
  const pictureBytes = canvas.width * canvas.height * 4;
  function draw() {
    picture.data.set(new Uint8Array(ex.memory.buffer, ex.trs_picture(), pictureBytes));
    ctx.putImageData(picture, 0, 0);
  }

  // Programs.
  function openProgram(name, bytes) {
    const n = enc.encode(name);
    const all = new Uint8Array(n.length + bytes.length);
    all.set(n);
    all.set(bytes, n.length);
    inbox(all);
    const ok = ex.trs_open(n.length, $('real').checked ? 1 : 0);
    status(ok ? 'loading ' + name + ': ' + outText() : outText());
  }
  async function openFile(file) {
    openProgram(file.name, new Uint8Array(await file.arrayBuffer()));
  }
  $('file').addEventListener('change', (e) => {
    if (e.target.files[0]) openFile(e.target.files[0]);
    e.target.value = '';
  });
  canvas.addEventListener('dragover', (e) => { e.preventDefault(); canvas.classList.add('drop'); });
  canvas.addEventListener('dragleave', () => canvas.classList.remove('drop'));
  canvas.addEventListener('drop', (e) => {
    e.preventDefault();
    canvas.classList.remove('drop');
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
  });

  function paste(text) {
    inbox(enc.encode(text));
    if (!ex.trs_paste()) status(outText());
  }
  document.addEventListener('paste', (e) => {
    if (e.target.tagName === 'TEXTAREA') return;
    paste(e.clipboardData.getData('text'));
    e.preventDefault();
  });
  $('type-go').addEventListener('click', () => paste($('type-text').value));

  // Keys: the mapping itself is trs80_host::keys, shared with the desktop window.
  const NAMED = {
    Enter: 1, Backspace: 2, ArrowLeft: 2, ArrowRight: 3, ArrowUp: 4, ArrowDown: 5, ' ': 6,
    Escape: 7, F1: 7, Pause: 7, End: 7, Home: 8, F2: 8, Delete: 8,
  };
  const ids = new Map();
  const keyId = (e) => {
    const k = e.code || e.key;
    if (!ids.has(k)) ids.set(k, ids.size + 1);
    return ids.get(k);
  };
  const typingInPage = (e) => ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName);
  document.addEventListener('keydown', (e) => {
    if (typingInPage(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'F9') { setTurbo(!turbo); e.preventDefault(); return; }
    if (e.key === 'F10') { ex.trs_reset(e.shiftKey ? 1 : 0); e.preventDefault(); return; }
    let code = NAMED[e.key];
    if (code === undefined) {
      if ([...e.key].length !== 1) return;
      code = e.key.codePointAt(0);
    }
    e.preventDefault();
    if (!e.repeat) ex.trs_key_down(keyId(e), code, e.shiftKey ? 1 : 0);
  });
  document.addEventListener('keyup', (e) => {
    if (!typingInPage(e)) ex.trs_key_up(keyId(e));
  });
  window.addEventListener('blur', () => ex.trs_release_all());

  // Buttons.
  let turbo = false;
  function setTurbo(on) {
    turbo = on;
    $('turbo').textContent = 'Turbo: ' + (on ? 'on' : 'off');
  }
  $('turbo').addEventListener('click', () => setTurbo(!turbo));
  $('reset').addEventListener('click', () => ex.trs_reset(0));
  $('power').addEventListener('click', () => ex.trs_reset(1));
  $('phosphor').addEventListener('change', (e) => {
    phosphor = Number(e.target.value);
    ex.trs_set_phosphor(phosphor);
  });
  $('rom').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (!f) return;
    const rom = new Uint8Array(await f.arrayBuffer());
    try {
      create(rom);
    } catch (err) {
      status(f.name + ': ' + err.message + ' (the running machine is unchanged)');
      return;
    }
    let s = '';
    for (const b of rom) s += String.fromCharCode(b);
    localStorage.setItem(ROM_KEY, btoa(s));
    status(f.name + ': your ROM, kept in this browser (never uploaded)');
  });
  $('builtin').addEventListener('click', () => {
    localStorage.removeItem(ROM_KEY);
    boot();
  });

  function download(name, bytes, type) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([bytes], { type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  $('save-tape').addEventListener('click', () => {
    if (ex.trs_tape() === 0) status('nothing recorded on the tape yet (CSAVE"A" records)');
    else download('program.cas', out(), 'application/octet-stream');
  });
  $('save-disk').addEventListener('click', () => {
    if (ex.trs_disk() === 0) status('no disk in drive 0');
    else download('disk0.dsk', out(), 'application/octet-stream');
  });
  $('save-bas').addEventListener('click', () => {
    if (ex.trs_listing()) download('program.bas', out(), 'text/plain');
    else status(outText());
  });
  $('paper-txt').addEventListener('click', () => {
    ex.trs_paper_text();
    download('paper.txt', out(), 'text/plain');
  });
  $('paper-pdf').addEventListener('click', () => {
    ex.trs_paper_pdf();
    download('paper.pdf', out(), 'application/pdf');
  });
  $('share').addEventListener('click', () => {
    if (!ex.trs_listing()) { status(outText()); return; }
    history.replaceState(null, '', '#bas=' + encodeURIComponent(outText()));
    status('this page\'s address now boots and RUNs the program: copy it from the address bar');
  });

  // A link carrying a listing (#bas=...) boots and RUNs it.
  if (location.hash.startsWith('#bas=')) {
    try {
      openProgram('link.bas', enc.encode(decodeURIComponent(location.hash.slice(5))));
    } catch (e) {
      status('the link\'s program is damaged: ' + e.message);
    }
  }

  // Pacing: a timer wakes the machine when its next frame is due (the absolute deadline of
  // crates/web run_due); the canvas is drawn from requestAnimationFrame, and only when the
  // screen changed. A requestAnimationFrame loop of its own would cost headless Chromium
  // 3.5-5 % of a core doing nothing (see the README).
  // At real speed the timer wakes the page when the second of the next two frames is due,
  // and both run: 30 wake-ups a second instead of 60 halve the browser's cost per wake-up
  // (the machine's own work is under 0.3 % of a core), still within a frame of input.
  const FRAMES_PER_WAKE = 2;
  const FRAME_MS = 29568 / 1774.08;
  let wasTurbo = false;
  let nextHousekeeping = 0;
  let paperLength = -1;
  let drawPending = false;
  function housekeeping(now) {
    nextHousekeeping = now + 250;
    const speed = ex.trs_speed(now);
    if (speed >= 0) {
      $('speed').textContent = speed.toFixed(1) + '% of 1.774 MHz' + (turbo ? ' (turbo)' : '');
    }
    if (ex.trs_load_error()) status(outText());
    const n = ex.trs_paper_text();
    if (n !== paperLength) {
      paperLength = n;
      const paper = $('paper');
      paper.textContent = outText();
      paper.scrollTop = paper.scrollHeight;
    }
  }
  function step() {
    let now = performance.now();
    if (turbo) {
      const end = now + 12;
      do ex.trs_run_frames(1); while (performance.now() < end);
    } else {
      if (wasTurbo) ex.trs_reanchor(now);
      ex.trs_run_due(now);
    }
    wasTurbo = turbo;
    if (!drawPending && ex.trs_render()) {
      drawPending = true;
      requestAnimationFrame(() => { drawPending = false; draw(); });
    }
    now = performance.now();
    if (now >= nextHousekeeping) housekeeping(now);
    setTimeout(step, turbo ? 0 : Math.max(1, ex.trs_wait_ms(now) + (FRAMES_PER_WAKE - 1) * FRAME_MS));
  }
  step();
  canvas.focus();

  // For scripts and tests (tests/web_page.rs reads the screen this way).
  window.trs80 = {
    screenText: () => { ex.trs_screen_text(); return outText(); },
    paperText: () => { ex.trs_paper_text(); return outText(); },
    tStates: () => ex.trs_t_states(),
    setTurbo,
  };
})();
