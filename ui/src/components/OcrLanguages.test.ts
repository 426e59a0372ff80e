import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

const ocrLanguages = vi.fn();
const setOcrLanguages = vi.fn();
vi.mock(import("../api"), async (importOriginal) => ({
  ...(await importOriginal()),
  api: {
    ocrLanguages: (...args: unknown[]) => ocrLanguages(...args),
    setOcrLanguages: (...args: unknown[]) => setOcrLanguages(...args),
  } as never,
}));

const { default: OcrLanguages } = await import("./OcrLanguages.svelte");

afterEach(() => {
  ocrLanguages.mockReset();
  setOcrLanguages.mockReset();
});

describe("OcrLanguages", () => {
  it("offers the installed languages, the chosen first, and keeps a change", async () => {
    ocrLanguages.mockResolvedValue({ chosen: ["eng", "spa"], installed: ["ara", "eng", "fas", "spa"], missing: null });
    setOcrLanguages.mockImplementation(async (chosen: string[]) => ({
      chosen,
      installed: ["ara", "eng", "fas", "spa"],
      missing: null,
    }));
    render(OcrLanguages);
    const boxes = await screen.findAllByRole("checkbox");
    expect(boxes.map((b) => b.parentElement?.textContent?.trim())).toEqual(["English", "Spanish", "Arabic", "Persian"]);
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, false, false]);

    await fireEvent.click(screen.getByTestId("ocr-language-ara"));
    expect(setOcrLanguages).toHaveBeenCalledWith(["eng", "spa", "ara"]);
    await fireEvent.click(screen.getByTestId("ocr-language-eng"));
    expect(setOcrLanguages).toHaveBeenLastCalledWith(["spa", "ara"]);
  });

  it("puts a box back when its language could not be kept", async () => {
    ocrLanguages.mockResolvedValue({ chosen: ["eng"], installed: ["eng", "spa"], missing: null });
    setOcrLanguages.mockRejectedValue(new Error("the languages could not be kept: disk full"));
    render(OcrLanguages);
    const spanish = (await screen.findByTestId("ocr-language-spa")) as HTMLInputElement;
    await fireEvent.click(spanish);
    await vi.waitFor(() => expect(setOcrLanguages).toHaveBeenCalled());
    await vi.waitFor(() => expect(spanish.checked).toBe(false));
  });

  it("never leaves no language chosen", async () => {
    ocrLanguages.mockResolvedValue({ chosen: ["eng"], installed: ["eng", "spa"], missing: null });
    render(OcrLanguages);
    const english = (await screen.findByTestId("ocr-language-eng")) as HTMLInputElement;
    expect(english.disabled).toBe(true);
    expect((screen.getByTestId("ocr-language-spa") as HTMLInputElement).disabled).toBe(false);
  });

  it("says so when Tesseract is not installed", async () => {
    ocrLanguages.mockResolvedValue({
      chosen: ["eng"],
      installed: [],
      missing: "Tesseract OCR (Debian/Ubuntu package tesseract-ocr) is not installed, so its text was not read",
    });
    render(OcrLanguages);
    expect((await screen.findByTestId("ocr-missing")).textContent).toContain("tesseract-ocr");
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
  });
});
