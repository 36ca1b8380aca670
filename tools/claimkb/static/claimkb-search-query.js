// The words of a reader's query, as the search index holds them (claimkb.views.search_numbers,
// claimkb.views.search_words): numbers become number words ("1,6 milliard de dollars" ->
// n16e8q), words that say nothing of what is sought ("how", "de") are left out, French elisions
// are cut ("d'affaires" -> affaires). No DOM here: the search page and the tests share it.

// a scale word of the other language counts too ("1,6 milliard" on the English site), except
// "billion", which is 10^9 in English and 10^12 in French
const SCALES = {
  en: {
    k: 3, thousand: 3, thousands: 3, mille: 3, m: 6, mn: 6, mio: 6, million: 6, millions: 6,
    b: 9, bn: 9, billion: 9, billions: 9, md: 9, mds: 9, mrd: 9, mrds: 9, milliard: 9,
    milliards: 9, t: 12, tn: 12, trillion: 12, trillions: 12,
  },
  fr: {
    k: 3, mille: 3, thousand: 3, thousands: 3, m: 6, mn: 6, mio: 6, million: 6, millions: 6,
    md: 9, mds: 9, mrd: 9, mrds: 9, milliard: 9, milliards: 9, bn: 9, billion: 12, billions: 12,
    t: 12, tn: 12, trillion: 12, trillions: 12,
  },
};
const MONEY_WORDS = new Set(["$", "usd", "us$", "dollar", "dollars"]);
export const STOP_WORDS = {
  en: new Set((
    "a an and are as at be been by can could did do does for from had has have how i in is it " +
    "its many much of on or say says said the their them there these they this those to was " +
    "were what when where which who why will with would"
  ).split(" ")),
  fr: new Set((
    "a à au aux avec ce ces combien comment dans de des du elle en est et il ils la le les leur " +
    "lui mais ne ou où par pas pour qu que quel quelle quelles quels qui sa se ses son sont sur " +
    "un une y"
  ).split(" ")),
};
// the largest number of significant digits the index keeps (search_numbers.MAX_DIGITS)
const MAX_DIGITS = 6;
// a bare four-digit number in this range is a year, searched as a word ("OpenAI revenue 2024");
// outside it, a number ("2048 GPUs")
export const YEARS = [1950, 2040];
const APOSTROPHES = /[’'ʼ]/g;

export function numberWord(digits, exponent) {
  let mantissa = digits.replace(/^0+/, "");
  if (!mantissa) return "n0e0q";
  if (mantissa.length > MAX_DIGITS) {
    exponent += mantissa.length - MAX_DIGITS;
    const kept = BigInt(mantissa.slice(0, MAX_DIGITS)) + (mantissa[MAX_DIGITS] >= "5" ? 1n : 0n);
    mantissa = kept.toString();
    if (mantissa.length > MAX_DIGITS) {
      mantissa = mantissa.slice(0, MAX_DIGITS);
      exponent += 1;
    }
  }
  const power = exponent < 0 ? `m${-exponent}` : `${exponent}`;
  return `n${mantissa}e${power}q`;
}

export function digitsWord(digits) {
  let kept = digits.replace(/^0+/, "");
  if (kept.length > MAX_DIGITS) kept = numberWord(kept, 0).slice(1).split("e")[0];
  return `d${kept.replace(/0+$/, "") || "0"}q`;
}

// "5,576,000" (en) or "5 576 000" (fr) -> { whole: "5576000", fraction: "" }; null if no number
function splitNumber(text, language) {
  const core = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d[\d.,]*$/.test(core)) return null;
  let decimal = language === "fr" ? "," : ".";
  let grouping = language === "fr" ? "." : ",";
  // "1,6" in English or "1.6" in French: a separator not followed by groups of three is decimal
  const groups = core.split(grouping);
  if (groups.length > 1 && !groups.slice(1).every((g) => /^\d{3}(?:[.,]\d*)?$/.test(g))) {
    [decimal, grouping] = [grouping, decimal];
  }
  const [whole, fraction = ""] = core.split(grouping).join("").split(decimal);
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  return { whole, fraction, pointed: core.includes(decimal) };
}

