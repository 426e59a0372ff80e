// The one door from the UI to Rust. Every command comes from the generated
// `bindings.ts`; this module only turns a failed command into a thrown DossierError
// carrying the `{code, message}` the Rust side chose.
import { commands, type ApiError, type ErrorCode } from "./bindings";

/** What every generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
  }
}

export async function unwrap<T>(pending: Promise<Result<T, ApiError>>): Promise<T> {
  const result = await pending;
  if (result.status === "ok") return result.data;
  throw new DossierError(result.error);
}

type Commands = typeof commands;
type Unwrapped<F> = F extends (...args: infer A) => Promise<Result<infer T, ApiError>>
  ? (...args: A) => Promise<T>
  : never;

export type Api = { [K in keyof Commands]: Unwrapped<Commands[K]> };

export const api: Api = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    (...args: unknown[]) => unwrap((command as (...a: unknown[]) => Promise<Result<unknown, ApiError>>)(...args)),
  ]),
) as Api;
