// The search page (search.html?q=...): Pagefind's index of the site's pages and claims
// (claimkb.sphinx_ext.search_index), results that answer with the figure, filters to click.
//
// Ranking: Pagefind scores each result by where the query's words are found, weighted
// (claimkb.views.search_pagefind.WEIGHTS); among the first results, the claims that answer the
// query come first (claimkb-search-rank.js).

import { queryWords } from "./claimkb-search-query.js";
import { rank } from "./claimkb-search-rank.js";

const root = document.getElementById("claimkb-search");
const WORDS = JSON.parse(root.dataset.words);
const LANGUAGE = root.dataset.language;
const BUNDLE = new URL(root.dataset.bundle, document.baseURI);
// results whose data is loaded and re-ranked; the rest follow in Pagefind's order
const RANKED = 30;
const SHOWN = 10;
const FILTERS = ["section", "metric", "kind", "year"];

const params = new URLSearchParams(window.location.search);
const query = (params.get("q") || "").trim();
const input = document.getElementById("claimkb-search-input");
if (input) input.value = query;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function chosenFilters() {
  const chosen = {};
  for (const name of FILTERS) {
    const values = params.getAll(name);
    if (values.length) chosen[name] = values.length === 1 ? values[0] : { any: values };
  }
  return chosen;
}

// The `result` filter of a search of `kind` (claim, page, or both: null): contributor pages
// (guide, reference, architecture) only when a section is asked for. With this one filter, the
// search to the first results loads one filter file, not the section filter's as well.
function resultFilter(kind, filters) {
  const pages = filters.section ? ["page", "contributor-page"] : ["page"];
  const kinds = { claim: ["claim"], page: pages }[kind] || ["claim", ...pages];
  return kinds.length === 1 ? kinds[0] : { any: kinds };
}

function withResult(kind, filters) {
  return { ...filters, result: resultFilter(kind, filters) };
}

// One search for claims and one for pages (together, every result: the `result` filter splits
// them): the first claims are loaded and ranked (a claim's data is small); a page's data is
// loaded when it is shown.
async function searches(pagefind, terms, filters) {
  const [claims, pages] = await Promise.all([
    pagefind.search(terms, { filters: withResult("claim", filters) }),
    pagefind.search(terms, { filters: withResult("page", filters) }),
  ]);
  return { total: claims.results.length + pages.results.length, claims, pages, terms };
}

// the words the results were found by (the filters' counts are of the same search)
let lastTerms = "";
const load = async (result) => ({ score: result.score, result, data: await result.data() });

async function run(pagefind) {
  const found = queryWords(query, LANGUAGE);
  const filters = chosenFilters();
  let results = await searches(pagefind, found.words.join(" ") || query, filters);
  if (found.numbers && results.total === 0) {
    // numbers that belong to a name ("Llama 3.1 405B") are words after all
    results = await searches(pagefind, query, filters);
  }
  lastTerms = results.terms;
  const { total, claims, pages } = results;
  const ranked = await Promise.all(claims.results.slice(0, RANKED).map(load));
  const { answering, others } = rank(ranked, found.words, LANGUAGE);
  // the rest in Pagefind's order (its scores are of one query on one index), loaded when shown
  const rest = [
    ...others,
    ...claims.results.slice(RANKED).map((result) => ({ score: result.score, result })),
    ...pages.results.map((result) => ({ score: result.score, result })),
  ].sort((a, b) => b.score - a.score);
  return { total, pending: [...answering, ...rest] };
}

function resultLink(data) {
  // Pagefind's `url` starts from the server's root: it puts the bundle's folder before it
  return new URL(data.url, document.baseURI).href;
}

function claimItem(data) {
  const meta = data.meta;
  const item = element("li", { class: "claimkb-result claimkb-result-claim" });
  const title = element("a", { class: "claimkb-result-title", href: resultLink(data) });
  title.textContent = meta.title || "";
  item.append(title);
  if (meta.value) {
    const value = element("p", { class: "claimkb-result-value" });
    value.append(element("strong", {}, meta.value));
    if (meta.constant) value.append(" ", element("span", { class: "claimkb-result-constant" }, `(${meta.constant})`));
    item.append(value);
  }
  const facts = [meta.period, meta.claimant && `${WORDS.says_who} ${meta.claimant}`, meta.source]
    .filter(Boolean);
  if (facts.length) item.append(element("p", { class: "claimkb-result-facts" }, facts.join(" · ")));
  return item;
}

