/**
 * Counting text the way each platform counts it: the browser twin of
 * course/exercises/platforms.py. Every pattern and weight comes from the
 * server's client_rules(), so a live counter agrees with the server; only the
 * walk over the text is written twice and must stay in step with the Python.
 *
 * Indices are JavaScript (UTF-16) string indices.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const utf8 = new TextEncoder();

let rules = null;
let compiled = null;

/**
 * Take the rules from client_rules() (JSON) and compile their patterns.
 * @param {object} newRules
 */
export function configure(newRules) {
  const tokens = {};
  for (const [counting, spec] of Object.entries(newRules.countings)) {
    if (spec.tokens) {
      // "g" for matchAll, "u" so \p{...} and astral characters mean what they mean in Python's regex.
      tokens[counting] = new RegExp(spec.tokens.source, spec.tokens.flags + "gu");
    }
  }
  compiled = {
    tokens,
    emoji: new RegExp(newRules.emoji.source, newRules.emoji.flags + "u"),
    word: new RegExp(newRules.word.source, newRules.word.flags + "gu"),
  };
  rules = newRules;
}

function requireRules() {
  if (rules === null) {
    throw new Error("counting.js: call configure(rules) first");
  }
}

function codePointWeight(codePoint) {
  for (const [start, end, weight] of rules.code_point_weights.ranges) {
    if (codePoint >= start && codePoint <= end) {
      return weight;
    }
  }
  return rules.code_point_weights.default;
}

function clusterWeight(cluster, spec) {
  if (spec.emoji_bytes && compiled.emoji.test(cluster)) {
    return utf8.encode(cluster).length;
  }
  if (!spec.weighted) {
    return 1;
  }
  if (compiled.emoji.test(cluster)) {
    return rules.emoji.weight;
  }
  // Like twitter-text, count the composed form: "A" + combining acute is one "Á".
  let weight = 0;
  for (const char of cluster.normalize("NFC")) {
    weight += codePointWeight(char.codePointAt(0));
  }
  return weight;
}

function* clusters(text, start, end, spec) {
  // Segment the stretch between tokens on its own, exactly as the server does.
  for (const { segment, index } of graphemes.segment(text.slice(start, end))) {
    yield [start + index, clusterWeight(segment, spec)];
  }
}

function tokenWeight(match, weights) {
  for (const [group, weight] of Object.entries(weights)) {
    if (match.groups[group] !== undefined) {
      return typeof weight === "number" ? weight : [...match.groups[weight]].length;
    }
  }
  throw new Error(`counting.js: token matched no weighted group: ${match[0]}`);
}

function* units(text, counting) {
  const spec = rules.countings[counting];
  if (spec.unit === "code_point") {
    let index = 0;
    for (const char of text) {
      yield [index, 1];
      index += char.length;
    }
  } else if (spec.unit === "word") {
    for (const match of text.matchAll(compiled.word)) {
      yield [match.index, 1];
    }
  } else {
    let position = 0;
    const tokens = compiled.tokens[counting];
    if (tokens) {
      for (const match of text.matchAll(tokens)) {
        yield* clusters(text, position, match.index, spec);
        yield [match.index, tokenWeight(match, spec.tokens.weights)];
        position = match.index + match[0].length;
      }
    }
    yield* clusters(text, position, text.length, spec);
  }
}

/**
 * How long `text` is in `counting` units, and where it first runs over `limit`.
 * @param {string} text
 * @param {string} counting "x" | "mastodon" | "graphemes" | "threads" | "characters" | "words"
 * @param {number|null} limit
 * @returns {{length: number, limit: number|null, overflowAt: number|null}}
 */
export function measure(text, counting, limit) {
  requireRules();
  if (!Object.hasOwn(rules.countings, counting)) {
    throw new Error(`Unknown counting '${counting}'`);
  }
  let length = 0;
  let overflowAt = null;
  for (const [start, weight] of units(text, counting)) {
    length += weight;
    if (overflowAt === null && limit !== null && limit !== undefined && length > limit) {
      overflowAt = start;
    }
  }
  return { length, limit: limit ?? null, overflowAt };
}

/** The platform called `key` (case-insensitive), as in client_rules()["platforms"]. */
function getPlatform(key) {
  requireRules();
  const normalised = String(key).trim().toLowerCase();
  if (!Object.hasOwn(rules.platforms, normalised)) {
    const names = Object.values(rules.platforms).map((platform) => platform.name).join(", ");
    throw new Error(`Unknown platform '${key}'. Choose one of: ${names}.`);
  }
  return rules.platforms[normalised];
}

/** The length of `text` as the platform `platformKey` counts it. */
export function weightedLength(platformKey, text) {
  return measure(text, getPlatform(platformKey).counting, null).length;
}
