// The analysis runs here, off the main thread. The wasm is loaded once.
import init, { analyze, version } from './pkg/soi.js';

const ready = init().then(() => {
  postMessage({ type: 'ready', version: version() });
}).catch((err) => {
  postMessage({ type: 'error', message: String(err) });
});

onmessage = async (event) => {
  const { id, text } = event.data;
  await ready;
  try {
    const t0 = performance.now();
    const result = analyze(text);
    const ms = performance.now() - t0;
    postMessage({ type: 'result', id, result, ms });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err) });
  }
};