function scaleOf(word, language) {
  const bare = word.toLowerCase().replace(/\$$/, "");
  return Object.hasOwn(SCALES[language] || SCALES.en, bare)
    ? (SCALES[language] || SCALES.en)[bare]
    : null;
}

// One number at words[start]: the number word and how many words it took; null if none.
function readNumber(words, start, language) {
  const first = words[start].replace(/^[-−–]/, "").replace(/^(?:US)?\$/i, "");
  const found = /^(\d[\d.,]*)(.*)$/.exec(first);
  if (!found) return null;
  let [, text, suffix] = found;
  let used = 1;
  // "5 576 000": groups of three digits typed apart
  while (!suffix && start + used < words.length && /^\d{3}(?:[.,]\d+)?$/.test(words[start + used])
    && !/[.,]/.test(text.slice(-4))) {
    text += ` ${words[start + used]}`;
    used += 1;
  }
  const number = splitNumber(text, language);
  if (!number) return null;
  const money = first !== words[start].replace(/^[-−–]/, "") || /\$$/.test(suffix);
  let scale = suffix ? scaleOf(suffix, language) : null;
  if (suffix && scale === null && suffix !== "$" && suffix !== "%") return null; // "4o", "3.5B-x"
  if (scale === null && start + used < words.length) {
    const next = scaleOf(words[start + used], language);
    if (next !== null) {
      scale = next;
      used += 1;
    }
  }
  // "de dollars", "dollars", "$", "USD" after the number
  let rest = start + used;
  if (words[rest] && /^d(?:e|’|')$/i.test(words[rest]) && MONEY_WORDS.has((words[rest + 1] || "").toLowerCase())) {
    rest += 2;
  } else if (words[rest] && MONEY_WORDS.has(words[rest].toLowerCase())) {
    rest += 1;
  }
  const bare = scale === null && !money && rest === start + used;
  const plain = bare && !number.pointed;
  if (plain && number.whole.length === 4 && +number.whole >= YEARS[0] && +number.whole <= YEARS[1]) {
    return null; // a year, found as a word
  }
  let digits = number.whole + number.fraction;
  let exponent = (scale || 0) - number.fraction.length;
  digits = digits.replace(/^0+(?=\d)/, "");
  if (bare && !number.pointed && number.whole.length <= 2 && !number.fraction) {
    return null; // "Claude 3 Opus", "GPT 4": a short bare number is a word of a name
  }
  if (bare) {
    // a bare number says its digits, not its size: "5,576" finds $5.576M, "1,6" never 11.6
    return { word: digitsWord(digits), used: rest - start };
  }
  if (scale === null && !number.pointed) {
    // "5,576,000": the trailing zeros of a whole number hold places, they are not precision
    while (digits.length > 1 && digits.endsWith("0")) {
      digits = digits.slice(0, -1);
      exponent += 1;
    }
  }
  return { word: numberWord(digits, exponent), used: rest - start };
}

// The query as the index's words: { words: [...], numbers: n } (numbers: how many were read).
export function queryWords(query, language) {
  const stop = STOP_WORDS[language] || STOP_WORDS.en;
  const raw = query.replace(APOSTROPHES, "'").split(/\s+/).filter(Boolean);
  const words = [];
  let numbers = 0;
  for (let i = 0; i < raw.length; ) {
    const number = readNumber(raw, i, language);
    if (number) {
      words.push(number.word);
      numbers += 1;
      i += number.used;
      continue;
    }
    let word = raw[i];
    i += 1;
    if (language === "fr") word = word.replace(/^(?:[ldjmnst]|qu)'/i, "");
    if (stop.has(word.toLowerCase()) || /^[^\p{L}\p{N}]+$/u.test(word)) continue;
    words.push(word);
  }
  return { words, numbers };
}
