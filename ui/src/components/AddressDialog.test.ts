import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import AddressDialog from "./AddressDialog.svelte";
import CaptureDetails from "./CaptureDetails.svelte";

describe("AddressDialog", () => {
  it("imports a web address and refuses other kinds", async () => {
    const onImport = vi.fn();
    render(AddressDialog, { open: true, onImport });
    const field = screen.getByTestId("address-input");
    const button = screen.getByTestId("address-import") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.input(field, { target: { value: "file:///etc/passwd" } });
    expect(button.disabled).toBe(true);
    expect(screen.getByRole("alert").textContent).toContain("http:// or https://");
    await fireEvent.input(field, { target: { value: "  https://news.example.org/a b " } });
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(onImport).toHaveBeenCalledWith("https://news.example.org/a%20b");
    expect(screen.queryByTestId("address-dialog")).toBeNull();
  });
});

describe("CaptureDetails", () => {
  it("shows a fetched page's chain of custody, redirects and headers included", () => {
    render(CaptureDetails, {
      capture: {
        kind: "fetched",
        address: "https://t.example/x",
        final_address: "https://news.example.org/pact",
        status: 200,
        redirects: [{ address: "https://t.example/x", status: 301 }],
        headers: [
          { name: "content-type", value: "text/html; charset=utf-8" },
          { name: "last-modified", value: "Tue, 04 Jun 2024 10:00:00 GMT" },
        ],
        captured_at: "2026-12-07T21:00:00Z",
        sha256: "ab".repeat(32),
      },
    });
    expect(screen.getByTestId("capture-redirect").textContent).toBe("301 from https://t.example/x");
    expect(screen.getByTestId("capture-final").textContent).toBe("https://news.example.org/pact");
    expect(screen.getByTestId("capture-status").textContent).toBe("HTTP 200");
    expect(screen.getByText("Last-Modified").nextElementSibling?.textContent).toBe("Tue, 04 Jun 2024 10:00:00 GMT");
    expect(screen.getByTestId("capture-time").textContent).toContain("2026-12-07T21:00:00Z");
  });

  it("says so when a clipping's browser gave no page address", () => {
    render(CaptureDetails, {
      capture: {
        kind: "clipping",
        address: null,
        final_address: null,
        status: null,
        redirects: [],
        headers: [],
        captured_at: "2026-12-07T21:00:00Z",
        sha256: "cd".repeat(32),
      },
    });
    expect(screen.getByText("Clipped from a page")).toBeTruthy();
    expect(screen.getByTestId("capture-address").textContent).toBe("not given by the browser");
  });
});
