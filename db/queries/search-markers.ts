/** Markers around a match in a search snippet (private-use characters: never markup, never in the HTML). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';
