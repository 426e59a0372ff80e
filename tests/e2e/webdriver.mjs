// A small W3C WebDriver client over fetch, and the harness that starts the real app
// under tauri-driver (which drives WebKitWebDriver). Enough for our end-to-end tests,
// with no browser download and no dependency.
import { execFileSync, spawn } from "node:child_process";
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

/** Runs xdotool (the X server's pointer, keyboard and windows under Xvfb). */
export const xdotool = (...args) => execFileSync("xdotool", args.map(String)).toString();

/** The X windows of the app (one test runs at a time: they are its windows). */
function windowIds() {
  return xdotool("search", "--name", "^Dossier$").trim().split("\n").filter(Boolean);
}

/** A temporary HOME, so WebKit's and the app's data stay out of the person's. */
export function scratchHome() {
  const home = mkdtempSync(join(tmpdir(), "dossier-e2e-"));
  return {
    home,
    env: { HOME: home, XDG_DATA_HOME: join(home, "data"), XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") },
  };
}

/** Runs the app's command line on `store` with `env` (the CLI shares the app's binary). */
export function cliOn(store, env) {
  return (...args) => execFileSync(appBinary(), ["--db", store, ...args], { env: { ...process.env, ...env } }).toString();
}

/**
 * A fresh app for one test: its own HOME (so its own store, prefs and WebKit data),
 * a window of a fixed size, closed when the test ends. `prepare` runs before the app
 * starts, with `{ home, store, cli }`, to fill the store through the command line.
 * Nothing is shared with another test, so tests pass alone and in any order.
 */
export async function openApp(t, { storeName = "library.dossier", prepare, size } = {}) {
  const scratch = scratchHome();
  const store = join(scratch.home, storeName);
  const cli = cliOn(store, scratch.env);
  if (prepare) await prepare({ home: scratch.home, store, cli });
  const session = await Session.start({ ...scratch.env, DOSSIER_DB: store }, { size });
  t.after(() => session.close());
  return { session, home: scratch.home, env: scratch.env, store, cli };
}

export class Session {
  constructor(base, id, driver) {
    this.base = base;
    this.id = id;
    this.driver = driver;
  }

  /** Starts tauri-driver and the app with `env`, and opens a WebDriver session on it.
   * The window is then put at the screen's top left at `size` (CSS pixels, the
   * default 1200×760 fits the 1280×800 screen the Makefile gives Xvfb), so no test
   * depends on what size a window last had; `size: null` leaves it as the app made it. */
  static async start(env, { size = [1200, 760] } = {}) {
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
    const session = new Session(base, created.sessionId, driver);
    if (size) await session.placeWindow(size);
    return session;
  }

  /** Moves the app's window to the top left and gives it `size`, through the X server. */
  async placeWindow([width, height]) {
    const ids = windowIds();
    for (const id of ids) {
      xdotool("windowmove", id, 0, 0);
      xdotool("windowsize", id, width, height);
    }
    await this.waitFor(`return window.innerWidth === ${width} && window.innerHeight === ${height};`, [], {
      what: `the window at ${width}×${height}`,
      timeout: 5_000,
    });
  }

  /** The top left of the page's viewport on the screen, in X pixels. */
  windowOrigin() {
    const geometry = xdotool("getwindowgeometry", windowIds()[0]);
    const [, left, top] = /Position: (-?\d+),(-?\d+)/.exec(geometry).map(Number);
    return [left, top];
  }

  /** Drags `paths` with a real X pointer from a GTK window offering them as
   * text/uri-list (as a file manager does) onto the middle of the app's window. */
  dropFiles(paths) {
    return this.dragOnto(paths);
  }

  /** Drags what a browser offers (`[[target, value], …]`: a link's text/x-moz-url,
   * text/uri-list, _NETSCAPE_URL, text/html, text/plain…) onto the middle of the window. */
  dropOffers(offers, at = [0.5, 0.5]) {
    return this.dragOnto(offers.flatMap(([target, value]) => ["--offer", `${target}=${value}`]), at);
  }

  /** Drags from drag_source.py (given `args`) onto the window, at `at` (fractions of its
   * width and height; the middle unless said). */
  async dragOnto(args, at = [0.5, 0.5]) {
    const paths = args;
    const [left, top] = this.windowOrigin();
    const [width, height] = await this.execute("return [window.innerWidth, window.innerHeight];");
    const target = [left + Math.round(width * at[0]), top + Math.round(height * at[1])];
    const source = spawn("/usr/bin/python3", [join(repoRoot, "tests/e2e/drag_source.py"), "1140", "660", ...paths], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise((ready, fail) => {
        source.stdout.on("data", (d) => String(d).includes("ready") && ready());
        source.on("exit", (code) => fail(new Error(`the drag source exited (${code}) before it was ready`)));
        setTimeout(() => fail(new Error("the drag source never became ready")), 15_000);
      });
      const from = [1200, 720];
      xdotool("mousemove", ...from);
      await sleep(200);
      xdotool("mousedown", 1);
      const steps = 35;
      for (let i = 1; i <= steps; i++) {
        xdotool("mousemove", Math.round(from[0] + ((target[0] - from[0]) * i) / steps), Math.round(from[1] + ((target[1] - from[1]) * i) / steps));
        await sleep(25);
      }
      await sleep(300);
      xdotool("mouseup", 1);
    } finally {
      await sleep(800);
      source.kill();
    }
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
    const codes = {
      Control: "\uE009",
      Shift: "\uE008",
      Alt: "\uE00A",
      Enter: "\uE007",
      Escape: "\uE00C",
      ArrowLeft: "\uE012",
      ArrowUp: "\uE013",
      ArrowRight: "\uE014",
      ArrowDown: "\uE015",
    };
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

  /** Opens `url` in the window (a file the app wrote, to look at it as a person would). */
  async open(url) {
    await this.cmd("POST", "/url", { url });
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

/** Selects `passage` in the reader's text as a person would with the mouse; returns
 *  what the page then has selected. */
export function selectInReader(session, passage) {
  return session.execute(
    `const box = document.querySelector('[data-testid=reader-text]');
    const sentence = arguments[0];
    const at = box.textContent.indexOf(sentence);
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    let seen = 0, start = null, end = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (!start && at < seen + length) start = [node, at - seen];
      if (!end && at + sentence.length <= seen + length) { end = [node, at + sentence.length - seen]; break; }
      seen += length;
    }
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();`,
    [passage],
  );
}
