// The Library at 100,000 sources inside the real webview (issue 10): a synthetic library
// (`dossier dev gen-store --sources`), the app started on it under Xvfb through
// WebDriver; the time from starting the app to a Library that lists sources and answers
// the page, and frame times while the list scrolls through thousands of rows (one step
// per frame, as a fast wheel does). Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { appBinary, scratchHome, Session } from "../e2e/webdriver.mjs";

const sources = Number(process.env.LIBRARY_SOURCES ?? 100_000);
const scratch = scratchHome();
const store = join(scratch.home, "library-bench.dossier");
const built = Date.now();
execFileSync(appBinary(), ["--db", store, "dev", "gen-store", "--sources", String(sources), "--actors", "500", "--claims", "2000"], {
  env: { ...process.env, ...scratch.env },
});
console.log(`library      ${sources + 20} sources generated in ${((Date.now() - built) / 1000).toFixed(1)} s`);

// Twice: the first start pays for reading the store from disk, the second is warm.
for (const run of ["first", "again"]) {
  const started = performance.now();
  const session = await Session.start({ ...scratch.env, DOSSIER_DB: store });
  try {
    await session.waitFor("return document.querySelectorAll('[data-source-id]').length > 0", [], { timeout: 120_000, what: "the Library's rows" });
    const launchMs = performance.now() - started;
    if (run === "first") {
      console.log(`launch       ${launchMs.toFixed(0)} ms from starting the app to a Library listing sources (first start; WebDriver session included)`);
      continue;
    }
    console.log(`launch again ${launchMs.toFixed(0)} ms`);
    const frames = await session.cmd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        const list = document.querySelector('.viewport');
        const times = [];
        const step = (t) => {
          times.push(t);
          list.scrollTop += 240;
          if (times.length < 240) requestAnimationFrame(step); else done(times);
        };
        requestAnimationFrame(step);`,
      args: [],
    });
    const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
    const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
    const shown = await session.execute("return document.querySelectorAll('[data-source-id]').length;");
    const scrolled = await session.execute("return document.querySelector('.viewport').scrollTop;");
    console.log(
      `scrolling    ${((frames.length - 1) / seconds).toFixed(1)} frames/s over ${frames.length} frames; median ${gaps[Math.floor(gaps.length / 2)].toFixed(1)} ms, p95 ${gaps[Math.floor(gaps.length * 0.95)].toFixed(1)} ms; ${Math.round(scrolled)} px scrolled, ${shown} rows in the page (virtualised)`,
    );
    // For comparison: the same scroll over a plain list of 3,000 copies of a row, all in
    // the page and nothing fetched, laid over the window: what painting the rows costs in
    // this webview without the Library's virtualisation.
    const plain = await session.cmd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        const plain = document.createElement('div');
        plain.style.cssText = 'position:fixed;inset:0;overflow-y:auto;background:var(--bg, white);z-index:99';
        const row = document.querySelector('[data-source-id]').parentElement;
        const inner = document.createElement('div');
        for (let i = 0; i < 3000; i++) {
          const copy = row.cloneNode(true);
          copy.style.position = 'static';
          copy.style.transform = '';
          inner.appendChild(copy);
        }
        plain.appendChild(inner);
        document.body.appendChild(plain);
        const times = [];
        const step = (t) => {
          times.push(t);
          plain.scrollTop += 240;
          if (times.length < 240) requestAnimationFrame(step); else { plain.remove(); done(times); }
        };
        setTimeout(() => requestAnimationFrame(step), 300);`,
      args: [],
    });
    const plainSeconds = (plain[plain.length - 1] - plain[0]) / 1000;
    console.log(
      `plain list   ${((plain.length - 1) / plainSeconds).toFixed(1)} frames/s: the same scroll over a plain list of 3,000 copies of a row, not virtualised (for comparison: what this webview paints per frame here)`,
    );
  } finally {
    await session.close();
  }
}
