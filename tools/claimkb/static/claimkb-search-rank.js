// The order of the first results (no DOM here: the search page and the tests share it).
//
// A claim answers the query when the query's words are its own: its subjects, metric, scope,
// their synonyms, its title, claimant and years (and, when the query names a year, that year is
// one its period spans). Answering claims come first: those naming more of the query in their
// subjects, then in their metric and scope, then those whose names the query covers best
// ("H100 price": "Price per GPU" before "Price per GPU-hour"; "GPT-4" is not "GPT-4.5"), then
// the latest period first, then the title with the fewest words beyond the query's. The other
// results, pages among them, follow in Pagefind's order.

import { STOP_WORDS, YEARS } from "./claimkb-search-query.js";

const NAME_STOP_WORDS = new Set(["per", "par", "of", "de", "du", "des", "d", "l", "the", "a", "in", "en"]);

// "GPT-4o's" -> "gpt4o" (with `parts`, "gpt" and "4o"); "Chiffre d’affaires" -> ["chiffre",
// "affaires"]; plurals folded
export function nameWords(text, parts = false) {
  return text
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’ʼ]s\b/g, "")
    .replace(/\b[a-z]['’ʼ]/g, " ")
    .split(parts ? /[\s|·,;:()[\]/–—-]+/ : /[\s|·,;:()[\]/–—]+/)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((word) => word && !NAME_STOP_WORDS.has(word))
    .map((word) => (word.length > 3 && /[sx]$/.test(word) && !/ss$/.test(word) ? word.slice(0, -1) : word));
}

function covered(query, names) {
  // [query words found in any of the names, the best share of one name's words the query
  // covers, counted in parts: "GPU-hour" is two words, both covered by "gpu-hour" or "gpuhour"]
  const found = new Set();
  let best = 0;
  for (const name of names) {
    let parts = 0;
    let hit = 0;
    for (const token of name.split(/\s+/)) {
      const whole = nameWords(token);
      const pieces = nameWords(token, true);
      if (!pieces.length) continue;
      parts += pieces.length;
      if (whole.length && whole.every((word) => query.has(word))) {
        hit += pieces.length;
        whole.forEach((word) => found.add(word));
      } else {
        const pieceHits = pieces.filter((word) => query.has(word));
        hit += pieceHits.length;
        pieceHits.forEach((word) => found.add(word));
      }
    }
    if (parts) best = Math.max(best, hit / parts);
  }
  return [found.size, best];
}

// the ranking key of one result's data (Pagefind's `data()`), for the query's words
export function claimKey(data, words, language) {
  const meta = data.meta || {};
  if (meta.kind !== "claim") return null;
  const stop = STOP_WORDS[language] || STOP_WORDS.en;
  const query = new Set(nameWords(words.filter((w) => !/^n\d+e/.test(w) && !stop.has(w.toLowerCase())).join(" ")));
  const years = (meta.years || "").split(" ").filter(Boolean);
  const queryYears = [...query].filter((w) => /^\d{4}$/.test(w) && +w >= YEARS[0] && +w <= YEARS[1]);
  if (queryYears.length && !queryYears.every((year) => years.includes(year))) return null;
  const split = (text) => (text || "").split(" | ").filter(Boolean);
  const subjects = split(meta.subjects);
  const measures = split(meta.measures);
  const text = [meta.subjects, meta.measures, meta.synonyms, meta.title, meta.claimant, meta.years].join(" | ");
  const own = new Set([...nameWords(text), ...nameWords(text, true)]);
  if (![...query].every((word) => own.has(word))) return null;
  const [subjectHits, subjectShare] = covered(query, subjects);
  const [measureHits, measureShare] = covered(query, measures);
  // coarse: whether the query names at least half of a name, not the exact share
  const half = (share) => Math.floor(share * 2) / 2;
  // last, among claims equal so far: the title with the fewest words the query does not name
  // (for "GPT-4o mini price", the input price before the cached-input price), rather than
  // Pagefind's order, which moves with every page's length
  const extra = nameWords(meta.title || "", true).filter((word) => !query.has(word)).length;
  return [subjectHits, measureHits, half(subjectShare) + half(measureShare), meta.recency || "", -extra];
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i] ? 1 : -1; // larger first
  }
  return 0;
}

// [{ score, data }] in Pagefind's order -> { answering: the claims that answer, in the order
// shown; others: the rest, in Pagefind's order }
export function rank(loaded, words, language) {
  const keyed = loaded.map((result, index) => ({ result, index, key: claimKey(result.data, words, language) }));
  const answering = keyed.filter((k) => k.key).sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  return {
    answering: answering.map((k) => k.result),
    others: keyed.filter((k) => !k.key).map((k) => k.result),
  };
}
