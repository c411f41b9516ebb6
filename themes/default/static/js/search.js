/* mekong default theme: the search page (/LANG/search/?q=…), reading the language's
   Pagefind index. Loaded only by that page, as a module.

   The index spells some text differently so that it can be matched (see the engine's
   search encoder): đ/Đ are d/D + U+0335, and every Lao word ends with U+2060 (WORD
   JOINER), a word followed by a space in the original with two. prepare() spells a
   query the same way; show() undoes it in whatever Pagefind hands back. */

const root = document.querySelector("[data-search]");
const form = document.querySelector("[data-search-page-form]");

const STROKE = "\u0335";
const WORD_END = "\u2060";
const LAO_RUN = /[\u0E80-\u0EFF]+/g;
const HAS_LAO = /[\u0E80-\u0EFF]/;
/** How many results are shown at once; "show more" adds as many again. */
const BATCH = 20;

const laoSegmenter = typeof Intl === "object" && typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter("lo", { granularity: "word" })
  : null;

/** A query as the index spells its words. `lao`, the index's Lao words that start
    at the query's letters ({ words: Set, longest }, see laoNeeds()), cuts Lao as the
    index was cut; without it the browser's segmenter does, which cuts some words
    otherwise. */
export function prepare(query, lao) {
  const text = String(query).normalize("NFC")
    .replace(/đ/g, "d" + STROKE)
    .replace(/Đ/g, "D" + STROKE)
    .replace(LAO_RUN, (run) => {
      let words;
      if (lao) words = cutLao(run, lao);
      else if (laoSegmenter) {
        words = [];
        for (const piece of laoSegmenter.segment(run)) {
          if (piece.isWordLike) words.push(piece.segment);
        }
      } else words = [run]; // the whole run can only match as one word
      return words.map((word) => word + WORD_END).join(" ") + " ";
    });
  return text.replace(/\s+/g, " ").trim();
}

/** The build shares the index's Lao words out among files by their first two
    letters (lao-words.json lists the files, and holds the words of one letter): the
    file of the words that start with `first` then `second`, among `buckets` files.
    The same arithmetic as the engine's. */
export function laoBucket(first, second, buckets) {
  const code = (letter) => (letter.codePointAt(0) - 0x0E80) & 0x7F;
  return (code(first) * 131 + code(second)) % buckets;
}

/** The files (by bucket) holding every index word that starts at a letter of the
    query's Lao, which is all that cutting it needs. */
export function laoNeeds(query, buckets) {
  const needs = new Set();
  for (const run of String(query).normalize("NFC").match(LAO_RUN) ?? []) {
    const letters = [...run];
    for (let i = 0; i + 1 < letters.length; i++) {
      needs.add(laoBucket(letters[i], letters[i + 1], buckets));
    }
  }
  return needs;
}

/** A run of Lao letters cut into the index's words, with the fewest words; letters no
    word covers stay together as one piece, which matches nothing, as it should. */
function cutLao(run, { words, longest }) {
  const UNKNOWN = 1000;
  // cost[i]: the cheapest cut of run[0, i); from[i]: where its last piece starts.
  const cost = new Array(run.length + 1).fill(Infinity);
  const from = new Array(run.length + 1).fill(0);
  cost[0] = 0;
  for (let i = 0; i < run.length; i++) {
    if (cost[i] === Infinity) continue;
    for (let j = Math.min(run.length, i + longest); j > i; j--) {
      const step = words.has(run.slice(i, j)) ? 1 : j === i + 1 ? UNKNOWN : null;
      if (step !== null && cost[i] + step < cost[j]) {
        cost[j] = cost[i] + step;
        from[j] = i;
      }
    }
  }
  const pieces = [];
  for (let j = run.length; j > 0; j = from[j]) pieces.push(run.slice(from[j], j));
  pieces.reverse();
  // Unknown letters side by side are one unknown piece.
  const cut = [];
  for (const piece of pieces) {
    const last = cut.length - 1;
    if (!words.has(piece) && last >= 0 && !words.has(cut[last])) cut[last] += piece;
    else cut.push(piece);
  }
  return cut;
}

/** Text (or excerpt HTML) from the index as the reader should see it. */
export function show(text) {
  return String(text ?? "")
    .replace(/\u2060\u2060/g, "\u2061")
    .replace(/\u2060(<\/mark>)? /g, "$1")
    .replace(/[\u2060\u2061]/g, "")
    .replace(/d\u0335/g, "đ")
    .replace(/D\u0335/g, "Đ");
}

// Everything below needs the page's markup; prepare() and show() stand alone.
if (root && form) start();

