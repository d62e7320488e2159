/** The V8 flags the production server runs with (scripts/node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