function pageItem(data) {
  const item = element("li", { class: "claimkb-result claimkb-result-page" });
  const title = element("a", { class: "claimkb-result-title", href: resultLink(data) });
  title.textContent = data.meta.title || data.url;
  item.append(title);
  const excerpt = element("p", { class: "claimkb-result-excerpt" });
  excerpt.innerHTML = data.excerpt || ""; // Pagefind escapes the page's text, marks the words
  item.append(excerpt);
  return item;
}

function facetLink(name, value, count, active) {
  const next = new URLSearchParams(params);
  if (active) {
    next.delete(name);
    for (const kept of params.getAll(name)) if (kept !== value) next.append(name, kept);
  } else {
    next.append(name, value);
  }
  const link = element("a", {
    class: `claimkb-facet${active ? " claimkb-facet-active" : ""}`,
    href: `?${next.toString()}`,
    "aria-pressed": active ? "true" : "false",
  });
  link.textContent = `${value} (${count})`;
  return link;
}

function facets(search) {
  const box = element("div", { class: "claimkb-facets" });
  for (const name of FILTERS) {
    const counts = (search.filters || {})[name] || {};
    const chosen = params.getAll(name);
    let values = Object.entries(counts).filter(([value, count]) => count > 0 || chosen.includes(value));
    const contributors = ((search.totalFilters || {}).section || {})[WORDS.contributors];
    if (name === "section" && !chosen.length && contributors) {
      // contributor pages are left out until asked for: a filter away, with their count
      values = values.filter(([value]) => value !== WORDS.contributors);
      values.push([WORDS.contributors, contributors]);
    }
    if (values.length < 2 && !chosen.length) continue;
    values.sort(name === "year" ? (a, b) => b[0].localeCompare(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const group = element("div", { class: "claimkb-facet-group", role: "group", "aria-label": WORDS[`filter_${name}`] });
    group.append(element("span", { class: "claimkb-facet-name" }, `${WORDS[`filter_${name}`]}:`));
    for (const [value, count] of values.slice(0, 12)) {
      group.append(" ", facetLink(name, value, count, chosen.includes(value)));
    }
    box.append(group);
  }
  return box;
}

async function show() {
  const status = element("p", { class: "claimkb-search-status", role: "status" });
  root.replaceChildren(status);
  if (!query) {
    status.textContent = WORDS.empty;
    return;
  }
  status.textContent = WORDS.searching;
  const started = performance.now();
  const pagefind = await import(new URL("pagefind.js", BUNDLE).href);
  await pagefind.options({
    ranking: { metaWeights: { title: 2, value: 0, constant: 0, period: 0, claimant: 0, source: 0, kind: 0, recency: 0 } },
    excerptLength: 24,
  });
  const { total, pending } = await run(pagefind);
  status.textContent = total === 1 ? WORDS.one_result
    : total ? WORDS.results.replace("%(count)s", total.toLocaleString(LANGUAGE))
      : WORDS.nothing.replace("%(query)s", query);
  const filtersBox = element("div", { class: "claimkb-facets" });
  const list = element("ol", { class: "claimkb-results" });
  root.append(filtersBox, list);
  let shown = 0;
  const more = element("button", { type: "button", class: "claimkb-search-more" }, WORDS.more);
  async function showMore() {
    const batch = await Promise.all(pending.splice(0, SHOWN).map(async (item) => item.data || (await item.result.data())));
    for (const data of batch) list.append(data.meta.kind === "claim" ? claimItem(data) : pageItem(data));
    shown += batch.length;
    if (!pending.length) more.remove();
  }
  more.addEventListener("click", showMore);
  await showMore();
  // for the benchmark: from the navigation's start, and from the search's start
  root.dataset.firstResultMs = String(Math.round(performance.now()));
  root.dataset.searchMs = String(Math.round(performance.now() - started));
  if (pending.length) root.append(more);
  // the filters' counts come after the first results: their files are not on the way to them
  await pagefind.filters();
  const counted = await pagefind.search(lastTerms, { filters: withResult(null, chosenFilters()) });
  filtersBox.replaceWith(facets(counted));
  root.dataset.ready = "true";
}

show().catch((error) => {
  root.dataset.ready = "error";
  root.append(element("p", { class: "claimkb-search-status" }, WORDS.failed));
  console.error(error);
});
