// Every page loads this one small module. It starts the demos (only on pages that have one, so a
// page of plain text never downloads the wasm) and, under `trunk serve`, reloads the page when
// Trunk rebuilds. It is a file rather than inline script because the site's content policy allows
// scripts from its own origin only.

startLiveReload();
startDemos();

// Trunk's development server rewrites the placeholder below in every HTML response it serves; on
// any other server the placeholder stays as written and nothing connects anywhere.
function startLiveReload() {
  const meta = document.querySelector('meta[name="downhill-trunk-ws"]');
  const base = meta ? meta.getAttribute('content') : null;
  if (!base || base.startsWith('{{')) return;
  const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${protocol}://${location.host}${base}.well-known/trunk/ws`;
  const connect = (reloadWhenOpen) => {
    const socket = new WebSocket(url);
    socket.onopen = () => { if (reloadWhenOpen) location.reload(); };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'reload') location.reload();
      if (message.type === 'buildFailure') console.warn('Trunk build failed:', message.data && message.data.reason);
    };
    // Trunk restarted or the machine slept: try again in a while and reload once it is back.
    socket.onclose = () => setTimeout(() => connect(true), 2000);
  };
  connect(false);
}

async function startDemos() {
  const figures = document.querySelectorAll('figure[data-demo]');
  if (figures.length === 0) return;
  try {
    const wasm = await import('./downhill-web.js');
    await wasm.default({ module_or_path: new URL('downhill-web_bg.wasm', import.meta.url) });
    wasm.mount_all();
  } catch (error) {
    // The static figures stay; say why they did not come alive instead of failing silently.
    for (const figure of figures) {
      figure.classList.add('demo-failed');
      const note = document.createElement('p');
      note.className = 'demo-message';
      note.setAttribute('role', 'status');
      note.textContent = 'This demo could not start in this browser, so you see a still picture. (' + error + ')';
      figure.append(note);
    }
    console.error(error);
  }
}
