export const PG_INSTALL_COMMAND: string;
/** The folder holding initdb and postgres; throws an Error naming the install command when missing. */
export function findPgBin(): string;

export interface PgTestServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> (default database: postgres). */
  url(database?: string): string;
  /** Creates an empty database (a plain lower-case name) and returns its URL. */
  createDatabase(name: string): string;
  /** Shuts the server down and removes its folder. */
  stop(): Promise<void>;
}

export function startPgTestServer(): Promise<PgTestServer>;
