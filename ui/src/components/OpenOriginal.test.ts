import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

const openOriginal = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: { openOriginal: (...args: unknown[]) => openOriginal(...args) } as never,
}));

const { default: OpenOriginal } = await import("./OpenOriginal.svelte");

afterEach(() => openOriginal.mockReset());

describe("OpenOriginal", () => {
  it("opens a web page as an inert copy, and the page itself only after the warning", async () => {
    openOriginal.mockResolvedValue(null);
    render(OpenOriginal, { sourceId: 4, mediaType: "text/html" });
    await fireEvent.click(screen.getByRole("button", { name: "Open inert copy" }));
    expect(openOriginal).toHaveBeenLastCalledWith(4, "safe");

    await fireEvent.click(screen.getByRole("button", { name: "Open original page…" }));
    const warning = screen.getByRole("alertdialog");
    expect(warning.textContent?.replace(/\s+/g, " ")).toContain("tell the page's author");
    expect(openOriginal).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(openOriginal).toHaveBeenCalledTimes(1);

    await fireEvent.click(screen.getByRole("button", { name: "Open original page…" }));
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Open original page…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Open the original page" }));
    expect(openOriginal).toHaveBeenLastCalledWith(4, "original_page");
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("opens other files as they are, with no warning to give", async () => {
    openOriginal.mockResolvedValue(null);
    render(OpenOriginal, { sourceId: 9, mediaType: "application/pdf" });
    expect(screen.queryByRole("button", { name: "Open original page…" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Open original" }));
    expect(openOriginal).toHaveBeenLastCalledWith(9, "safe");
  });
});
