/** The V8 flags the production server runs with (scripts/node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
/** The environment the production server starts with (scripts/node-flags.mjs). */
export declare const SERVER_ENV: Readonly<Record<string, string>>;
