// A small W3C WebDriver client over fetch, and the harness that starts the real app
// under tauri-driver (which drives WebKitWebDriver). Enough for our end-to-end tests,
// with no browser download and no dependency.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const outputDir = resolve(process.env.DOSSIER_TEST_OUTPUT ?? join(repoRoot, "test-output"), "e2e");

/** The built app binary the tests drive (see the Makefile's e2e target). */
export function appBinary() {
  const binary = process.env.DOSSIER_APP;
  if (!binary) throw new Error("DOSSIER_APP must name the built dossier binary (run the tests through `make test`)");
  return resolve(binary);
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A temporary HOME, so WebKit's and the app's data stay out of the person's. */
export function scratchHome() {
  const home = mkdtempSync(join(tmpdir(), "dossier-e2e-"));
  return {
    home,
    env: { HOME: home, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") },
  };
}

export class Session {
  constructor(base, id, driver) {
    this.base = base;
    this.id = id;
    this.driver = driver;
  }

  /** Starts tauri-driver and the app with `env`, and opens a WebDriver session on it. */
  static async start(env) {
    const port = await freePort();
    const nativePort = await freePort();
    const driverBinary = process.env.TAURI_DRIVER ?? "tauri-driver";
    // Its own process group: closing kills the driver, WebKitWebDriver and the app
    // together, so no app outlives its test holding the test's pipes open.
    const driver = spawn(driverBinary, ["--port", String(port), "--native-port", String(nativePort)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let driverLog = "";
    driver.stdout.on("data", (d) => (driverLog += d));
    driver.stderr.on("data", (d) => (driverLog += d));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const status = await fetch(`${base}/status`);
        if (status.ok) break;
      } catch {
        /* not listening yet */
      }
      if (driver.exitCode !== null || Date.now() > deadline) {
        try {
          process.kill(-driver.pid, "SIGKILL");
        } catch {
          /* the group is gone already */
        }
        throw new Error(`tauri-driver did not start:\n${driverLog}`);
      }
      await sleep(100);
    }
    const created = await call(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: appBinary() } } },
    });
    return new Session(base, created.sessionId, driver);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Waits until `script` (a function body) returns something truthy, and returns it. */
  async waitFor(script, args = [], { timeout = 15_000, what = script } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.cmd("POST", "/execute/sync", { script, args });
      if (last) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what} (last value ${JSON.stringify(last)})`);
      await sleep(150);
    }
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Presses a key as a person would (W3C actions), with modifiers held:
   * `press("a")`, `press("k", ["Control"])`. */
  async press(key, modifiers = []) {
    const codes = { Control: "\uE009", Shift: "\uE008", Alt: "\uE00A", Enter: "\uE007", Escape: "\uE00C", ArrowDown: "\uE015" };
    const value = (k) => codes[k] ?? k;
    const actions = [
      ...modifiers.map((m) => ({ type: "keyDown", value: value(m) })),
      { type: "keyDown", value: value(key) },
      { type: "keyUp", value: value(key) },
      ...modifiers.reverse().map((m) => ({ type: "keyUp", value: value(m) })),
    ];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Types `text` into the element `selector` finds, as input events. */
  async type(selector, text) {
    await this.execute(
      "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
      [selector, text],
    );
  }

  async screenshot(name) {
    // Let the page paint what the last command changed before capturing it.
    await this.cmd("POST", "/execute/async", {
      script: "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
      args: [],
    });
    await sleep(100);
    const png = await this.cmd("GET", "/screenshot");
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `${name}.png`);
    writeFileSync(file, Buffer.from(png, "base64"));
    return file;
  }

  async close() {
    try {
      await this.cmd("DELETE", "");
    } catch (error) {
      console.error(`closing the WebDriver session: ${error.message}`);
    } finally {
      this.driver.kill("SIGTERM");
      await sleep(300);
      try {
        process.kill(-this.driver.pid, "SIGKILL");
      } catch {
        /* the group is gone already */
      }
      this.driver.stdout?.destroy();
      this.driver.stderr?.destroy();
    }
  }
}

async function call(base, method, path, body) {
  // No WebDriver call may hang a test run: a minute is far more than any takes.
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}
