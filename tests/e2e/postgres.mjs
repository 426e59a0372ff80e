// A throwaway PostgreSQL cluster for end-to-end tests: `initdb` into a temporary
// folder, a Unix socket there and password logins, killed when the test ends. As root,
// the server programs run as the `postgres` user (PostgreSQL refuses root). The same
// recipe as dossier-sync's `testing::Cluster`, for tests written in JavaScript.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ADMIN = "dossier_admin";
const ADMIN_PASSWORD = "admin secret";

/** Where PostgreSQL's server programs are: `pg_config --bindir`, else Debian's folders. */
function serverPrograms() {
  try {
    const bin = execFileSync("pg_config", ["--bindir"]).toString().trim();
    if (existsSync(join(bin, "initdb"))) return bin;
  } catch {
    /* no pg_config: look where Debian puts them */
  }
  const root = "/usr/lib/postgresql";
  const found = existsSync(root)
    ? readdirSync(root)
        .map((version) => join(root, version, "bin"))
        .filter((bin) => existsSync(join(bin, "initdb")))
        .sort()
    : [];
  return found.at(-1) ?? null;
}

const isRoot = () => process.getuid?.() === 0;

function run(bin, program, args) {
  const [command, all] = isRoot() ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
  return execFileSync(command, all, { stdio: ["ignore", "pipe", "pipe"] }).toString();
}

/** Whether the tests can run a cluster here (`make test` installs Debian's `postgresql`). */
export const havePostgres = () => serverPrograms() !== null;

/** Starts a cluster; `stop()` kills it and removes its folder. */
export function startCluster() {
  const bin = serverPrograms();
  if (!bin) throw new Error("no PostgreSQL server programs: install Debian's `postgresql` package (make test does)");
  const dir = mkdtempSync(join(tmpdir(), "dossier-pg-"));
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    chownSync(dir, uid, -1);
  }
  const passwordFile = join(dir, "admin-password");
  writeFileSync(passwordFile, ADMIN_PASSWORD, { mode: 0o644 });
  const data = join(dir, "data");
  run(bin, "initdb", ["-D", data, "-U", ADMIN, "--pwfile", passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"]);
  run(bin, "pg_ctl", ["-D", data, "-o", `-k ${dir} -c listen_addresses='' -c fsync=off`, "-l", join(dir, "server.log"), "-w", "start"]);
  return {
    /** The folder of the server's socket: the "host" a desktop connects to. */
    socket: dir,
    /** A superuser's connection string, for `dossier team`. */
    admin: `host=${dir} user=${ADMIN} password='${ADMIN_PASSWORD}' dbname=postgres`,
    stop() {
      try {
        run(bin, "pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } catch {
        /* stopped already */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