function start() {
  const lang = root.dataset.lang || document.documentElement.lang || "vi";
  const bundle = root.dataset.bundle;
  // "N results" for each plural category: data-count-one="{count} result", …
  const counts = {};
  for (const [key, pattern] of Object.entries(root.dataset)) {
    if (/^count[A-Z]/.test(key)) counts[key.slice(5).toLowerCase()] = pattern;
  }
  // A result's section, by the section's name or slug, as the reader knows it.
  const sections = new Map();
  const listed = root.querySelector("template[data-search-sections]");
  for (const link of listed ? listed.content.querySelectorAll("a") : []) {
    const title = link.textContent;
    const slug = decodeURIComponent(link.getAttribute("href").split("/").filter(Boolean).pop() || "");
    for (const key of [link.dataset.name, slug, title]) if (key) sections.set(key, title);
  }
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const input = form.querySelector("input[name=q]");
  const plural = safe(() => new Intl.PluralRules(lang));
  const number = safe(() => new Intl.NumberFormat(lang));

  let pagefind = null;
  function load() {
    pagefind ??= import(bundle + "pagefind.js").then(async (module) => {
      await module.init();
      // Result addresses are root-relative already; Pagefind would put the bundle's
      // parent folder in front of them otherwise.
      await module.options({ baseUrl: "/" });
      return module;
    });
    return pagefind;
  }

  // The index's Lao words: the list of their files the first time a query has Lao in
  // it, then the files each query's letters need, each file once.
  let laoFiles = null;
  const laoLoaded = new Map();
  const lao = { words: new Set(), longest: 0 };
  function learn(words) {
    for (const word of words) {
      lao.words.add(word);
      lao.longest = Math.max(lao.longest, word.length);
    }
  }
  async function loadLao(query) {
    laoFiles ??= fetch(bundle + "lao-words.json")
      .then((response) => (response.ok ? response.json() : null))
      .then((manifest) => {
        if (!Array.isArray(manifest?.files) || manifest.files.length === 0) return null;
        learn(manifest.letters ?? []);
        return manifest.files;
      })
      .catch(() => null);
    const files = await laoFiles;
    if (!files) return null;
    const wanted = new Set();
    for (const at of laoNeeds(query, files.length)) if (files[at]) wanted.add(files[at]);
    try {
      await Promise.all([...wanted].map((name) => {
        if (!laoLoaded.has(name)) {
          laoLoaded.set(name, fetch(bundle + name)
            .then((response) => {
              if (!response.ok) throw new Error(`${name}: ${response.status}`);
              return response.json();
            })
            .then(learn)
            .catch((error) => {
              laoLoaded.delete(name); // a later query asks again
              throw error;
            }));
        }
        return laoLoaded.get(name);
      }));
    } catch (error) {
      console.error("the index's Lao words are unavailable:", error);
      return null;
    }
    return lao;
  }

  let results = [];
  let shown = 0;
  let latest = 0;

  // Every search passes through "searching…", so each answer is a change the status
  // line announces, even when it is the same as the one before.
  function say(text, state) {
    root.dataset.searchState = state;
    status.textContent = text;
  }

  function countText(n) {
    const category = plural ? plural.select(n) : "other";
    const pattern = counts[category] ?? counts.other ?? "{count}";
    return pattern.replace("{count}", number ? number.format(n) : String(n));
  }

  async function run(query) {
    const ticket = ++latest;
    results = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    more.disabled = false;
    if (!query.trim()) {
      say(root.dataset.prompt || "", "idle");
      return;
    }
    say(root.dataset.loading || "", "loading");
    try {
      const prepared = prepare(query, HAS_LAO.test(query) ? await loadLao(query) : null);
      if (ticket !== latest) return;
      if (!prepared) {
        say(root.dataset.prompt || "", "idle");
        return;
      }
      const module = await load();
      // Lao words differ by their vowel and tone marks alone; Vietnamese is found
      // without its tones.
      await module.options({ exactDiacritics: HAS_LAO.test(prepared) });
      const found = await module.search(prepared);
      if (ticket !== latest) return;
      results = found.results;
      if (results.length === 0) {
        say((root.dataset.none || "").replace("{query}", query.trim()), "none");
        return;
      }
      await showMore(ticket, false);
    } catch (error) {
      pagefind = null;
      if (ticket === latest) say(root.dataset.unavailable || "", "unavailable");
      console.error("search is unavailable:", error);
      return;
    }
    if (ticket === latest) say(countText(results.length), "done");
  }

  async function showMore(ticket, focus) {
    more.disabled = true;
    const batch = results.slice(shown, shown + BATCH);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (ticket !== latest) return;
    const items = data.map(result);
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    more.disabled = false;
    if (focus && items.length) items[0].querySelector("a").focus();
  }

  function result(data) {
    const item = element("li", "search-hit");
    const link = element("a", "search-hit-link");
    link.href = data.url;
    const title = element("h2", "search-hit-title");
    title.textContent = show(data.meta?.title || data.url);
    const excerpt = element("p", "search-hit-excerpt");
    excerpt.append(markedText(show(data.excerpt)));
    link.append(title, excerpt);
    item.append(link);
    const section = data.meta?.section && show(data.meta.section);
    const date = data.meta?.date && show(data.meta.date);
    if (section || date) {
      const meta = element("p", "meta search-hit-meta");
      if (section) meta.append(element("span", "search-hit-section", sections.get(section) || section));
      if (date) {
        const time = element("time", "search-hit-date", dateText(date, lang));
        if (/^\d{4}-\d{2}-\d{2}/.test(date)) time.dateTime = date.slice(0, 10);
        meta.append(time);
      }
      item.append(meta);
    }
    return item;
  }

  more.addEventListener("click", () => {
    showMore(latest, true).catch(() => say(root.dataset.unavailable || "", "unavailable"));
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value;
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url);
    run(query);
  });

  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  run(query);
}

/** Pagefind's excerpt (escaped text and <mark>) as nodes: text and marks only. */
function markedText(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of parsed.content.childNodes) {
    if (node.nodeName === "MARK") out.append(element("mark", "", node.textContent));
    else out.append(node.textContent);
  }
  return out;
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Dates come from the index as YYYY-MM-DD, written here like the listings' short dates.
// Browsers often ship no Lao locale data, so Lao month names are spelled out.
const LO_MONTHS = ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"];
function dateText(text, lang) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return text;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (lang === "lo") return `${day} ${LO_MONTHS[month - 1]} ${year}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  const options = lang === "vi"
    ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }
    : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return safe(() => new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, options).format(date)) || text;
}

function safe(make) {
  try {
    return make();
  } catch {
    return null;
  }
}
