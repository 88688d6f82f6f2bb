// The desk's list of people, kept in IndexedDB so a desk without network still answers
// a scan (admitted / already / not on this item / unknown) and finds people by name.
// What it holds is the server's choice (checkin/roster.py): a hash of each badge code,
// names, reading, organisation, side, place on the item, the search text, and who is
// checked in since when. It is kept per item, for the account that downloaded it, until
// the end of the item's day; closing the desk or logging out removes it.
(function () {
  "use strict";

  const DB_NAME = "seminar-reg-desk";
  const CODES_KEY = "seminar-reg.checkin.codes";

  // A person's place codes and a scan's outcomes, as the server names them (checkin/
  // roster.py PLACE_CODES, checkin/answers.py DESK_OUTCOMES), from the page's
  // "desk-places" and "desk-outcomes" blocks, and remembered on the device: a desk page
  // kept offline by a version of the app before the blocks has none, and a service
  // worker from before versioned static addresses (static_files.py) served that copy
  // with newer scripts. Without them the desk would not start.
  function deskCodes() {
    const places = document.getElementById("desk-places");
    const outcomes = document.getElementById("desk-outcomes");
    if (places && outcomes) {
      const codes = { places: JSON.parse(places.textContent),
        outcomes: JSON.parse(outcomes.textContent) };
      try {
        localStorage.setItem(CODES_KEY, JSON.stringify(codes));
      } catch (error) {
        // storage refused (private mode): this page has them anyway
      }
      return codes;
    }
    try {
      return JSON.parse(localStorage.getItem(CODES_KEY));
    } catch (error) {
      return null;
    }
  }

  const CODES = deskCodes();
  window.DeskCodes = CODES;
  const PLACES = CODES.places;
  const OUTCOMES = CODES.outcomes.codes;
  const STORE = "rosters";

  // --- IndexedDB, as promises -----------------------------------------------------------
  let dbPromise = null;

  function openDb() {
    if (!window.indexedDB) return Promise.reject(new Error("no IndexedDB"));
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "item" });
        request.onsuccess = () => {
          const db = request.result;
          db.onversionchange = () => db.close(); // someone deletes the database: let go
          resolve(db);
        };
        request.onerror = () => reject(request.error);
      });
    }
    return dbPromise;
  }

  async function run(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request && request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  // Everything this script ever stored, for logging out: the database goes.
  async function removeAll() {
    if (dbPromise) {
      try {
        (await dbPromise).close();
      } catch (error) {
        // never opened
      }
      dbPromise = null;
    }
    if (!window.indexedDB) return;
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }

  // --- matching: the rule of names/search.py ------------------------------------------
  // The search text comes from the server with every script form of each name part
  // (kanji, simplified, traditional, kana, pinyin, Latin) as lower-case tokens; a query
  // is folded the way normalize_query folds it (widths, case, separators, Latin accents,
  // hiragana and katakana; the script fold is not needed, the tokens hold every script).
  // A person matches when some token STARTS WITH a term, and ranks first when a token
  // EQUALS one (match_rank in search.py is the reference).
  const STRIP = /[\s·・•‧'’\-]+/g;

  function widthFold(text) {
    return text
      .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, " ")
      .replace(/[\uff61-\uff9f]+/g, (run) => run.normalize("NFKC"));
  }

  function stripLatinMarks(text) {
    return text.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g,
      (c) => c.normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  }

  function shiftKana(text, from, to, delta) {
    let out = "";
    for (const c of text) {
      const code = c.codePointAt(0);
      out += code >= from && code <= to ? String.fromCodePoint(code + delta) : c;
    }
    return out;
  }

  const toKatakana = (text) => shiftKana(text, 0x3041, 0x3096, 0x60);
  const toHiragana = (text) => shiftKana(text, 0x30a1, 0x30f6, -0x60);

  function matchRank(blob, terms) {
    const padded = ` ${blob} `;
    if (terms.some((term) => padded.includes(` ${term} `))) return 0;
    if (terms.some((term) => padded.includes(` ${term}`))) return 1;
    return null;
  }

  function queryTerms(query) {
    const base = stripLatinMarks(widthFold(query)).toLowerCase().replace(STRIP, "");
    if (!base) return [];
    return Array.from(new Set([base, toHiragana(base), toKatakana(base)]));
  }

  // --- badge codes ---------------------------------------------------------------------
  async function codeHash(salt, code) {
    if (!window.crypto || !crypto.subtle) return null; // plain HTTP: no offline answers
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(salt + code));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"))
      .join("").slice(0, 32);
  }

  // The code hashes of scans ({body}), "" for one that names a delegate id, null each
  // without hashing.
  function heldHashes(held, salt) {
    return Promise.all((held || []).map((entry) => (entry.body.delegate_id != null ? ""
      : codeHash(salt, String(entry.body.code || "").trim()))));
  }

  // --- the roster --------------------------------------------------------------------
  class Roster {
    constructor(item, user, url) {
      this.item = item;
      this.user = user;
      this.url = url;
      this.data = null; // what the server sent, merged, plus fetchedAt and pending
      this.byHash = new Map();
      this.byId = new Map();
    }

    get ready() {
      return this.data !== null && Array.isArray(this.data.people);
    }

    get expired() {
      return this.ready && Date.now() >= this.data.expires_at;
    }

    index() {
      this.byHash = new Map();
      this.byId = new Map();
      for (const person of this.data.people) {
        this.byHash.set(person.h, person);
        this.byId.set(person.id, person);
      }
    }

    // `held`: the scans this desk keeps to send ({body, takenAt}), counted on the list.
    async load(held) {
      try {
        const stored = await run("readonly", (store) => store.get(this.item));
        if (!stored || stored.user !== this.user || Date.now() >= stored.expires_at) {
          if (stored) await this.remove();
          return false;
        }
        const hashes = await heldHashes(held, stored.salt);
        this.data = stored;
        this.index();
        this.countHeld(held, hashes);
        return true;
      } catch (error) {
        return false; // private mode, storage refused: the desk works online only
      }
    }

    async save() {
      // A list for a day that is over is used while the page is open, never kept.
      if (this.expired) return this.remove();
      try {
        await run("readwrite", (store) => store.put(this.data));
      } catch (error) {
        // storage full or refused: the list in memory still answers
      }
    }

    async remove() {
      try {
        await run("readwrite", (store) => store.delete(this.item));
      } catch (error) {
        // nothing stored
      }
    }

    // Ask the server for what changed. Returns "ok", "offline" or "refused" (logged out
    // or no longer allowed: the list is removed from the device).
    async sync(held) {
      const known = this.data || {};
      const params = this.ready ? new URLSearchParams({ after: known.after,
        checkins: known.checkins_stamp, people: known.people_stamp }) : new URLSearchParams();
      let response;
      try {
        response = await fetch(`${this.url}?${params}`, { credentials: "same-origin",
          cache: "no-store", redirect: "manual", headers: { Accept: "application/json" } });
      } catch (error) {
        return "offline";
      }
      const json = (response.headers.get("Content-Type") || "").includes("application/json");
      if (response.type === "opaqueredirect" || response.status === 401
          || response.status === 403 || (response.ok && !json)) {
        this.data = null;
        this.byHash = new Map();
        this.byId = new Map();
        await this.remove();
        return "refused";
      }
      if (!response.ok) return "offline";
      const answer = await response.json();
      const hashes = await heldHashes(held, answer.salt);
      // merged and counted in one go: a scan answered in between would miss the held ones
      this.merge(answer);
      this.countHeld(held, hashes);
      await this.save();
      return "ok";
    }

    merge(answer) {
      const old = this.data || { checkins: {}, pending: {} };
      const checkins = answer.checkins_complete ? answer.checkins
        : Object.assign({}, old.checkins, answer.checkins);
      this.data = Object.assign({}, old, answer, {
        item: this.item,
        user: this.user,
        people: answer.people || old.people,
        side_labels: answer.side_labels || old.side_labels,
        checkins: checkins,
        pending: old.pending || {},
        fetchedAt: Date.now(),
      });
      // A scan this desk kept offline that the server now knows is no longer pending.
      for (const id of Object.keys(this.data.pending)) {
        if (id in checkins) delete this.data.pending[id];
      }
      this.index();
    }

    // Once the desk has sent everything it kept, the server's list is the whole truth.
    async settle() {
      if (this.ready && Object.keys(this.data.pending).length) {
        this.data.pending = {};
        await this.save();
      }
    }

    firstTime(id) {
      const times = [this.data.checkins[id], this.data.pending[id]].filter((t) => t);
      return times.length ? Math.min(...times) : null;
    }

    get checkedInCount() {
      if (!this.ready) return null;
      const extra = Object.keys(this.data.pending).filter((id) => !(id in this.data.checkins));
      return this.data.checked_in_count + extra.length;
    }

    // A scan taken offline, admitted here: counted at once, "already" for the next scan.
    async markPending(id, takenAt) {
      if (!this.ready || this.firstTime(id)) return;
      this.data.pending[id] = takenAt;
      await this.save();
    }

    // The scans this desk holds, not yet sent, count at once (as markPending counts a
    // new one): a list the server sent before it had them does not know them, and a
    // desk reloaded online syncs before it has sent them (or kept them with no list).
    countHeld(held, hashes) {
      (held || []).forEach((entry, index) => {
        if (hashes[index] === null) return;
        const local = this.outcome(entry.body, hashes[index]);
        if (local.outcome === OUTCOMES.CHECKED_IN) this.data.pending[local.person.id] = entry.takenAt;
      });
    }

    // What the server would answer, from the list: {outcome, person, at}.
    async answer(body) {
      const [hash] = await heldHashes([{ body: body }], this.data.salt);
      return hash === null ? null : this.outcome(body, hash);
    }

    // `hash`: of the scanned code (heldHashes), for a scan that names no delegate id.
    outcome(body, hash) {
      const person = (body.delegate_id != null ? this.byId.get(body.delegate_id)
        : this.byHash.get(hash)) || null;
      if (!person) return { outcome: OUTCOMES.UNKNOWN, person: null };
      if (person.place === PLACES.CANCELLED) return { outcome: OUTCOMES.CANCELLED, person: null };
      const at = this.firstTime(person.id);
      if (at) return { outcome: OUTCOMES.ALREADY, person: person, at: at };
      if (person.place !== PLACES.CONFIRMED && !body.admit) {
        return { outcome: OUTCOMES.NOT_REGISTERED, person: person, waitlisted: person.place === PLACES.WAITLISTED };
      }
      return { outcome: OUTCOMES.CHECKED_IN, person: person, note: body.admit ? body.note : "" };
    }

    sideLabel(side) {
      return (this.data.side_labels || {})[side] || side;
    }

    // Like the server's look-up: the item's people first, exact matches next, then the
    // server's order of the list (side, reading).
    search(query, limit) {
      const terms = queryTerms(query);
      if (!terms.length || !this.ready) return [];
      const found = [];
      for (const person of this.data.people) {
        const rank = person.search ? matchRank(person.search, terms) : null;
        if (rank !== null) found.push({ person: person, key: [person.place === PLACES.NONE ? 1 : 0, rank] });
      }
      found.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
      return found.slice(0, limit).map((hit) => hit.person);
    }
  }

  function venueTime(ms, zone, seconds) {
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
    if (seconds) options.second = "2-digit";
    try {
      return new Intl.DateTimeFormat("en-GB", options).format(new Date(ms));
    } catch (error) { // an unknown zone: the device's clock, which is better than nothing
      delete options.timeZone;
      return new Intl.DateTimeFormat("en-GB", options).format(new Date(ms));
    }
  }

  window.DeskRoster = { Roster: Roster, removeAll: removeAll, venueTime: venueTime,
    queryTerms: queryTerms, matchRank: matchRank };
})();
