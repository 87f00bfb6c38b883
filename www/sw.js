// Service worker: caches the app shell and the wasm so the page works offline
// after the first visit. Same-origin GET requests only; cache first, then
// network (and the cache is refreshed on every online load).
const CACHE = 'soi-v1';
const SHELL = ['./', 'index.html', 'style.css', 'app.js', 'worker.js', 'i18n.js', 'example.txt',
  'manifest.webmanifest', 'pkg/soi.js', 'pkg/soi_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(req, { ignoreSearch: true });
      const net = fetch(req).then((res) => {
        if (res.ok) cache.put(req, res.clone());
        return res;
      });
      if (hit) {
        net.catch(() => {}); // refresh in the background when online
        return hit;
      }
      return net;
    }),
  );
});
