"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/server/action.server";
import { reinviteUserAction, resetUserPasswordAction, setUserActiveAction, unlockUserAction } from "./actions";

export interface UserAdminRow {
  id: string;
  email: string;
  displayName: string;
  roleLabel: string;
  centreCode: string | null;
  stateLabel: string;
  active: boolean;
  hasPassword: boolean;
  isSelf: boolean;
  failedAttempts: number;
  /** Formatted, when the account is locked now. */
  lockedUntil: string | null;
}

// Links that choose a password go to their owner by mail only: the notice says so, it never shows one.
type Notice = { kind: "text"; text: string };

/** The users table with the coordinator's actions, and the sign-in lock-outs with "unlock". */
export function UsersAdmin({ rows }: { rows: UserAdminRow[] }) {
  const t = useTranslations("admin.users");
  const tu = useTranslations("users");
  const tc = useTranslations("common");
  const ts = useTranslations("security.users");
  const text = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  async function run<T>(key: string, action: () => Promise<ActionResult<T>>, onOk: (data: T) => Notice) {
    setBusy(key);
    setErrors([]);
    setNotice(null);
    try {
      const result = await action();
      if (result.ok) {
        setNotice(onOk(result.data));
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(null);
    }
  }

  const lockouts = rows.filter((r) => r.lockedUntil !== null || r.failedAttempts > 0);

  return (
    <>
      {notice?.kind === "text" ? (
        <p className="notice notice--ok" role="status" data-testid="user-notice">
          {notice.text}
        </p>
      ) : null}
      <FormErrors messages={errors} />
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{tu("displayName")}</th>
            <th scope="col">{tu("email")}</th>
            <th scope="col">{tu("role")}</th>
            <th scope="col">{tu("centre")}</th>
            <th scope="col">{tu("state")}</th>
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>
                {u.displayName} {u.isSelf ? <span className="muted">{t("you")}</span> : null}
              </td>
              <td>{u.email}</td>
              <td>{u.roleLabel}</td>
              <td>{u.centreCode ?? "—"}</td>
              <td>{u.stateLabel}</td>
              <td>
                <div className="button-row" role="group" aria-label={t("actionsFor", { email: u.email })}>
                  {u.active && !u.isSelf ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== null}
                      onClick={() =>
                        run(
                          `off-${u.id}`,
                          () => setUserActiveAction(u.id, false),
                          () => ({ kind: "text", text: t("disabled", { email: u.email }) }),
                        )
                      }
                    >
                      {t("disable")}
                    </button>
                  ) : null}
                  {!u.active ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== null}
                      onClick={() =>
                        run(
                          `on-${u.id}`,
                          () => setUserActiveAction(u.id, true),
                          () => ({ kind: "text", text: t("enabled", { email: u.email }) }),
                        )
                      }
                    >
                      {t("enable")}
                    </button>
                  ) : null}
                  {u.active && !u.hasPassword ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== null}
                      onClick={() =>
                        run(
                          `inv-${u.id}`,
                          () => reinviteUserAction(u.id),
                          () => ({ kind: "text", text: ts("linkMailed", { email: u.email }) }),
                        )
                      }
                    >
                      {t("reinvite")}
                    </button>
                  ) : null}
                  {u.active && u.hasPassword && !u.isSelf ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy !== null}
                      onClick={() =>
                        run(
                          `pw-${u.id}`,
                          () => resetUserPasswordAction(u.id),
                          () => ({ kind: "text", text: ts("linkMailed", { email: u.email }) }),
                        )
                      }
                    >
                      {t("reset")}
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("lockoutsTitle")}</h2>
      <p className="help">{t("lockoutsIntro")}</p>
      {lockouts.length === 0 ? (
        <p className="empty" data-testid="no-lockouts">
          {t("noLockouts")}
        </p>
      ) : (
        <table className="table table--compact" data-testid="lockouts-table">
          <thead>
            <tr>
              <th scope="col">{tu("email")}</th>
              <th scope="col">{t("failedAttempts")}</th>
              <th scope="col">{t("lockedUntil")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {lockouts.map((u) => (
              <tr key={u.id} data-testid={`lockout-${u.email}`}>
                <td>{u.email}</td>
                <td>{u.failedAttempts}</td>
                <td>{u.lockedUntil ?? "—"}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy !== null}
                    aria-label={`${t("unlock")} ${u.email}`}
                    onClick={() =>
                      run(
                        `unl-${u.id}`,
                        () => unlockUserAction(u.id),
                        () => ({ kind: "text", text: t("unlocked", { email: u.email }) }),
                      )
                    }
                  >
                    {t("unlock")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
