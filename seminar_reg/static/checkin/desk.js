// The check-in desk: reads badge codes (USB scanner typing + Enter, or the camera via
// jsQR), sends each scan to the server and shows the answer large. Every scan is put
// in a queue in localStorage *before* it is sent, with an id made here, so a scan taken
// while the venue network is down is kept and sent later; the server recognises a
// replayed id and answers the original result instead of counting it twice.
// With the list of people kept on the device (roster.js), a scan or a look-up made
// offline is answered at once; the service worker (sw.js) keeps the page itself.
(function () {
  "use strict";
  const desk = document.getElementById("desk");
  if (!desk) return;

  const TEXTS = JSON.parse(document.getElementById("desk-texts").textContent);
  // A person's place codes (checkin/roster.py PLACE_CODES), a scan's outcomes and how
  // loudly each is shown (answers.py), as the server has them: read by roster.js from
  // the page, or remembered from a newer one when this page is an older kept copy.
  const block = (id) => JSON.parse(document.getElementById(id).textContent);
  const CODES = window.DeskCodes || { places: block("desk-places"),
    outcomes: block("desk-outcomes") };
  const PLACES = CODES.places;
  // Whose organisations this page's reader reads in the reader's own script (checkin/
  // answers.py desk_reader, by names.display's rule); a page kept by a version before
  // the block shows them as written. Per page, not per list: a desk changing language
  // keeps its list, which holds both forms.
  const READER = document.getElementById("desk-reader") ? block("desk-reader") : {};
  const { codes: OUTCOMES, levels: LEVELS } = CODES.outcomes;
  const QUEUE_KEY = "seminar-reg.checkin.queue";
  const RETRY_MS = 5000;
  const REQUEST_TIMEOUT_MS = 8000;
  const CAMERA_PERIOD_MS = 120;
  const CAMERA_MAX_WIDTH = 800;
  // A badge held in front of the camera is read once, not every frame.
  const SAME_CODE_QUIET_MS = 3000;
  const LOG_LENGTH = 30;
  // The list is refreshed this often while online (only what changed comes).
  const ROSTER_MS = 5000;
  const LOOKUP_LIMIT = 20;

  const scanUrl = desk.dataset.scanUrl;
  const lookupUrl = desk.dataset.lookupUrl;
  const tokenUrl = desk.dataset.tokenUrl;
  const zone = desk.dataset.zone;
  const Rosters = window.DeskRoster;
  const roster = Rosters ? new Rosters.Roster(desk.dataset.item, desk.dataset.user,
    desk.dataset.rosterUrl) : null;
  const hasRoster = () => Boolean(roster && roster.ready);
  // The list is read from the device once. A scan made before it has been read waits
  // for it: on a slow phone the camera can decode a badge before IndexedDB answers, and
  // that scan would otherwise be kept unanswered instead of answered from the list.
  let rosterReading = null;
  const readRoster = () => (rosterReading ??= roster ? roster.load(heldScans())
    : Promise.resolve(false));
  // Every time the desk shows is the venue's, whatever the device's clock says.
  const at = (ms) => (Rosters ? Rosters.venueTime(ms, zone) : new Date(ms).toTimeString().slice(0, 5));
  let csrfToken = document.querySelector('meta[name="csrf-token"]').content;

  const $ = (id) => document.getElementById(id);
  const scanForm = $("scan-form");
  const scanInput = $("scan-code");
  const count = $("desk-count");
  const network = $("desk-network");
  const result = $("result");
  const admitForm = $("admit-form");
  const admitNote = $("admit-note");
  let admitTarget = null;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, (match, name) => String(values[name] ?? match));
  }

  // --- scan ids ----------------------------------------------------------------------
  // crypto.randomUUID exists only in secure contexts; a desk on the venue LAN over
  // plain HTTP still gets a random v4 UUID from getRandomValues.
  function newScanId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  // --- the queue -----------------------------------------------------------------------
  function loadQueue() {
    try {
      const queue = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch (error) {
      return [];
    }
  }

  function saveQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
  }

  function enqueue(entry) {
    const queue = loadQueue();
    queue.push(entry);
    saveQueue(queue);
  }

  // What the list counts as checked in before the server has it (roster.js countHeld).
  function heldScans() {
    return loadQueue().map((entry) => ({ body: entry.body, takenAt: entry.takenAt }));
  }

  function dequeue(scanId) {
    saveQueue(loadQueue().filter((entry) => entry.body.client_scan_id !== scanId));
  }

  function showNetwork() {
    const waiting = loadQueue().length;
    const parts = [navigator.onLine ? TEXTS.online : TEXTS.offline];
    if (waiting) parts.push(format(TEXTS.waiting, { count: waiting }));
    network.textContent = parts.join(" · ");
    network.classList.toggle("is-offline", !navigator.onLine || waiting > 0);
    showFreshness();
  }

  let rosterState = "loading"; // then "ok", "offline" or "refused"

  function showFreshness() {
    const fresh = $("desk-fresh");
    if (!hasRoster()) {
      fresh.textContent = rosterState === "refused" ? TEXTS.roster_refused
        : rosterState === "loading" ? TEXTS.roster_loading : TEXTS.roster_none;
      fresh.classList.add("is-stale");
      return;
    }
    const data = roster.data;
    const people = data.people.filter((person) => person.place !== PLACES.CANCELLED).length;
    // A list for a day that is over is used while the page is open, not kept.
    fresh.textContent = format(roster.expired ? TEXTS.roster_not_kept : TEXTS.roster_fresh,
      { count: people, time: Rosters.venueTime(data.fetchedAt, zone, true) });
    fresh.classList.toggle("is-stale", Date.now() - data.fetchedAt > 3 * ROSTER_MS);
    const total = roster.checkedInCount;
    if (total !== null) count.textContent = String(total);
  }

  // --- talking to the server ---------------------------------------------------------
  function isJson(response) {
    return (response.headers.get("Content-Type") || "").includes("application/json");
  }

  async function refreshToken() {
    try {
      const response = await fetch(tokenUrl, { credentials: "same-origin", cache: "no-store",
        redirect: "manual" });
      if (response.ok && isJson(response)) csrfToken = (await response.json()).csrf_token;
    } catch (error) {
      // Still offline: the next retry tries again.
    }
  }

  async function postOnce(url, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual", // a login redirect means "not accepted", not an answer
        // Flask-WTF checks the Referer on HTTPS; say so here whatever the page's policy.
        referrerPolicy: "same-origin",
        signal: controller.signal,
        headers: { "Content-Type": "application/json", "Accept": "application/json",
          "X-CSRFToken": csrfToken },
        body: JSON.stringify(body),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  // Returns {answer}, {refused} (the server will never accept this request) or {retry}.
  async function send(entry) {
    let response;
    try {
      response = await postOnce(entry.url, entry.body);
      if (response.status === 400 && !isJson(response)) {
        // The CSRF token expired (the desk was open for hours): get a new one, try again.
        await refreshToken();
        response = await postOnce(entry.url, entry.body);
      }
    } catch (error) {
      return { retry: "network" };
    }
    if (response.ok && isJson(response)) return { answer: await response.json() };
    if (response.status === 400 && isJson(response)) return { refused: await response.json() };
    return { retry: "server" };
  }

  let flushing = false;
  let flushAgain = false;

  async function flushQueue() {
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        await sendQueued();
      } while (flushAgain);
    } finally {
      flushing = false;
      showNetwork();
    }
    if (!loadQueue().length && navigator.onLine) syncRoster(true);
  }

  async function sendQueued() {
    for (const entry of loadQueue()) {
      if (!navigator.onLine) return;
      const outcome = await send(entry);
      if (outcome.retry) {
        if (outcome.retry === "server") showProblem(TEXTS.retry_login);
        return; // keep this and later scans, in order, for the next attempt
      }
      dequeue(entry.body.client_scan_id);
      if (outcome.answer) showAnswer(entry, outcome.answer);
      else showProblem(outcome.refused.error || TEXTS.error);
    }
  }

  // A new scan. Offline with a list on the device: answered from it at once, and kept
  // to be sent only when it admits someone. Otherwise stored first, then sent; nothing
  // is lost if the connection is gone.
  async function submitScan(body, label) {
    if (!navigator.onLine) await readRoster();
    if (!navigator.onLine && hasRoster()) answerOffline(body, label);
    else queueAndSend(body, label);
  }

  function newEntry(body, label, takenAt) {
    return {
      url: scanUrl,
      // taken_at: a scan sent after the network returns counts from when it was taken.
      body: Object.assign({}, body, {
        client_scan_id: newScanId(),
        taken_at: new Date(takenAt).toISOString(),
      }),
      label: label,
      takenAt: takenAt,
    };
  }

  async function answerOffline(body, label) {
    const takenAt = Date.now();
    const local = await roster.answer(body);
    if (local === null) { // no hashing without HTTPS: kept and sent, as without a list
      queueAndSend(body, label);
      return;
    }
    hideAdmit();
    let entry = { url: scanUrl, body: body, label: label, takenAt: takenAt };
    const answer = localAnswer(local);
    if (local.outcome === OUTCOMES.CHECKED_IN) {
      entry = newEntry(body, label, takenAt);
      enqueue(entry);
      await roster.markPending(local.person.id, takenAt);
      answer.detail = TEXTS.queued_answer;
    }
    showAnswer(entry, answer);
    showNetwork();
  }

  function personCard(person) {
    return Object.assign({}, person, { side_label: roster.sideLabel(person.side) });
  }

  // The server's answer, made here from the list (same words, same levels).
  function localAnswer(local) {
    const messages = {
      [OUTCOMES.CHECKED_IN]: () => (local.note ? TEXTS.admitted_note : TEXTS.checked_in),
      [OUTCOMES.ALREADY]: () => format(TEXTS.already, { time: at(local.at) }),
      [OUTCOMES.NOT_REGISTERED]: () => (local.waitlisted ? TEXTS.waitlisted : TEXTS.not_registered),
      [OUTCOMES.CANCELLED]: () => TEXTS.cancelled,
      [OUTCOMES.UNKNOWN]: () => TEXTS.unknown,
    };
    return {
      outcome: local.outcome,
      level: LEVELS[local.outcome],
      message: messages[local.outcome](),
      delegate: local.person ? personCard(local.person) : null,
      may_admit: local.outcome === OUTCOMES.NOT_REGISTERED,
      note: local.note || "",
    };
  }

  function queueAndSend(body, label) {
    const entry = newEntry(body, label, Date.now());
    // The list's answer as the badge is scanned, before the server can have the scan: if
    // the server stores it and its reply is lost, the list refreshed meanwhile holds this
    // very check-in and, asked later, would call it "already" (and drop it from the queue).
    const listAnswer = readRoster().then(() => (hasRoster() ? roster.answer(body) : null));
    enqueue(entry);
    hideAdmit();
    if (navigator.onLine) showPending(TEXTS.sending, label);
    else showQueued(entry);
    flushQueue().then(() => {
      if (loadQueue().some((e) => e.body.client_scan_id === entry.body.client_scan_id)) {
        answerUnsent(entry, listAnswer);
      }
    });
  }

  // The device says online but the server gave no answer (hotel Wi-Fi behind a login
  // page, a dropped reply): answered from the list like an offline scan. An admitted
  // scan stays queued (the server may even have it: the replay is recognised); one the
  // list refuses is not sent later, as offline.
  async function answerUnsent(entry, listAnswer) {
    const local = await listAnswer;
    if (local === null) {
      showQueued(entry);
      return;
    }
    const answer = localAnswer(local);
    if (local.outcome === OUTCOMES.CHECKED_IN) {
      await roster.markPending(local.person.id, entry.takenAt);
      answer.detail = TEXTS.queued_answer;
    } else {
      dequeue(entry.body.client_scan_id);
    }
    showAnswer(entry, answer);
    showNetwork();
  }

  // --- showing answers ---------------------------------------------------------------
  function setLevel(level) {
    result.className = `desk-result level-${level}`;
  }

  function showPending(text, label) {
    showDetail("");
    setLevel("idle");
    $("result-message").textContent = label ? `${text} ${label}` : text;
    $("result-person").hidden = true;
  }

  function showQueued(entry) {
    showDetail("");
    setLevel("queued");
    $("result-message").textContent = `${TEXTS.queued}: ${entry.label}`;
    $("result-person").hidden = true;
    showNetwork();
  }

  function showProblem(text) {
    showDetail("");
    setLevel("stop");
    $("result-message").textContent = text;
    $("result-person").hidden = true;
  }

  function fillName(element, text, lang) {
    element.textContent = text || "";
    if (lang) element.lang = lang;
  }

  // The person's organisation as this page's reader reads it, marked with its lang: the
  // other form (cross_organization, cross_lang) for the side the page says, when it has one.
  function showOrganization(element, person) {
    const cross = person.side === READER.crossed_side ? person.cross_organization : "";
    if (cross) fillName(element, cross, person.cross_lang);
    else fillName(element, person.organization, person.name_lang);
    return element;
  }

  function personUrl(id) {
    return desk.dataset.personUrl.replace(/\/0$/, `/${id}`);
  }

  function showPerson(person, note) {
    const box = $("result-person");
    box.hidden = !person;
    if (!person) return;
    $("person-more").href = personUrl(person.id);
    fillName($("person-name"), person.name, person.name_lang);
    const cross = person.cross_name && person.cross_name !== person.name.replace(" ", "");
    fillName($("person-cross"), cross ? person.cross_name : "", person.cross_lang);
    $("person-latin").textContent = person.latin_name;
    $("person-side").textContent = person.side_label;
    $("person-side").className = `person-side side-${person.side}`;
    showOrganization($("person-org"), person);
    $("person-note").hidden = !note;
    $("person-note").textContent = note || "";
  }

  function showDetail(text) {
    $("result-detail").hidden = !text;
    $("result-detail").textContent = text || "";
  }

  function showAnswer(entry, answer) {
    setLevel(answer.level);
    $("result-message").textContent = answer.message;
    showPerson(answer.delegate, answer.note);
    showDetail(answer.detail);
    if (entry.url === scanUrl && typeof answer.checked_in_count === "number") {
      count.textContent = String(answer.checked_in_count);
    }
    const target = entry.body.delegate_id ? { delegate_id: entry.body.delegate_id }
      : { code: entry.body.code };
    if (answer.may_admit && entry.url === scanUrl) openAdmit(target, answer);
    logAnswer(entry, answer, target);
    if (document.activeElement === document.body) scanInput.focus();
  }

  function logAnswer(entry, answer, target) {
    const log = $("scan-log");
    const line = document.createElement("li");
    line.className = `level-${answer.level}`;
    const when = new Date(entry.takenAt || Date.now());
    const time = document.createElement("time");
    time.dateTime = when.toISOString();
    time.textContent = at(when.getTime());
    const who = document.createElement("span");
    if (answer.delegate) fillName(who, answer.delegate.name, answer.delegate.name_lang);
    else who.textContent = entry.label;
    line.append(time, " ", who, ` — ${answer.message}`);
    if (answer.detail) line.append(` (${answer.detail})`);
    else if (Date.now() - (entry.takenAt || 0) > RETRY_MS) line.append(` (${TEXTS.sent_later})`);
    if (answer.may_admit && entry.url === scanUrl) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary small";
      button.textContent = TEXTS.admit_button;
      button.addEventListener("click", () => openAdmit(target, answer));
      line.append(" ", button);
    }
    log.prepend(line);
    while (log.children.length > LOG_LENGTH) log.lastElementChild.remove();
  }

  // --- admitting someone without a confirmed place -----------------------------------
  function openAdmit(target, answer) {
    admitTarget = target;
    $("admit-who").textContent = answer.delegate
      ? `${answer.delegate.name}: ${answer.message}` : answer.message;
    admitNote.value = "";
    admitForm.hidden = false;
    admitNote.focus();
  }

  function hideAdmit() {
    admitForm.hidden = true;
    admitTarget = null;
  }

  admitForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const note = admitNote.value.trim();
    if (!note) {
      admitNote.setAttribute("aria-invalid", "true");
      admitNote.focus();
      return;
    }
    admitNote.removeAttribute("aria-invalid");
    const target = admitTarget;
    if (!target) return;
    submitScan(Object.assign({}, target, { admit: true, note: note }),
      $("admit-who").textContent);
    scanInput.focus();
  });

  $("admit-cancel").addEventListener("click", () => {
    hideAdmit();
    scanInput.focus();
  });

  // --- USB scanner or keyboard -------------------------------------------------------
  scanForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = scanInput.value.trim();
    scanInput.value = "";
    if (code) submitScan({ code: code }, code);
    scanInput.focus();
  });

  // --- look-up by name -----------------------------------------------------------------
  const lookupInput = $("lookup-q");
  const lookupStatus = $("lookup-status");
  const lookupList = $("lookup-results");
  let lookupTimer = null;

  function lookupLine(person) {
    const line = document.createElement("li");
    const name = document.createElement("span");
    name.className = "person-name";
    fillName(name, person.name, person.name_lang);
    const cross = document.createElement("span");
    cross.className = "person-cross";
    fillName(cross, person.cross_name, person.cross_lang);
    const details = document.createElement("span");
    details.className = "lookup-details";
    const organization = showOrganization(document.createElement("span"), person);
    const parts = [person.latin_name, person.side_label, organization.textContent && organization,
      person.status].filter(Boolean);
    details.append(...parts.flatMap((part, index) => (index ? [" · ", part] : [part])));
    line.append(name, " ", cross, details);
    if (person.checked_in) {
      // Already admitted: said so, with the way to undo or reprint, and no button.
      line.classList.add("is-admitted");
      const more = document.createElement("a");
      more.href = personUrl(person.id);
      more.textContent = TEXTS.more;
      more.setAttribute("aria-label", `${TEXTS.more} ${person.name}`);
      line.append(more);
      return line;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = TEXTS.check_in;
    button.setAttribute("aria-label", `${TEXTS.check_in}: ${person.name}`);
    button.addEventListener("click", () => submitScan({ delegate_id: person.id }, person.name));
    line.append(button);
    return line;
  }

  async function lookup() {
    const query = lookupInput.value.trim();
    lookupList.replaceChildren();
    if (!query) {
      lookupStatus.textContent = "";
      return;
    }
    if (!navigator.onLine && hasRoster()) {
      showLocalResults(query);
      return;
    }
    lookupStatus.textContent = TEXTS.searching;
    try {
      const response = await fetch(`${lookupUrl}?q=${encodeURIComponent(query)}`,
        { credentials: "same-origin", cache: "no-store", redirect: "manual" });
      if (!response.ok || !isJson(response)) throw new Error(String(response.status));
      const data = await response.json();
      if (lookupInput.value.trim() !== query) return; // a newer search is on its way
      lookupList.replaceChildren(...data.results.map(lookupLine));
      lookupStatus.textContent = data.results.length ? "" : TEXTS.no_results;
    } catch (error) {
      if (hasRoster()) showLocalResults(query);
      else lookupStatus.textContent = navigator.onLine ? TEXTS.error : TEXTS.lookup_offline;
    }
  }

  // Offline: the same look-up in the list on the device.
  function showLocalResults(query) {
    const people = roster.search(query, LOOKUP_LIMIT).map((person) => {
      const first = roster.firstTime(person.id);
      const status = first ? format(TEXTS.already, { time: at(first) })
        : person.place === PLACES.CONFIRMED ? TEXTS.registered
          : person.place === PLACES.WAITLISTED ? TEXTS.waitlisted : TEXTS.not_registered;
      return Object.assign(personCard(person), { checked_in: Boolean(first), status: status });
    });
    lookupList.replaceChildren(...people.map(lookupLine));
    lookupStatus.textContent = people.length ? TEXTS.lookup_local : TEXTS.no_results;
  }

  $("lookup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(lookupTimer);
    lookup();
  });
  lookupInput.addEventListener("input", () => {
    clearTimeout(lookupTimer);
    lookupTimer = setTimeout(lookup, 300);
  });

  // --- camera ------------------------------------------------------------------------
  function startCamera() {
    const video = $("camera-video");
    const canvas = $("camera-canvas");
    const status = $("camera-status");
    if (!video) return;
    const media = navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== "function" || typeof window.jsQR !== "function") {
      status.textContent = TEXTS.camera_unavailable;
      return;
    }
    status.textContent = TEXTS.camera_starting;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    let lastCode = "";
    let lastSeen = 0;

    function onCode(code) {
      const now = Date.now();
      const repeat = code === lastCode && now - lastSeen < SAME_CODE_QUIET_MS;
      lastCode = code;
      lastSeen = now;
      if (!repeat) submitScan({ code: code }, code);
    }

    function readFrame() {
      if (video.readyState >= 2 && video.videoWidth) {
        const scale = Math.min(1, CAMERA_MAX_WIDTH / video.videoWidth);
        const width = Math.round(video.videoWidth * scale);
        const height = Math.round(video.videoHeight * scale);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(video, 0, 0, width, height);
        const image = context.getImageData(0, 0, width, height);
        const found = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
        if (found && found.data.trim()) onCode(found.data.trim());
      }
      setTimeout(() => requestAnimationFrame(readFrame), CAMERA_PERIOD_MS);
    }

    media.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false })
      .then((stream) => {
        video.srcObject = stream;
        return video.play();
      })
      .then(() => {
        status.textContent = TEXTS.camera_on;
        readFrame();
      })
      .catch(() => {
        status.textContent = TEXTS.camera_unavailable;
      });
  }

  // --- the list of people on this device --------------------------------------------
  let syncing = null;
  let settleAsked = 0; // queues sent in full so far
  let settledFor = 0; // of those, how many a list asked for after them has settled

  // After the queue is sent (settled), the server's list is the whole truth: the scans
  // this desk kept give way to it, but only once a list asked for after the send has
  // come. Given way before, a list that then failed to come (the Wi-Fi dropping again)
  // left the device not knowing the people it had just sent: "Checked in" again offline.
  async function syncRoster(settled) {
    if (!roster) return;
    if (settled) settleAsked += 1;
    if (syncing) return syncing;
    syncing = (async () => {
      const asked = settleAsked;
      let came = "offline";
      if (navigator.onLine) rosterState = came = await roster.sync(heldScans());
      else if (rosterState === "loading") rosterState = "offline";
      // Settled only with nothing held: scans kept since the send count until sent.
      if (came === "ok" && asked > settledFor && !loadQueue().length) {
        settledFor = asked;
        await roster.settle();
      }
    })();
    try {
      await syncing;
    } finally {
      syncing = null;
      showNetwork();
    }
  }

  async function startRoster() {
    if (!roster) return;
    await readRoster();
    showNetwork();
    await syncRoster(false);
    setInterval(() => {
      if (navigator.onLine && !document.hidden) syncRoster(false);
      else showFreshness();
    }, ROSTER_MS);
  }

  // --- the page kept for offline (service worker) ----------------------------------------
  // The desk's pages; and the files this page loads, for a worker from before the
  // release-named copies, which keeps what it is told (sw.js reads them from the pages).
  function keptUrls() {
    const pages = JSON.parse(desk.dataset.deskUrls);
    const assets = [
      ...Array.from(document.scripts, (script) => script.src),
      ...Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (link) => link.href),
      desk.dataset.decoderUrl,
    ];
    return [...pages, ...assets].filter(Boolean)
      .map((url) => new URL(url, location.href).href);
  }

  async function startServiceWorker() {
    if (!("serviceWorker" in navigator)) return; // plain HTTP: no offline reload
    const workers = navigator.serviceWorker;
    // A new release's worker takes over open desks (the page's own ?v= address asks for
    // it): it keeps this page and its files again, under its own release. The first
    // worker to control the page is asked below instead.
    let controlled = Boolean(workers.controller);
    workers.addEventListener("controllerchange", () => {
      if (workers.controller && controlled) {
        workers.controller.postMessage({ type: "keep", urls: keptUrls() });
      }
      controlled = true;
    });
    workers.addEventListener("message", (event) => {
      if (event.data && event.data.type === "kept") desk.dataset.offlineReady = "yes";
    });
    try {
      await workers.register(desk.dataset.swUrl, { scope: desk.dataset.swScope });
      const registration = await workers.ready;
      registration.active.postMessage({ type: "keep", urls: keptUrls() });
    } catch (error) {
      // refused (private mode, policy): the desk works, it just cannot reload offline
    }
  }

  // --- closing the desk, logging out: nothing of the list stays ----------------------------
  async function forgetDevice(everything) {
    if (everything && Rosters) await Rosters.removeAll();
    else if (roster) await roster.remove();
    const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ type: "forget", urls: JSON.parse(desk.dataset.deskUrls)
      .map((url) => new URL(url, location.href).href) });
  }

  function waitingSaysGo(question) {
    const waiting = loadQueue().length;
    return !waiting || window.confirm(format(question, { count: waiting }));
  }

  $("desk-close").addEventListener("click", async () => {
    if (!waitingSaysGo(TEXTS.close_waiting)) return;
    await forgetDevice(false);
    location.assign(desk.dataset.indexUrl);
  });

  for (const form of document.querySelectorAll('form[action$="/logout"]')) {
    form.addEventListener("submit", async (event) => {
      if (form.dataset.cleared === "yes") return;
      event.preventDefault();
      if (!waitingSaysGo(TEXTS.logout_waiting)) return;
      await forgetDevice(true);
      form.dataset.cleared = "yes";
      form.submit();
    });
  }

  // --- start ---------------------------------------------------------------------------
  window.addEventListener("online", () => {
    showNetwork();
    flushQueue();
  });
  window.addEventListener("offline", showNetwork);
  setInterval(() => {
    if (loadQueue().length) flushQueue();
  }, RETRY_MS);
  showNetwork();
  flushQueue(); // scans left from before a reload or a crash
  startRoster();
  startServiceWorker();

  // A desk opened for an item that is not today (a wrong link, yesterday's tab) stays
  // closed until the staff member says this really is the item at the door; the answer
  // holds for this tab and this day only.
  const DAY_KEY = `seminar-reg.checkin.other-day.${desk.dataset.dayKey}`;

  function openDesk() {
    $("desk-controls").hidden = false;
    const warning = $("day-warning");
    if (warning) warning.hidden = true;
    if (desk.dataset.mode === "camera") startCamera();
    else scanInput.focus();
  }

  function dayConfirmed() {
    try {
      return sessionStorage.getItem(DAY_KEY) === "yes";
    } catch (error) {
      return false;
    }
  }

  if (desk.dataset.otherDay !== "yes" || dayConfirmed()) {
    openDesk();
  } else {
    $("day-confirm").addEventListener("click", () => {
      try {
        sessionStorage.setItem(DAY_KEY, "yes");
      } catch (error) {
        // private mode without storage: the desk opens, it just asks again on reload
      }
      openDesk();
    });
  }
})();
