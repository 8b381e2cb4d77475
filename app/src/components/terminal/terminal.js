// The Terminal tab's glue: xterm.js (served from /vendor/xterm, loaded the first time a
// terminal opens) on a pods/exec WebSocket speaking the v5/v4 channel protocols.

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, RESIZE = 4;

let loaded;

function load() {
  if (!loaded) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/vendor/xterm/xterm.css';
    document.head.append(css);
    loaded = Promise.all([import('/vendor/xterm/xterm.mjs'), import('/vendor/xterm/addon-fit.mjs')]);
  }
  return loaded;
}

/** The exit code in the error stream's Status (0 for Success), or null with its message. */
function ending(text) {
  try {
    const status = JSON.parse(text);
    if (status.status === 'Success') return { code: 0 };
    const cause = (status.details?.causes ?? []).find((c) => c.reason === 'ExitCode');
    return cause ? { code: Number(cause.message) } : { code: null, message: status.message };
  } catch {
    return { code: null, message: text };
  }
}

/**
 * Opens a terminal in `element` on the exec socket at `path` (same origin). `report`
 * hears 'connected', 'exited:<code>', 'failed:<message>' and 'closed'. Resolves to a
 * handle whose `close()` ends it.
 */
export async function openTerminal(element, path, label, report) {
  const [{ Terminal }, { FitAddon }] = await load();
  const term = new Terminal({ cursorBlink: true, screenReaderMode: true, fontSize: 14 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(element);
  term.textarea?.setAttribute('aria-label', label);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}${path}`, PROTOCOLS);
  socket.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  const send = (channel, bytes) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = channel;
    frame.set(bytes, 1);
    socket.send(frame);
  };
  const resize = () => {
    try { fit.fit(); } catch { return; }
    send(RESIZE, encoder.encode(JSON.stringify({ Width: term.cols, Height: term.rows })));
  };
  let ended = false;
  socket.onopen = () => {
    report('connected');
    resize();
    term.focus();
  };
  socket.onmessage = (event) => {
    const data = new Uint8Array(event.data);
    if (data.length === 0) return;
    const body = data.subarray(1);
    if (data[0] === STDOUT || data[0] === STDERR) {
      term.write(body);
    } else if (data[0] === ERROR) {
      ended = true;
      const end = ending(new TextDecoder().decode(body));
      report(end.code === null ? `failed:${end.message}` : `exited:${end.code}`);
    }
  };
  socket.onerror = () => {
    if (!ended) report('failed:');
    ended = true;
  };
  socket.onclose = () => {
    if (!ended) report('closed');
  };
  const typed = term.onData((text) => send(STDIN, encoder.encode(text)));
  const observer = new ResizeObserver(resize);
  observer.observe(element);
  return {
    close() {
      ended = true;
      observer.disconnect();
      typed.dispose();
      socket.close();
      term.dispose();
    },
    focus() {
      term.focus();
    },
  };
}
