import { Client } from 'pg';

/** Row counts of every table in the `public` schema, by table name. */
export type RowCounts = Map<string, number>;

/**
 * A throwaway PostgreSQL database for the CLI cases: created fresh, counted
 * before and after each case, dropped at the end.
 */
export class FuzzDatabase {
  private constructor(
    readonly url: string,
    private readonly adminUrl: string,
    readonly name: string,
  ) {}

  /** Creates `tsforecast_fuzz_<pid>` on the server of `adminUrl` (a database to connect to for CREATE DATABASE). */
  static async create(adminUrl: string): Promise<FuzzDatabase> {
    const name = `tsforecast_fuzz_${process.pid}`;
    await FuzzDatabase.admin(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return new FuzzDatabase(url.toString(), adminUrl, name);
  }

  private static async admin(adminUrl: string, statements: string[]): Promise<void> {
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async rowCounts(): Promise<RowCounts> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      const counts: RowCounts = new Map();
      for (const { name } of tables.rows) {
        const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
        counts.set(name, Number(result.rows[0]!.n));
      }
      return counts;
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await FuzzDatabase.admin(this.adminUrl, [`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`]);
  }
}

/** The tables whose counts differ (`name: before → after`), empty if none. */
export function countChanges(before: RowCounts, after: RowCounts): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((n) => before.get(n) !== after.get(n))
    .map((n) => `${n}: ${before.get(n) ?? 'absent'} → ${after.get(n) ?? 'absent'}`);
}
