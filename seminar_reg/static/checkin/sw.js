// The check-in desk's service worker (served as /console/checkin/sw.js, so its scope is
// the desk's folder). It keeps copies of the desk's pages and of the scripts, styles and
// camera decoder they load, so a desk opened once online opens and reloads offline.
// It keeps nobody's data: the list of people lives in IndexedDB (roster.js), the scans
// waiting in localStorage (desk.js). Scans, the list and look-ups always go to the
// network; logging out (Clear-Site-Data) or closing the desk removes the copies.
"use strict";

const CACHE = "seminar-reg-desk-v1";
// Hotel Wi-Fi that answers nothing is offline too: after this long, the copy is shown.
const NETWORK_TIMEOUT_MS = 4000;
const SCOPE = new URL(self.registration.scope).pathname;
// The app's static files, beside /console/ wherever the app is mounted.
const STATIC = SCOPE.replace(/console\/checkin\/$/, "") + "static/";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The desk page says what to keep ({type: "keep", urls}) and what to drop when it is
// closed ({type: "forget", urls}); it hears back {type: "kept"} when the copies exist.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const urls = Array.isArray(data.urls) ? data.urls.filter(isOurs) : [];
  if (data.type === "keep") {
    event.waitUntil(keep(urls).then((count) => {
      if (event.source) event.source.postMessage({ type: "kept", count: count });
    }));
  } else if (data.type === "forget") {
    event.waitUntil(forget(urls));
  }
});

function isOurs(url) {
  try {
    return new URL(url, self.location.href).origin === self.location.origin;
  } catch (error) {
    return false;
  }
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  let count = 0;
  await Promise.all(urls.map(async (url) => {
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store",
        redirect: "manual" });
      // A login redirect or an error page is no copy of the desk.
      if (response.ok && response.type === "basic") {
        await cache.put(url, response);
        count += 1;
      }
    } catch (error) {
      // offline already: whatever was kept before stays
    }
  }));
  return count;
}

async function forget(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(urls.map((url) => cache.delete(url)));
}

function isDeskPage(url) {
  if (!url.pathname.startsWith(SCOPE)) return false;
  const rest = url.pathname.slice(SCOPE.length);
  return rest !== "" && !rest.includes("/") && !rest.endsWith(".js");
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// A kept copy says so (X-Desk-Copy), for the desk's tests and for anyone debugging.
function asCopy(response) {
  const headers = new Headers(response.headers);
  headers.set("X-Desk-Copy", "offline");
  return new Response(response.body, { status: response.status,
    statusText: response.statusText, headers: headers });
}

// The network's answer when it comes in time (and a copy kept of it), else the kept
// copy. Desk pages are copied only once the desk asked for them (`onlyKept`); scripts,
// styles and the decoder whenever a desk page loads them. Network first, so a new
// version of the app is used as soon as the server can be reached.
async function networkFirst(request, onlyKept) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok && response.type === "basic" && !response.redirected
        && (!onlyKept || await cache.match(request))) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: !onlyKept });
    if (kept) return asCopy(kept);
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isDeskPage(url)) {
    event.respondWith(networkFirst(request, true));
  } else if (url.pathname.startsWith(STATIC)) {
    event.respondWith(networkFirst(request, false));
  }
});
