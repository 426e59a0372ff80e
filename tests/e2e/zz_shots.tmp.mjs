import { join } from "node:path";
import { test } from "node:test";
import { openApp, repoRoot } from "./webdriver.mjs";
const text = (s) => `const el = document.querySelector(${JSON.stringify(s)}); return el && el.textContent.trim();`;
for (const name of ["tuning/en-gold-pipeline-turkey", "tuning/es-nicaragua-china-puerto", "tuning/pt-reuters-navios-iranianos-rio"]) {
  test(`shots ${name}`, async (t) => {
    const { session } = await openApp(t, { prepare: ({ cli }) => cli("import", join(repoRoot, "tests/fixtures/extract-dev", name + ".txt")) , size: [1280, 800]});
    await session.waitFor(text("[data-source-id] .title"));
    await session.press("2", ["Control"]);
    await session.waitFor(text(".queue .item.selected .label"));
    await new Promise((r) => setTimeout(r, 800));
    await session.screenshot("shot-review-" + name.split("/")[1]);
    await session.press("1", ["Control"]);
    await session.waitFor("const row = document.querySelector('[data-source-id]'); if (row) row.click(); return !!row;");
    await session.waitFor(text("[data-testid=reader-text]"));
    await new Promise((r) => setTimeout(r, 800));
    await session.screenshot("shot-reader-" + name.split("/")[1]);
  });
}
