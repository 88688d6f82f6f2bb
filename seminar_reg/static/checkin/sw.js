// The check-in desk's service worker (served as /console/checkin/sw.js, so its scope is
// the desk's folder). It keeps copies of the desk's pages and of the scripts, styles and
// camera decoder they load, so a desk opened once online opens and reloads offline.
// It keeps nobody's data: the list of people lives in IndexedDB (roster.js), the scans
// waiting in localStorage (desk.js). Scans, the list and look-ups always go to the
// network; logging out (Clear-Site-Data) or closing the desk removes the copies.
//
// Releases: static addresses carry their file's hash (?v=, static_files.py), so a page
// and the scripts it names are one release whichever copy they come from. This worker's
// copies are kept under its release's name (the server writes the hash of the static
// files in below); a new release's worker keeps the desk's pages again from the server
// when it installs, and drops an earlier release's copies once it holds every page they
// held: a desk offline through the upgrade still opens its earlier page, with that
// page's own scripts, until it can reach the server.
"use strict";

const RELEASE = "__STATIC_RELEASE__";
const PREFIX = "seminar-reg-desk-"; // every release's copies ("seminar-reg-desk-v1" too)
const CACHE = PREFIX + RELEASE;
// Hotel Wi-Fi that answers nothing is offline too: after this long, the copy is shown.
const NETWORK_TIMEOUT_MS = 4000;
const SCOPE = new URL(self.registration.scope).pathname;
// The app's static files, beside /console/ wherever the app is mounted.
const STATIC = SCOPE.replace(/console\/checkin\/$/, "") + "static/";

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(carryOver());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await dropCarriedOver();
    await self.clients.claim();
  })());
});

// The desk page says what to keep ({type: "keep", urls}) and what to drop when it is
// closed ({type: "forget", urls}); it hears back {type: "kept"} when the copies exist.
// Of the addresses it sends, the desk pages count: what they load is read from the
// pages themselves (a page kept by an earlier release may name other scripts).
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

function isDeskPage(url) {
  if (!url.pathname.startsWith(SCOPE)) return false;
  const rest = url.pathname.slice(SCOPE.length);
  return rest !== "" && !rest.includes("/") && !rest.endsWith(".js");
}

function isVersioned(url) {
  return url.pathname.startsWith(STATIC) && url.searchParams.has("v");
}

async function olderCaches() {
  const names = await caches.keys();
  return names.filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

// This release's copy, else an earlier release's (kept until this one has the page).
// Looked up by name: opening a cache that is gone would make it again.
async function findKept(request) {
  for (const name of [CACHE, ...await olderCaches()]) {
    const kept = await caches.match(request, { cacheName: name });
    if (kept) return kept;
  }
  return undefined;
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

// The server's answer, or null: a login redirect or an error page is no copy of the desk.
async function fetchCopy(url) {
  try {
    const response = await withTimeout(fetch(url, { credentials: "same-origin",
      cache: "no-store", redirect: "manual" }), NETWORK_TIMEOUT_MS);
    return response.ok && response.type === "basic" ? response : null;
  } catch (error) {
    return null; // offline: whatever was kept before stays
  }
}

// The static files a desk page loads (scripts, styles) or may load (its data-decoder-url,
// the camera's decoder), as its HTML names them.
function staticUrls(html, pageUrl) {
  const urls = new Set();
  for (const [, value] of html.matchAll(/\s(?:src|href|data-decoder-url)="([^"]+)"/g)) {
    const url = new URL(value.replace(/&amp;/g, "&"), pageUrl);
    if (url.origin === self.location.origin && url.pathname.startsWith(STATIC)) urls.add(url.href);
  }
  return [...urls];
}

async function keepFile(cache, url) {
  // A versioned address never changes its content: kept once is kept.
  if (isVersioned(new URL(url)) && await cache.match(url)) return true;
  const response = await fetchCopy(url);
  if (response) await cache.put(url, response);
  return Boolean(response);
}

// Each desk page from the server with the files it loads, put in this release's copies
// once all of them are there: a kept page always has its scripts.
async function keep(urls) {
  const cache = await caches.open(CACHE);
  const pages = [...new Set(urls.map((url) => new URL(url, self.location.href).href))]
    .filter((url) => isDeskPage(new URL(url)));
  let count = 0;
  await Promise.all(pages.map(async (url) => {
    const page = await fetchCopy(url);
    if (!page) return;
    const files = staticUrls(await page.clone().text(), url);
    const kept = await Promise.all(files.map((file) => keepFile(cache, file)));
    if (kept.every(Boolean)) {
      await cache.put(url, page);
      count += 1;
    }
  }));
  await dropCarriedOver();
  return count;
}

// A new release's worker: the desk pages an earlier release kept, kept again now.
async function carryOver() {
  const pages = [];
  for (const name of await olderCaches()) {
    for (const request of await (await caches.open(name)).keys()) {
      if (isDeskPage(new URL(request.url))) pages.push(request.url);
    }
  }
  await keep(pages);
}

// An earlier release's copies go once this release holds every desk page they hold.
// Only by the newest worker: one still serving while a newer one installs would take
// the newer release's copies for earlier ones.
async function dropCarriedOver() {
  if (self.registration.installing || self.registration.waiting) return;
  const cache = await caches.open(CACHE);
  for (const name of await olderCaches()) {
    const older = await caches.open(name);
    const pages = (await older.keys()).filter((request) => isDeskPage(new URL(request.url)));
    const held = await Promise.all(pages.map((request) => cache.match(request)));
    if (held.every(Boolean)) await caches.delete(name);
  }
}

async function forget(urls) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const cache = await caches.open(name);
    await Promise.all(urls.map((url) => cache.delete(url)));
  }
}

// A kept copy says so (X-Desk-Copy), for the desk's tests and for anyone debugging.
function asCopy(response) {
  const headers = new Headers(response.headers);
  headers.set("X-Desk-Copy", "offline");
  return new Response(response.body, { status: response.status,
    statusText: response.statusText, headers: headers });
}

// The network's answer when it comes in time, else the kept copy. Network first, so a
// new version of the app is used as soon as the server can be reached. Desk pages are
// copied by `keep` only (with their files); a versioned static file whenever a desk
// page loads it (its address names its content, so the copy is right for any page).
async function networkFirst(request) {
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok && response.type === "basic" && !response.redirected
        && isVersioned(new URL(request.url))) {
      await (await caches.open(CACHE)).put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await findKept(request);
    if (kept) return asCopy(kept);
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if ((request.mode === "navigate" && isDeskPage(url)) || url.pathname.startsWith(STATIC)) {
    event.respondWith(networkFirst(request));
  }
});
