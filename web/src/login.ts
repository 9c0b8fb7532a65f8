// Signing in from inside the workbench: when the server (started with --token) answers 401 — its
// cookie is missing, or from another token after a restart — a small form asks for the token,
// posts it to /api/login (which sets an HttpOnly cookie) and the refused requests are sent again.
import { ApiError, type Client, type LoginPrompt } from "./api";
import { el } from "./dom";

/** Posts the token; null when signed in, else what to tell the user. */
export async function attemptLogin(client: Client, token: string): Promise<string | null> {
  if (!token.trim()) return "Enter the token the server was started with.";
  try {
    await client.login(token.trim());
    return null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return "That token is not this server's.";
    if (e instanceof ApiError) return e.detail.text; // 429 says when to try again
    return `The server did not answer: ${(e as Error).message}`;
  }
}

/** A prompt that shows a modal sign-in form over the workbench (one at a time). */
export function loginPrompt(client: Client, parent: HTMLElement = document.body): LoginPrompt {
  return () =>
    new Promise<boolean>((resolve) => {
      const input = el("input", { id: "login-token", type: "password", name: "token", autocomplete: "current-password", required: "" });
      const status = el("p", { id: "login-status", class: "login-status", role: "alert" });
      const submit = el("button", { type: "submit" }, "Sign in");
      const cancel = el("button", { type: "button" }, "Cancel");
      const form = el(
        "form",
        { class: "login-form" },
        el("h2", { id: "login-heading" }, "Sign in to this mend server"),
        el("p", {}, "The server needs its token (the --token it was started with)."),
        el("label", { for: "login-token" }, "Token"),
        input,
        el("div", { class: "login-buttons" }, submit, cancel),
        status,
      );
      const dialog = el("dialog", { id: "login-dialog", class: "login-dialog", "aria-labelledby": "login-heading" }, form);
      let done = false;
      const finish = (signedIn: boolean): void => {
        if (done) return;
        done = true;
        if (dialog.open) dialog.close();
        dialog.remove();
        resolve(signedIn);
      };
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        submit.disabled = true;
        status.textContent = "Signing in…";
        void attemptLogin(client, input.value).then((problem) => {
          if (problem === null) return finish(true);
          status.textContent = problem;
          submit.disabled = false;
          input.select();
        });
      });
      cancel.addEventListener("click", () => finish(false));
      dialog.addEventListener("close", () => finish(false)); // Escape
      parent.append(dialog);
      dialog.showModal();
      input.focus();
    });
}
